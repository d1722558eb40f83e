"""What the demo generator created, as counts and one line for the user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME


@dataclass(frozen=True)
class DemoSummary:
    """Counts of the rows the demo clinic was given (accounts include the demo sign-in)."""

    years: int
    seed: int
    accounts: int
    facilitators: int
    participants: int
    groups: int
    memberships: int
    sessions: int
    running: int
    planned: int
    finished: int
    cancelled: int
    phase_runs: int
    attendance: int
    doses: int
    vitals: int
    observations: int
    discharges: int
    notes: int
    addenda: int
    quick_notes: int
    shares: int
    measures: int
    stock_lots: int
    ledger_entries: int

    @classmethod
    def from_counts(cls, *, years: int, seed: int, facilitators: int, statuses: Mapping[str, int],
                    rows: Mapping[str, int]) -> DemoSummary:
        return cls(
            years=years, seed=seed, accounts=rows.get("account", 0), facilitators=facilitators,
            participants=rows.get("participant", 0), groups=rows.get("therapy_group", 0),
            memberships=rows.get("membership", 0), sessions=rows.get("group_session", 0),
            running=statuses.get("running", 0), planned=statuses.get("planned", 0),
            finished=statuses.get("finished", 0), cancelled=statuses.get("cancelled", 0),
            phase_runs=rows.get("phase_run", 0), attendance=rows.get("attendance", 0), doses=rows.get("dose", 0),
            vitals=rows.get("vital_sign", 0), observations=rows.get("observation", 0),
            discharges=rows.get("discharge", 0), notes=rows.get("note", 0), addenda=rows.get("addendum", 0),
            quick_notes=rows.get("quick_note", 0), shares=rows.get("share", 0),
            measures=rows.get("measure_response", 0), stock_lots=rows.get("stock_lot", 0),
            ledger_entries=rows.get("ledger_entry", 0),
        )

    def describe(self) -> str:
        """One line for the command line and the first-run dialog."""
        return (f"Demo clinic created: {self.facilitators} facilitators, {self.participants} participants, "
                f"{self.groups} groups, {self.sessions:,} sessions ({self.running} running now). "
                f"Sign in as {DEMO_USERNAME} with the password {DEMO_PASSWORD}.")
