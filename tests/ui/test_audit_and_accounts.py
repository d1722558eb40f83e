"""The Audit screen (administrators only) and the Accounts part of Settings."""

from __future__ import annotations

from facilitator.services import account_admin
from facilitator.ui.screens.audit_model import COL_ACTION, COL_USER
from tests.conftest import TEST_ADMIN


def test_the_audit_screen_lists_filters_and_verifies(window, store):
    account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                              role="monitor")
    window.show_screen("audit")
    screen = window.pages["audit"]
    model = screen.model
    assert model.rowCount() > 0 and not screen.denied.isVisible()
    actions = {model.data(model.index(r, COL_ACTION)) for r in range(model.rowCount())}
    assert "user create" in actions
    screen.action.setCurrentText("user_create")
    assert {model.data(model.index(r, COL_ACTION)) for r in range(model.rowCount())} == {"user create"}
    assert TEST_ADMIN in {model.data(model.index(r, COL_USER)) for r in range(model.rowCount())}
    screen.verify()
    assert "intact" in screen.status.text()


def test_non_admins_see_why_not(window, store):
    account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                              role="monitor")
    from facilitator.services.accounts import find_account, to_actor

    with store.session() as s:
        store.actor = to_actor(find_account(s, "kim"))
    window.show_screen("audit")
    screen = window.pages["audit"]
    assert screen.denied.isVisibleTo(screen) and not screen.table.isVisibleTo(screen)


def test_accounts_panel_lists_people_for_admins(window, store):
    account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                              role="monitor", credentials="RN")
    window.show_screen("settings")
    panel = window.pages["settings"].accounts
    panel.refresh()
    texts = [w.text() for w in panel.findChildren(type(panel.message)) if w.text()]
    assert any("Kim Park, RN" in t for t in texts)
    assert not panel.add_button.isHidden()
    panel.set_active(next(r for r in account_admin.list_accounts(store, window.ctx.clock.now())
                          if r.username == "kim"), False)
    assert "deactivated" in panel.message.text()
