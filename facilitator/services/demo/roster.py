"""Who belongs to which group, week by week: joining at a series start, leaving, coming back.

Runs over the calendar in time order before anything is written, so every participant's final
status and every membership's dates are known when the rows go out. Cohorts are filled from
alumni who have rested long enough and, when there are too few, from new intakes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from facilitator.services.demo.people import Person
from facilitator.services.demo.schedule import GroupPlan, Slot, local_to_utc
from facilitator.services.demo.wording import LEAVE_REASONS, WITHDRAW_REASONS

RETURN_GAP = timedelta(weeks=8)  # a series alumnus rests before joining another series
CIRCLE_GAP = timedelta(weeks=1)
LEAVE_WEIGHTS = (35, 25, 15, 8, 10, 7)
LEAVE_ODDS = 0.15  # at each series boundary, per member


class Roster:
    """Membership over time.

    Args:
        intake: creates a new participant of a language, ready for groups on a day.
        new_membership_id: hands out primary keys for membership rows.
        staff_ids: account id per staff key (memberships are recorded by the group's therapist).
    """

    def __init__(self, rng: random.Random, intake: Callable[[str, date], Person], groups: list[GroupPlan],
                 group_ids: list[int], staff_ids: dict[str, int], new_membership_id: Callable[[], int],
                 zone: tzinfo | None) -> None:
        self._rng = rng
        self._intake = intake
        self.people: list[Person] = []
        self._groups = groups
        self._group_ids = group_ids
        self._staff_ids = staff_ids
        self._new_id = new_membership_id
        self._zone = zone
        self._members: dict[int, list[Person]] = {g.index: [] for g in groups}
        self.memberships: list[dict[str, Any]] = []

    def members(self, group: int) -> list[Person]:
        return list(self._members[group])

    def update(self, slot: Slot, today: date) -> list[Person]:
        """Apply the comings and goings due at ``slot`` (only up to today) and return its members."""
        group = self._groups[slot.group]
        members = self._members[slot.group]
        if slot.day <= today:
            rng = self._rng
            if group.series and slot.position == 0:
                for person in list(members):
                    if person.last_day is not None and rng.random() < LEAVE_ODDS:
                        reason = rng.choices(LEAVE_REASONS, weights=LEAVE_WEIGHTS)[0]
                        self._leave(person, person.last_day, reason)
                self._fill(group, slot.day, rng.randint(6, 8), RETURN_GAP, new_below=6)
            elif group.series:
                for person in list(members):
                    if rng.random() < 0.004:
                        self._leave(person, person.last_day or slot.day, rng.choice(WITHDRAW_REASONS))
            else:
                for person in list(members):
                    if person.last_day is not None and rng.random() < 0.03:
                        self._leave(person, person.last_day, ("Moved on from the open circle.", "active", True))
                if len(members) < 6:
                    self._fill(group, slot.day, rng.randint(6, 8), CIRCLE_GAP, new_below=4)
            for person in members:
                person.last_day = slot.day
        return list(members)

    def dropin(self, slot: Slot) -> Person | None:
        """Now and then an alumnus drops in to an open group's integration session."""
        group = self._groups[slot.group]
        if group.kind != "open" or slot.kind != "integration" or self._rng.random() > 0.15:
            return None
        candidates = [p for p in self.people if p.enrolled and p.may_return and p.group != slot.group
                      and p.language == group.language]
        return self._rng.choice(candidates) if candidates else None

    def _leave(self, person: Person, day: date, reason: tuple[str, str, bool]) -> None:
        text, status, may_return = reason
        assert person.membership is not None and person.group is not None
        joined: date = person.membership["joined_on"]
        person.membership["left_on"] = max(day, joined)
        person.membership["left_reason"] = text
        self._members[person.group].remove(person)
        person.group, person.membership = None, None
        person.left_on, person.may_return, person.end_status = max(day, joined), may_return, status

    def intake(self, language: str, day: date) -> Person:
        person = self._intake(language, day)
        self.people.append(person)
        return person

    def _fill(self, group: GroupPlan, day: date, target: int, gap: timedelta, new_below: int) -> None:
        """Fill up to ``target``: waiting newcomers and rested alumni first, new intakes below ``new_below``."""
        members = self._members[group.index]
        free = [p for p in self.people if p.group is None and p.language == group.language]
        fresh = [p for p in free if not p.enrolled and p.available_from <= day]
        back = sorted((p for p in free if p.enrolled and p.may_return and p.left_on is not None
                       and p.left_on <= day - gap), key=lambda p: (p.left_on, p.id))
        for person in (fresh + back)[: max(0, target - len(members))]:
            self._join(person, group, day)
        while len(members) < new_below:
            self._join(self.intake(group.language, day), group, day)

    def _join(self, person: Person, group: GroupPlan, day: date) -> None:
        author = self._staff_ids[group.therapist]
        row: dict[str, Any] = {
            "id": self._new_id(), "group_id": self._group_ids[group.index], "participant_id": person.id,
            "joined_on": day, "left_on": None, "left_reason": "",
            "created_at": local_to_utc(day, group.time, self._zone) - timedelta(days=self._rng.randint(2, 12)),
            "created_by_id": author,
        }
        self.memberships.append(row)
        self._members[group.index].append(person)
        person.group, person.membership, person.enrolled, person.last_day = group.index, row, True, None

    def finish(self, today: date, now: datetime) -> None:
        """Add a short waiting list and settle every participant's status as of today."""
        for language in ("en", "en", "es"):
            self.intake(language, today - timedelta(days=self._rng.randint(5, 20)))
        for person in self.people:
            if person.group is not None or not person.enrolled:
                status = "active"
            elif person.end_status == "active" and person.left_on and person.left_on < today - timedelta(days=180):
                status = "inactive"
            else:
                status = person.end_status
            person.row["status"] = status
            if person.row["created_at"] > now:
                person.row["created_at"] = now - timedelta(days=1)
