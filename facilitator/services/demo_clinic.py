"""Setting up the fictional demo clinic: an encrypted database, its staff's key slots, its history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from facilitator.db.engine import refresh_statistics
from facilitator.db.keyslots import KdfParams
from facilitator.domain.clock import Clock
from facilitator.errors import UserError
from facilitator.services import clinic_keys
from facilitator.services.data_copy import reset_sequences
from facilitator.services.demo import DemoSummary, generate_demo_clinic
from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME
from facilitator.services.demo.people import STAFF
from facilitator.services.opening import NewClinic, open_store
from facilitator.services.store import Store

DEMO_CLINIC = NewClinic(username=DEMO_USERNAME, display_name="Demo Facilitator", password=DEMO_PASSWORD,
                        credentials="LPC", demo=True)


def create_demo_clinic(database_url: str | None = None, data_dir: str | Path | None = None, *, years: int = 1,
                       seed: int = 7, clock: Clock | None = None, progress: Callable[[float], None] | None = None,
                       kdf: KdfParams | None = None) -> tuple[Store, DemoSummary]:
    """Create the demo clinic where nothing is set up yet, signed in as ``demo``.

    Every fictional staff member can sign in with the demo password, so a reviewer can see the app as
    a nurse (monitor) or a clinician too.

    Raises:
        UserError: when a clinic database already exists there.
    """
    if years < 1 or years > 20:
        raise UserError("The demo clinic takes between 1 and 20 years of history.")
    store = open_store(database_url, data_dir, new_clinic=DEMO_CLINIC, clock=clock, kdf=kdf)
    try:
        summary = generate_demo_clinic(store, years=years, seed=seed, clock=clock, progress=progress)
        with store.engine.begin() as connection:
            reset_sequences(connection)  # the demo writes its own ids: new records must come after them
        refresh_statistics(store.engine)
        if store.keyfile is not None and store.data_key is not None:
            for member in STAFF:
                if member.key != DEMO_USERNAME:
                    clinic_keys.put_slot(store.keyfile, store.data_key, member.key, DEMO_PASSWORD, kdf)
    except BaseException:
        store.dispose()
        raise
    return store, summary
