"""A plaintext clinic is offered encryption after an administrator signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from facilitator.db.models import Participant
from facilitator.services.clinic_keys import Credentials
from facilitator.services.store import NewClinic, open_store
from facilitator.ui.dialogs.encrypt_dialog import EncryptDialog
from tests.conftest import TEST_PASSWORD


def test_encrypting_from_the_dialog_keeps_the_records(qtbot, tmp_path):
    plain = open_store(data_dir=tmp_path, plaintext=True,
                       new_clinic=NewClinic(username="admin", display_name="Robin", password=TEST_PASSWORD))
    with plain.session() as s:
        s.add(Participant(legal_first_name="Ana", legal_last_name="Ruiz"))
    plain.dispose()
    store = open_store(data_dir=tmp_path, credentials=Credentials("admin", TEST_PASSWORD))
    dialog = EncryptDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(TEST_PASSWORD)
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.recovery.isVisible(), timeout=20000)
    dialog.recovery.kept.setChecked(True)
    qtbot.mouseClick(dialog.recovery.continue_button, Qt.MouseButton.LeftButton)
    encrypted = dialog.store
    try:
        assert encrypted.encrypted and encrypted is not store
        with encrypted.session() as s:
            assert s.scalars(select(Participant.legal_last_name)).one() == "Ruiz"
        assert b"Ruiz" not in (tmp_path / "facilitator.db").read_bytes()
    finally:
        encrypted.dispose()
