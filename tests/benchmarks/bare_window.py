"""The floor of a cold start: a bare PySide6 QMainWindow process that exits at its first paint.

Run as its own process by ``test_cold_start``; it does what ``facilitator --smoke-test`` does around
its window (QApplication, a 1280 × 800 window shown offscreen, leave at the first paint event).
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    spy = FirstPaint(window)
    window.installEventFilter(spy)
    window.resize(1280, 800)
    window.show()
    sys.exit(app.exec())
