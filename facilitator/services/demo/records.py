"""The written record of a session: circle shares, participant and group notes, signatures, addenda."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from facilitator.db.models import Addendum, Note, Share
from facilitator.services.demo.clinical import Facts
from facilitator.services.demo.context import Context, ProtocolCopy
from facilitator.services.demo.notes import GroupFacts, group_note, participant_note
from facilitator.services.demo.people import Person
from facilitator.services.demo.phrases import THEME_BY_TAG
from facilitator.services.demo.runs import PhaseTiming
from facilitator.services.demo.wording import ADDENDA


def write_shares(ctx: Context, sid: int, proto: ProtocolCopy, phase_ids: list[int], timings: list[PhaseTiming],
                 present: list[Person], themes: dict[int, list[str]], until: datetime | None, author: str) -> None:
    """A share per present participant and round in every sharing phase that has finished."""
    rng, w = ctx.rng, ctx.writer
    author_id = ctx.staff_ids[author]
    for index, template in enumerate(proto.phases):
        timing = timings[index]
        if not template["sharing"] or not present or timing.start is None or timing.end is None:
            continue
        if until is not None and timing.end > until:
            continue
        rounds = 2 if template["name"].startswith("Sharing") and len(present) <= 8 else 1
        intentions = template["name"].startswith("Intention")
        per_round = (timing.seconds - 60) / rounds
        for round_no in range(1, rounds + 1):
            order = list(present)
            rng.shuffle(order)
            weights = [rng.uniform(0.6, 1.4) for _ in order]
            scale = per_round * 0.85 / sum(weights)
            at = timing.start + timedelta(seconds=round(30 + per_round * (round_no - 1)))
            for position, (person, weight) in enumerate(zip(order, weights, strict=True), start=1):
                passed = rng.random() < (0.08 if round_no == 1 else 0.15)
                seconds = rng.uniform(10, 20) if passed else weight * scale
                end = at + timedelta(seconds=round(seconds))
                tags = "" if passed else ",".join(themes[person.id])
                text = ""
                if not passed and not intentions and rng.random() < 0.75:
                    text = rng.choice(THEME_BY_TAG[themes[person.id][0]].share)
                w.add(Share, {
                    "id": w.next_id(Share), "session_id": sid, "participant_id": person.id,
                    "phase_run_id": phase_ids[index], "round": round_no, "position": position, "started_at": at,
                    "ended_at": end, "passed": passed, "note_text": text, "tags": tags, "created_at": end,
                    "created_by_id": author_id,
                })
                at = end + timedelta(seconds=round(rng.uniform(4, 20)))


def write_notes(ctx: Context, sid: int, day: date, ended: datetime, present: list[Person],
                themes: dict[int, list[str]], facts: dict[int, Facts], taken: dict[int, dict[str, Any]],
                late: set[int], group: GroupFacts, author: str) -> None:
    """A note per present participant and one for the group; most signed, the latest few still drafts."""
    rng = ctx.rng
    recent = (ctx.now.astimezone(ctx.zone).date() - day).days <= 3
    created = min(ended + ctx.minutes(15, 120), ctx.now - timedelta(minutes=2))
    for person in present:
        body = participant_note(rng, group.kind, themes[person.id], facts.get(person.id), taken.get(person.id),
                                ctx.clock, person.id in late)
        _note(ctx, sid, person.id, "participant", "dap", body, ",".join(themes[person.id]), created, recent, author)
    body, tags = group_note(rng, group, ctx.clock)
    _note(ctx, sid, None, "group", "free", body, tags, created, recent, author)


def _note(ctx: Context, sid: int, participant: int | None, kind: str, template: str, body: str, themes: str,
          created: datetime, recent: bool, author: str) -> None:
    rng, w = ctx.rng, ctx.writer
    author_id = ctx.staff_ids[author]
    signed: datetime | None = created + ctx.minutes(10, 60 * 36)
    if (recent and rng.random() < 0.7) or (signed is not None and signed > ctx.now - timedelta(minutes=5)):
        signed = None
    note_id = w.next_id(Note)
    w.add(Note, {
        "id": note_id, "session_id": sid, "participant_id": participant, "kind": kind, "template": template,
        "body": body, "themes": themes, "signed_at": signed, "signed_by_id": author_id if signed else None,
        "signature": ctx.signature(author) if signed else "", "created_at": created, "created_by_id": author_id,
        "version": 2 if signed else 1, "updated_at": signed,
    })
    if signed is not None and participant is not None and rng.random() < 0.02:
        at = signed + ctx.minutes(60 * 12, 60 * 24 * 5)
        if at < ctx.now:
            w.add(Addendum, {"id": w.next_id(Addendum), "note_id": note_id, "body": rng.choice(ADDENDA),
                             "signature": ctx.signature(author), "created_at": at, "created_by_id": author_id})
