"""A colleague's password is checked for a witness without switching who is signed in."""

from __future__ import annotations

import pytest

from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services import account_admin
from facilitator.services.witness_check import verify_witness
from tests.conftest import TEST_ADMIN, TEST_PASSWORD
from tests.services.inventory_scenario import START

PASSWORD = "vitals every forty"


def test_verify_witness_rules(store) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(START)
    kim = account_admin.add_account(store, username="kim", display_name="Kim Park", password=PASSWORD, role="monitor")
    assert verify_witness(store, " Kim ", PASSWORD, clock) == kim
    assert store.actor.username == TEST_ADMIN
    with pytest.raises(UserError, match="not right"):
        verify_witness(store, "kim", "nope", clock)
    with pytest.raises(UserError, match="not right"):
        verify_witness(store, "nobody", PASSWORD, clock)
    with pytest.raises(UserError, match="cannot also witness"):
        verify_witness(store, TEST_ADMIN, TEST_PASSWORD, clock)
    account_admin.set_active(store, kim, False)
    with pytest.raises(UserError, match="not right|deactivated"):  # deactivation also drops the key slot
        verify_witness(store, "kim", PASSWORD, clock)
