"""A full dosing session for document tests and benchmarks: 8 participants with names in five scripts,
8 phases run on a fake clock, ~60 vitals with every kind of flag, ~4,000 words of notes, shares,
addenda, quick notes, measures with a PHQ-9 item 9 flag, and the group's next session.

Some text is hostile on purpose: markup typed as text must print literally, the group note names a
participant (it must never reach a handout), and one participant is absent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from facilitator.db.models import (
    Account,
    Addendum,
    Attendance,
    Discharge,
    Dose,
    Group,
    MeasureResponse,
    Membership,
    Note,
    Observation,
    Participant,
    Protocol,
    Share,
    VitalSign,
)
from facilitator.domain.clock import FakeClock
from facilitator.services.runner import add_quick_note, extend_phase, finish_session, next_phase, start_session
from facilitator.services.session_setup import plan_session
from facilitator.services.store import Store

START = datetime(2026, 3, 5, 16, 0, tzinfo=UTC)
# (legal first, legal last, preferred) — Greek, Cyrillic, Vietnamese, Polish and Latin names.
PEOPLE = (
    ("Ελένη", "Παπαδοπούλου", "Eleni"),
    ("Ольга", "Смирнова", ""),
    ("Thu Hà", "Nguyễn", ""),
    ("Łukasz", "Wiśniewski", ""),
    ("Zofia", "Żółkiewska", "Zosia"),
    ("Đức", "Trần", ""),
    ("Дмитрий", "Волков", "Dima"),
    ("Aoife", "O'Connor", ""),
    ("Marguerite", "Delacroix-Baptiste", ""),  # absent: in the session's names, never on anyone's handout
)
ABSENT = 8
HOSTILE_INTENTION = "To say <b>no</b> & mean it </para> <font size=40>"
LITERAL_NOTE = "<p>Typed as text: &lt;b&gt;not bold&lt;/b&gt; &amp; an ampersand.</p>"
FILLER = (
    "Described the week as steadier than the last, with two difficult evenings managed with the breathing practice.",
    "Reported sleeping better since the previous session and noticing tension in the shoulders earlier in the day.",
    "Spoke about a conversation with a family member that went differently than expected, with less defensiveness.",
    "Engaged in the circle, offered reflections to others and accepted feedback without minimising it.",
    "Affect congruent and reactive; thought process linear; no safety concerns voiced or observed today.",
    "Plans to journal on the two mornings after dosing and to walk outdoors when the weather allows.",
    "Noted a sense of spaciousness during the music and some tearfulness on return, which settled with grounding.",
    "Identified a pattern of over-functioning at work and named a wish to ask for help sooner.",
)


@dataclass(frozen=True)
class FullSession:
    session_id: int
    next_session_id: int
    group_id: int
    participant_ids: tuple[int, ...]  # in PEOPLE order
    names: tuple[tuple[str, str, str], ...]

    @property
    def present_ids(self) -> tuple[int, ...]:
        return tuple(pid for i, pid in enumerate(self.participant_ids) if i != ABSENT)


def _words(rng: random.Random, count: int) -> str:
    out: list[str] = []
    total = 0
    while total < count:
        sentence = rng.choice(FILLER)
        out.append(sentence)
        total += len(sentence.split())
    return " ".join(out)


def _note_body(rng: random.Random, words: int, index: int) -> str:
    third = words // 3
    body = (f"<p><b>Data:</b> {_words(rng, third)}</p>"
            f"<p><b>Assessment:</b> <i>{_words(rng, third)}</i></p>"
            f"<p><b>Plan:</b></p><ul><li>{_words(rng, third // 2)}</li><li>Phone check-in within 48 hours.</li></ul>")
    return body + (LITERAL_NOTE if index == 0 else "")


def build_full_session(store: Store, *, note_words: int = 4000, seed: int = 3) -> FullSession:
    """Plan, run and document a complete 8-participant dosing session; returns its ids."""
    rng = random.Random(seed)
    clock = FakeClock(START - timedelta(minutes=2))
    with store.session() as s:
        nurse = Account(username="nurse", display_name="Hana Kovačević", credentials="RN", role="monitor")
        lead = Account(username="lead", display_name="Sam Ortiz", credentials="LCSW", role="clinician")
        group = Group(name="Thursday Cohort", location="Willow Room", facilitators=[lead, nurse])
        people = [Participant(legal_first_name=f, legal_last_name=last, preferred_name=p, pronouns="she/her")
                  for f, last, p in PEOPLE]
        s.add_all([nurse, lead, group, *people])
        s.flush()
        s.add_all([Membership(group_id=group.id, participant_id=p.id, joined_on=date(2026, 1, 1)) for p in people])
        protocol_id = s.scalar(select(Protocol.id).where(Protocol.key == "group-kap-sublingual"))
        ids = tuple(p.id for p in people)
        group_id, nurse_id, lead_id = group.id, nurse.id, lead.id
    plan = store.run(plan_session, group_id=group_id, protocol_id=protocol_id, scheduled_start=START,
                     setting_notes="Playlist: Returning. Curtains drawn & lights low.")
    following = store.run(plan_session, group_id=group_id, protocol_id=protocol_id,
                          scheduled_start=START + timedelta(days=7))
    sid = plan.id
    store.run(start_session, sid, clock)
    phase_times: list[datetime] = [clock.now()]
    for index, minutes in enumerate((15, 15, 20, 10, 60, 20, 45, 15)):
        clock.advance(minutes=minutes + rng.choice((-2, -1, 0, 1, 3)))
        if index == 5:
            store.run(extend_phase, sid, 5, clock)
            clock.advance(minutes=4)
        if index in (3, 6):
            store.run(add_quick_note, sid, "Fire-alarm test announced <in advance> & handled calmly.", clock)
        if index < 7:
            store.run(next_phase, sid, clock)
        phase_times.append(clock.now())
    store.run(finish_session, sid, clock)
    dose_at = START + timedelta(minutes=52)
    with store.session() as s:
        for i, att in enumerate(sorted(s.scalars(select(Attendance).where(Attendance.session_id == sid)),
                                       key=lambda a: ids.index(a.participant_id))):
            att.status = "absent" if i == ABSENT else ("late" if i == 2 else "present")
            att.intention = HOSTILE_INTENTION if i == 0 else ("" if i == ABSENT else f"To listen more closely {i}.")
            att.arrived_at = None if i == ABSENT else START + timedelta(minutes=i)
            att.comment = "Called in sick." if i == ABSENT else ""
        _clinical(s, sid, ids, dose_at, nurse_id, rng)
        _shares(s, sid, ids, phase_times)
        per_note = note_words // 9
        for i, pid in enumerate(ids[:ABSENT]):
            note = Note(session_id=sid, participant_id=pid, kind="participant", template="dap",
                        body=_note_body(rng, per_note, i), themes="grief,connection", created_by_id=lead_id,
                        signed_at=phase_times[-1] + timedelta(hours=2) if i != 3 else None,
                        signature="Sam Ortiz, LCSW" if i != 3 else "")
            s.add(note)
            s.flush()
            if i == 1:
                s.add(Addendum(note_id=note.id, body="Called the next morning: slept well <3 & no concerns.",
                               signature="Sam Ortiz, LCSW", created_at=phase_times[-1] + timedelta(days=1)))
        s.add(Note(session_id=sid, participant_id=None, kind="group", template="free",
                   body=f"<p>Eight of nine attended. {PEOPLE[1][0]} {PEOPLE[1][1]} spoke first in the circle.</p>"
                        f"<p>{_words(rng, per_note)}</p>",
                   themes="grief, self-compassion,connection,grief", created_by_id=lead_id,
                   signed_at=phase_times[-1] + timedelta(hours=3), signature="Sam Ortiz, LCSW"))
        _measures(s, ids[0], sid)
    return FullSession(sid, following.id, group_id, ids, PEOPLE)


def _clinical(s, sid: int, ids: tuple[int, ...], dose_at: datetime, nurse_id: int,  # type: ignore[no-untyped-def]
              rng: random.Random) -> None:
    special = {1: (146, 92, 80, 98), 2: (163, 101, 84, 97), 4: (128, 82, 80, 97), 5: (118, 76, 48, 98)}
    for i, pid in enumerate(ids[:ABSENT]):
        given = dose_at + timedelta(minutes=i)
        pre = special.get(i, (118 + i, 76 + i % 5, 72 + i, 98))
        s.add(VitalSign(session_id=sid, participant_id=pid, taken_at=given - timedelta(minutes=20), systolic=pre[0],
                        diastolic=pre[1], heart_rate=pre[2], spo2=pre[3], context="pre_dose", created_by_id=nurse_id))
        if i == 2:  # a recheck still above the hold limit, dosed on a clinician's override
            s.add(VitalSign(session_id=sid, participant_id=pid, taken_at=given - timedelta(minutes=8), systolic=161,
                            diastolic=100, heart_rate=82, spo2=97, context="recheck", created_by_id=nurse_id))
        s.add(Dose(session_id=sid, participant_id=pid, route="sublingual", amount_mg=150 + 25 * i, given_at=given,
                   lot_number="KRD2601-005", given_by_id=nurse_id, created_by_id=nurse_id,
                   hold_override_reason="Anxious arrival; repeated reading trending down." if i == 2 else "",
                   hold_override_by_id=nurse_id if i == 2 else None))
        for minutes in (20, 40, 60, 90, 120, 135):
            systolic = 186 if (i == 3 and minutes == 40) else 120 + rng.randint(0, 18)
            spo2 = 90 if (i == 4 and minutes == 60) else 97
            s.add(VitalSign(session_id=sid, participant_id=pid, taken_at=given + timedelta(minutes=minutes),
                            systolic=systolic, diastolic=80 + rng.randint(0, 8), heart_rate=70 + rng.randint(0, 15),
                            spo2=spo2, context="pre_discharge" if minutes == 135 else "scheduled",
                            created_by_id=nurse_id))
        if i in (0, 3, 6):
            s.add(Observation(session_id=sid, participant_id=pid, observed_at=given + timedelta(minutes=25),
                              kind="nausea" if i == 3 else "dissociation", severity="mild" if i else "moderate",
                              moaas=4 if i == 6 else None, detail="Felt detached; calm & responsive to voice.",
                              action="Reassured; continued to observe.", created_by_id=nurse_id))
        done = given + timedelta(minutes=140)
        checklist = {key: {"ok": True, "at": (done - timedelta(minutes=5)).isoformat(), "by": nurse_id}
                     for key in ("min_observation", "vitals_within_limits", "alert_oriented", "no_active_nausea",
                                 "escort_present", "no_driving_acknowledged", "ready_time_recorded")}
        s.add(Discharge(session_id=sid, participant_id=pid, checklist=checklist, escort_name="A friend",
                        would_have_been_ready_at=given + timedelta(minutes=95), ready_at=done, discharged_at=done,
                        discharged_by_id=nurse_id, monitoring_minutes=140, created_by_id=nurse_id))


def _shares(s, sid: int, ids: tuple[int, ...], phase_times: list[datetime]) -> None:  # type: ignore[no-untyped-def]
    at = phase_times[6] + timedelta(minutes=1)
    for position, pid in enumerate(ids[:ABSENT], start=1):
        end = at + timedelta(minutes=4, seconds=position * 7)
        s.add(Share(session_id=sid, participant_id=pid, round=1, position=position, started_at=at, ended_at=end,
                    passed=position == 5, note_text="" if position == 5 else f"Shared about <i>{position}</i> & more.",
                    tags="" if position == 5 else "grief,connection"))
        at = end + timedelta(seconds=20)


def _measures(s, pid: int, sid: int) -> None:  # type: ignore[no-untyped-def]
    for week, (gad, phq, item9) in enumerate(((15, 19, 1), (13, 17, 0), (11, 14, 2), (9, 11, 0), (7, 8, 0))):
        day = date(2026, 1, 8) + timedelta(days=14 * week)
        s.add(MeasureResponse(participant_id=pid, session_id=sid, instrument="GAD-7", items=[2, 2, 2, 2, 2, 2, 3],
                              total=gad, severity="severe" if gad >= 15 else "moderate" if gad >= 10 else "mild",
                              taken_on=day))
        s.add(MeasureResponse(participant_id=pid, session_id=sid, instrument="PHQ-9",
                              items=[2, 2, 2, 2, 2, 2, 2, 2, item9], total=phq,
                              severity="moderately severe" if phq >= 15 else "moderate" if phq >= 10 else "mild",
                              taken_on=day))
