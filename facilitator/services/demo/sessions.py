"""One group session of the demo clinic, as all of its rows: planned, cancelled, finished or running now."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from facilitator.db.models import (
    Attendance,
    GroupSession,
    PhaseExtension,
    PhasePause,
    PhaseRun,
    QuickNote,
    session_facilitator,
)
from facilitator.services.demo import measures
from facilitator.services.demo.clinical import DosingDay, Facts
from facilitator.services.demo.context import Context, ProtocolCopy
from facilitator.services.demo.inventory import Inventory
from facilitator.services.demo.notes import GroupFacts, pick_themes
from facilitator.services.demo.people import Person
from facilitator.services.demo.phrases import INTENTIONS_EN, INTENTIONS_ES
from facilitator.services.demo.records import write_notes, write_shares
from facilitator.services.demo.runs import PhaseTiming, phase_at, run_phases, running_phases
from facilitator.services.demo.schedule import GroupPlan, Slot
from facilitator.services.demo.wording import (
    ABSENT_COMMENTS,
    CANCEL_REASONS,
    LATE_COMMENTS,
    LEFT_EARLY_COMMENTS,
    QUICK_NOTES,
    QUICK_NOTES_DOSING,
    ROOM_MESSAGE,
    SETTING_NOTES,
)

PRESENT = ("present", "late", "left_early")
# The session running now started 78 minutes ago; a settled group kept the first phases short, so the
# doses went in 40 to 50 minutes ago and the 40-minute readings are coming due.
RUNNING_MINUTES = (8.2, 9.1, 10.3)
RUNNING_STARTED = timedelta(minutes=78)


class SessionBuilder:
    """Writes sessions one at a time, in calendar order (the roster and stock follow along)."""

    def __init__(self, ctx: Context, inventory: Inventory, groups: list[GroupPlan], group_ids: list[int]) -> None:
        self._ctx = ctx
        self._inventory = inventory
        self._groups = groups
        self._group_ids = group_ids
        self.statuses: Counter[str] = Counter()

    def build(self, slot: Slot, members: list[Person], dropin: Person | None, next_slot: Slot | None) -> None:
        ctx, rng, w = self._ctx, self._ctx.rng, self._ctx.writer
        group = self._groups[slot.group]
        proto = ctx.protocols[slot.kind]
        sid = w.next_id(GroupSession)
        medic = group.medic
        if slot.kind == "dosing" and rng.random() < 0.05:
            medic = "mokafor" if medic == "hlindqvist" else "hlindqvist"
        staff = [group.therapist] + ([medic] if medic != group.therapist else [])
        if slot.running:
            status = "running"
        elif slot.start > ctx.now:
            status = "planned"
        else:
            status = "cancelled" if rng.random() < 0.015 else "finished"
        self.statuses[status] += 1
        created = (ctx.now - ctx.minutes(60 * 24, 60 * 24 * 20) if status == "planned"
                   else slot.start - ctx.minutes(60 * 24 * 10, 60 * 24 * 40))
        row: dict[str, Any] = {
            "id": sid, "group_id": self._group_ids[slot.group], "title": slot.title, "protocol_id": proto.id,
            "protocol_name": proto.name, "protocol_kind": proto.kind, "protocol_settings": proto.settings,
            "scheduled_start": slot.start, "location": group.location, "setting_notes": rng.choice(SETTING_NOTES),
            "status": status, "started_at": None, "ended_at": None, "room_message": "", "cancel_reason": "",
            "created_at": created, "created_by_id": ctx.staff_ids[group.therapist], "version": 1, "updated_at": None,
        }
        w.add(GroupSession, row)
        for key in staff:
            w.add(session_facilitator, {"session_id": sid, "account_id": ctx.staff_ids[key]})
        phase_ids = [w.next_id(PhaseRun) for _ in proto.phases]
        if status in ("planned", "cancelled"):
            if status == "cancelled":
                row["cancel_reason"] = rng.choice(CANCEL_REASONS)
                row["updated_at"] = slot.start - ctx.minutes(60, 60 * 30)
            self._phases(sid, phase_ids, [PhaseTiming(None, None) for _ in proto.phases], group.therapist, proto)
            if status == "planned":
                for person in members:
                    self._attendance(sid, person, "expected", None, None, "", "", False, created, group.therapist)
            return
        self._held(slot, group, sid, row, members, dropin, next_slot, phase_ids, staff, medic)

    def _held(self, slot: Slot, group: GroupPlan, sid: int, row: dict[str, Any], members: list[Person],
              dropin: Person | None, next_slot: Slot | None, phase_ids: list[int], staff: list[str],
              medic: str) -> None:
        """A session that took place (or is taking place now)."""
        ctx, rng = self._ctx, self._ctx.rng
        proto = ctx.protocols[slot.kind]
        running = slot.running
        until = ctx.now if running else None
        started = ctx.now - RUNNING_STARTED if running else slot.start + ctx.minutes(-1, 6)
        weights = (90, 4, 6, 0, 0) if running else (86, 5, 5, 3, 0 if slot.kind == "dosing" else 1)
        attendees: list[tuple[Person, str, bool]] = [
            (p, rng.choices(("present", "late", "absent", "cancelled", "left_early"), weights=weights)[0], False)
            for p in members]
        if running:  # the members chosen to read Spanish handouts are in the room, so both languages print
            attendees = [(p, "present" if p.extra.get("spanish_reader") else s, d) for p, s, d in attendees]
        if dropin is not None and not running and dropin not in members:
            attendees.append((dropin, "present", True))
        present = [p for p, s, _ in attendees if s in PRESENT]
        late = {p.id for p, s, _ in attendees if s == "late"}
        themes = {p.id: pick_themes(rng, p.themes) for p in present}
        day: DosingDay | None = None
        dose_times: dict[int, datetime] = {}
        minutes = [p["planned_minutes"] for p in proto.phases]
        dosing_index = proto.index("Dosing", 3)
        if slot.kind == "dosing":
            day = DosingDay(ctx, self._inventory, sid, medic, group.therapist, until)
            dosed = day.plan(present)
            gaps = [rng.uniform(55, 140) for _ in dosed]
            dosing_seconds = 60 + sum(gaps) + 90
            if running:
                so_far = [m + rng.uniform(-0.4, 0.4) for m in RUNNING_MINUTES]
                timings = running_phases(started, so_far[:dosing_index], dosing_seconds, len(minutes))
            else:
                timings = run_phases(rng, started, minutes, min_seconds={dosing_index: dosing_seconds},
                                     steady=frozenset({dosing_index + 1}))
            at = timings[dosing_index].start
            assert at is not None
            at += timedelta(seconds=60)
            for person, gap in zip(dosed, gaps, strict=True):
                dose_times[person.id] = at.replace(microsecond=0)
                at += timedelta(seconds=gap)
            vitals = timings[proto.index("Vitals", 1)]
            last = timings[-1]
            assert vitals.start is not None and vitals.end is not None
            window = None if running or last.start is None or last.end is None else (last.start, last.end)
            out = day.record(present, (vitals.start, vitals.end), dose_times, window, proto.min_observation_minutes)
            if out is not None and last.end is not None and out > last.end:
                last.end = out + ctx.minutes(1, 3)
        else:
            timings = run_phases(rng, started, minutes, min_seconds={})
        ended = None if running else timings[-1].end
        row["started_at"], row["ended_at"] = started, ended
        row["updated_at"] = ended or timings[dosing_index + 1].start
        if running:
            row["room_message"] = ROOM_MESSAGE
        self._phases(sid, phase_ids, timings, group.therapist, proto)
        intentions = INTENTIONS_ES if group.language == "es" else INTENTIONS_EN
        for person, status, drop_in in attendees:
            arrived = left = None
            comment = intention = ""
            if status in PRESENT:
                arrived = started + (ctx.minutes(4, 25) if status == "late" else -ctx.minutes(1, 15))
                if slot.kind == "dosing":
                    intention = rng.choice(INTENTIONS_ES if person.language == "es" else intentions)
            reasons = {"late": LATE_COMMENTS, "absent": ABSENT_COMMENTS, "cancelled": ABSENT_COMMENTS,
                       "left_early": LEFT_EARLY_COMMENTS}.get(status)
            comment = rng.choice(reasons) if reasons and rng.random() < 0.8 else ""
            if status == "left_early" and ended is not None:
                left = ended - ctx.minutes(20, 45)
            self._attendance(sid, person, status, arrived, left, comment, intention, drop_in,
                             row["created_at"], group.therapist)
        write_shares(ctx, sid, proto, phase_ids, timings, present, themes, until, group.therapist)
        journey = timings[dosing_index + 1].start if slot.kind == "dosing" else None
        self._quick_notes(sid, phase_ids, timings, started, ended or ctx.now, journey, staff)
        if running:
            return
        assert ended is not None
        if day is not None:
            # Once everyone has left, the medic counts the stock and signs, the therapist witnessing. No
            # random draw here: the rest of the demo stays as it was for the same seed.
            witness = group.therapist if group.therapist != medic else "dreyes"
            self._inventory.reconcile(sid, ended + timedelta(minutes=5), medic, witness)
        facts = day.facts if day is not None else {}
        taken = self._measures(slot, sid, present, facts, started, ended, group.therapist)
        gfacts = GroupFacts(slot.kind, slot.title, group.language, len(attendees), len(present), len(late))
        for p in present:
            gfacts.themes.update(themes[p.id])
        if day is not None:
            self._dosing_summary(gfacts, day.facts, dose_times)
        if next_slot is not None:
            local = next_slot.start.astimezone(ctx.zone)
            gfacts.next_session = f"{local:%A} {local.day} {local:%B} ({next_slot.label})"
        write_notes(ctx, sid, slot.day, ended, present, themes, facts, taken, late, gfacts, group.therapist)

    def _dosing_summary(self, g: GroupFacts, facts: dict[int, Facts], dose_times: dict[int, datetime]) -> None:
        for f in facts.values():
            if f.dose_at is not None:
                g.doses.append(f.dose_mg)
            g.held += f.held
            g.caution += f.pre[0] >= 140 or f.pre[1] >= 90
            g.observations.update(f.kinds)
            if f.discharged_at is not None:
                g.last_out = max(g.last_out or f.discharged_at, f.discharged_at)
        if dose_times:
            g.first_dose, g.last_dose = min(dose_times.values()), max(dose_times.values())

    def _measures(self, slot: Slot, sid: int, present: list[Person], facts: dict[int, Facts], started: datetime,
                  ended: datetime, author: str) -> dict[int, dict[str, Any]]:
        ctx, rng = self._ctx, self._ctx.rng
        taken: dict[int, dict[str, Any]] = {}
        if slot.kind == "preparation":
            for person in present:
                measures.new_series(rng, person)
                result = measures.record(ctx, person, sid, slot.day, started + ctx.minutes(20, 40), author)
                person.extra["start"] = (slot.group, slot.series_no, result["gad"], result["phq"])
        elif slot.kind == "dosing":
            for person in present:
                f = facts.get(person.id)
                if f is None or f.dose_at is None:
                    continue
                measures.after_dosing(rng, person)
                result = measures.record(ctx, person, sid, slot.day, ended + ctx.minutes(2, 10), author)
                start = person.extra.get("start")
                if start is not None and start[:2] == (slot.group, slot.series_no):
                    result["start"] = start[2:]
                taken[person.id] = result
                if not f.observations and person.dose_mg < person.dose_max and rng.random() < 0.55:
                    person.dose_mg += 50
        return taken

    def _phases(self, sid: int, ids: list[int], timings: list[PhaseTiming], author: str,
                proto: ProtocolCopy) -> None:
        ctx, w = self._ctx, self._ctx.writer
        for pid, template, timing in zip(ids, proto.phases, timings, strict=True):
            w.add(PhaseRun, {**template, "id": pid, "session_id": sid, "started_at": timing.start,
                             "ended_at": timing.end, "skipped": False})
            for start, end in timing.pauses:
                w.add(PhasePause, {"id": w.next_id(PhasePause), "phase_run_id": pid, "started_at": start,
                                   "ended_at": end})
            for at, extra in timing.extensions:
                w.add(PhaseExtension, {"id": w.next_id(PhaseExtension), "phase_run_id": pid, "at": at,
                                       "minutes": extra, "created_at": at, "created_by_id": ctx.staff_ids[author]})

    def _attendance(self, sid: int, person: Person, status: str, arrived: datetime | None, left: datetime | None,
                    comment: str, intention: str, drop_in: bool, created: datetime, author: str) -> None:
        w = self._ctx.writer
        w.add(Attendance, {
            "id": w.next_id(Attendance), "session_id": sid, "participant_id": person.id, "status": status,
            "arrived_at": arrived, "left_at": left, "comment": comment, "intention": intention, "drop_in": drop_in,
            "created_at": created, "created_by_id": self._ctx.staff_ids[author], "version": 1,
            "updated_at": arrived,
        })

    def _quick_notes(self, sid: int, ids: list[int], timings: list[PhaseTiming], start: datetime, end: datetime,
                     journey: datetime | None, staff: list[str]) -> None:
        """A few lines typed during the run (the medicine-journey ones only once the journey began)."""
        ctx, rng, w = self._ctx, self._ctx.rng, self._ctx.writer
        span = (end - start).total_seconds()
        for offset in sorted(rng.uniform(0.03, 0.97) * span for _ in range(rng.choice((1, 1, 2, 3)))):
            at = start + timedelta(seconds=round(offset))
            author = ctx.staff_ids[rng.choice(staff)]
            bank = QUICK_NOTES_DOSING if journey is not None and at >= journey and rng.random() < 0.7 else QUICK_NOTES
            w.add(QuickNote, {"id": w.next_id(QuickNote), "session_id": sid,
                              "phase_run_id": ids[phase_at(timings, at)], "at": at, "text": rng.choice(bank),
                              "created_at": at, "created_by_id": author})
