"""Each participant's vitals schedule, from *their own* dose time: pre-dose, +40, +90, before discharge.

Dosing in a group is staggered, so every participant has their own schedule, built from their
doses and readings; what is due, overdue or done is derived from those times and a clock.

Which reading counts for which item (the *tolerance window*): a reading counts for an item after
the dose when taken from :data:`EARLY_MINUTES` before the item is due until the next item's window
opens (the last item's window never closes); the earliest such reading counts. So a nurse going
round the room may start the +40 readings at +30, a late +40 reading still counts until +80 (with
+90 next), and a reading typed as "before discharge" counts for that item whenever it was taken
after the dose. Once the next window opens, an item without a reading is *missed*. The pre-dose item
is done by any reading taken at or before the first dose. With a booster, the items after the dose
(and the minimum observation) run from the last dose, since the blood pressure rise follows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from facilitator.domain.enums import VitalsContext
from facilitator.domain.protocol import ProtocolSpec, Thresholds

EARLY_MINUTES = 10


@dataclass(frozen=True)
class MonitoringRules:
    """The monitoring settings of a session's copy of its protocol (everything but the phases)."""

    pre_dose_vitals: bool = True
    after_dose_minutes: tuple[int, ...] = (40, 90)
    before_discharge: bool = True
    min_observation_minutes: int = 120
    thresholds: Thresholds = field(default_factory=Thresholds)

    @classmethod
    def of(cls, spec: ProtocolSpec) -> MonitoringRules:
        return cls(spec.pre_dose_vitals, spec.vitals_after_dose_minutes, spec.vitals_before_discharge,
                   spec.min_observation_minutes, spec.thresholds)


class ItemKind(StrEnum):
    PRE_DOSE = "pre_dose"
    AFTER_DOSE = "after_dose"
    BEFORE_DISCHARGE = "before_discharge"


class ItemStatus(StrEnum):
    UPCOMING = "upcoming"  # not yet due
    DUE = "due"  # due now, not yet overdue
    OVERDUE = "overdue"  # the protocol's overdue_after_minutes past due, still no reading
    DONE = "done"
    MISSED = "missed"  # its window closed (or the participant left) without a reading


@dataclass(frozen=True)
class TimedReading:
    """What the schedule needs of a stored reading."""

    taken_at: datetime
    context: str = VitalsContext.SCHEDULED.value
    reading_id: int | None = None


@dataclass(frozen=True)
class ScheduleItem:
    """One planned reading. ``due_at`` is None for the pre-dose reading (due before dosing, whenever that is)."""

    kind: ItemKind
    label: str
    due_at: datetime | None
    overdue_at: datetime | None
    window_start: datetime | None
    window_end: datetime | None  # None: open until discharge
    done_at: datetime | None = None
    reading_id: int | None = None
    closed_at: datetime | None = None  # discharge: nothing is due after it

    def status_at(self, now: datetime) -> ItemStatus:
        if self.done_at is not None:
            return ItemStatus.DONE
        if self.closed_at is not None and now >= self.closed_at:
            return ItemStatus.MISSED
        if self.window_end is not None and now >= self.window_end:
            return ItemStatus.MISSED
        if self.due_at is None:
            return ItemStatus.DUE
        if self.overdue_at is not None and now >= self.overdue_at:
            return ItemStatus.OVERDUE
        return ItemStatus.DUE if now >= self.due_at else ItemStatus.UPCOMING


_PENDING = (ItemStatus.UPCOMING, ItemStatus.DUE, ItemStatus.OVERDUE)


@dataclass(frozen=True)
class ScheduleView:
    """The schedule at one moment: each item's status, and the next reading to take."""

    now: datetime
    items: tuple[tuple[ScheduleItem, ItemStatus], ...]

    @property
    def next_item(self) -> ScheduleItem | None:
        """The first item still to do (an overdue one before anything later)."""
        return next((item for item, status in self.items if status in _PENDING), None)

    @property
    def next_status(self) -> ItemStatus | None:
        return next((status for _, status in self.items if status in _PENDING), None)

    @property
    def countdown_seconds(self) -> float | None:
        """Seconds until the next item is due (negative once due); None when nothing timed is pending."""
        item = self.next_item
        if item is None or item.due_at is None:
            return None
        return (item.due_at - self.now).total_seconds()

    @property
    def overdue(self) -> bool:
        return any(status is ItemStatus.OVERDUE for _, status in self.items)

    def status_of(self, kind: ItemKind) -> ItemStatus | None:
        return next((status for item, status in self.items if item.kind is kind), None)


@dataclass(frozen=True)
class VitalsSchedule:
    items: tuple[ScheduleItem, ...]

    def view(self, now: datetime) -> ScheduleView:
        return ScheduleView(now, tuple((item, item.status_at(now)) for item in self.items))


def build_schedule(rules: MonitoringRules, dose_times: Sequence[datetime], readings: Sequence[TimedReading],
                   discharged_at: datetime | None = None) -> VitalsSchedule:
    """One participant's schedule from their dose times and readings (any order).

    Before the first dose only the pre-dose item exists: the others have no time until the dose does.
    """
    doses = sorted(dose_times)
    ordered = sorted(readings, key=lambda r: (r.taken_at, r.reading_id or 0))
    items: list[ScheduleItem] = []
    if rules.pre_dose_vitals:
        first = doses[0] if doses else None
        pre = next((r for r in ordered if first is None or r.taken_at <= first), None)
        items.append(ScheduleItem(ItemKind.PRE_DOSE, "Pre-dose", None, None, None, first,
                                  pre.taken_at if pre else None, pre.reading_id if pre else None, discharged_at))
    if doses:
        items.extend(_after_dose_items(rules, doses[-1], ordered, discharged_at))
    return VitalsSchedule(tuple(items))


def _after_dose_items(rules: MonitoringRules, dose_at: datetime, readings: Sequence[TimedReading],
                      discharged_at: datetime | None) -> list[ScheduleItem]:
    plan: list[tuple[ItemKind, str, int]] = [(ItemKind.AFTER_DOSE, f"+{m} min", m) for m in rules.after_dose_minutes]
    if rules.before_discharge:
        plan.append((ItemKind.BEFORE_DISCHARGE, "Before discharge", rules.min_observation_minutes))
    plan.sort(key=lambda p: p[2])  # stable: a discharge reading due with a timed one comes after it
    dues = [dose_at + timedelta(minutes=m) for _, _, m in plan]
    starts = [max(due - timedelta(minutes=EARLY_MINUTES), dues[i - 1] if i else dose_at) for i, due in enumerate(dues)]
    after = [r for r in readings if r.taken_at > dose_at]
    overdue = timedelta(minutes=rules.thresholds.overdue_after_minutes)
    items = []
    for i, ((kind, label, _), due, start) in enumerate(zip(plan, dues, starts, strict=True)):
        end = starts[i + 1] if i + 1 < len(plan) else None
        if kind is ItemKind.BEFORE_DISCHARGE:
            match = next((r for r in after if r.context == VitalsContext.PRE_DISCHARGE), None)
            match = match or _in_window(after, start, end)
        else:
            match = _in_window(after, start, end)
        items.append(ScheduleItem(kind, label, due, due + overdue, start, end, match.taken_at if match else None,
                                  match.reading_id if match else None, discharged_at))
    return items


def _in_window(readings: Sequence[TimedReading], start: datetime, end: datetime | None) -> TimedReading | None:
    return next(
        (r for r in readings
         if r.context != VitalsContext.PRE_DISCHARGE and start <= r.taken_at and (end is None or r.taken_at < end)),
        None,
    )


def attention_key(view: ScheduleView, *, alert: bool, discharged: bool = False) -> tuple[int, float]:
    """Sort key for "who needs attention next": alerts, then overdue (most overdue first), then soonest due.

    Ties (and everyone with nothing due) keep the caller's order, e.g. by name.
    """
    if discharged:
        return (5, 0.0)
    if alert:
        return (0, 0.0)
    countdown = view.countdown_seconds
    status = view.next_status
    if status is ItemStatus.OVERDUE:
        return (1, countdown if countdown is not None else 0.0)
    if status is ItemStatus.DUE:
        return (2, countdown if countdown is not None else 0.0)
    if status is ItemStatus.UPCOMING:
        return (3, countdown if countdown is not None else math.inf)
    return (4, 0.0)
