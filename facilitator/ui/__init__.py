"""The desktop interface (PySide6): main window, screens, widgets, theme and icons."""
