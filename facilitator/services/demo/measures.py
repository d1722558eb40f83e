"""GAD-7 and PHQ-9 answers that follow each participant's course through the series.

Every participant carries a latent level per instrument that most dosing sessions lower (for
responders), that barely moves or rises for others, and that drifts back part of the way during a
break. Items are drawn around that level; the total and severity band follow from the items.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

from facilitator.db.models import MeasureResponse
from facilitator.services.demo.context import Context
from facilitator.services.demo.people import Person

GAD7_BANDS = ((4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe"))
PHQ9_BANDS = ((4, "minimal"), (9, "mild"), (14, "moderate"), (19, "moderately severe"), (27, "severe"))


def severity(instrument: str, total: int) -> str:
    """The CLINICAL.md band for a total score."""
    bands = GAD7_BANDS if instrument == "GAD-7" else PHQ9_BANDS
    return next(name for top, name in bands if total <= top)


def _items(rng: random.Random, level: float, count: int) -> list[int]:
    target = min(3 * count, max(0, round(level + rng.gauss(0, 1.3))))
    items = [0] * count
    for _ in range(target):
        room = [i for i, v in enumerate(items) if v < 3]
        items[rng.choice(room)] += 1
    return items


def after_dosing(rng: random.Random, person: Person) -> None:
    """Move the latent levels after a dosing session, toward (or away from) the person's own floor."""
    for i in (0, 1):
        floor = person.base[i] * person.floor
        factor = person.response * rng.uniform(0.97, 1.03)
        moved = floor + (person.level[i] - floor) * factor
        person.level[i] = min(26.0 if i else 20.0, max(1.0, moved))
    person.dosings += 1


def new_series(rng: random.Random, person: Person) -> None:
    """Some of the gain fades during a break between series."""
    if person.dosings:
        for i in (0, 1):
            person.level[i] += (person.base[i] - person.level[i]) * rng.uniform(0.1, 0.4)


def record(ctx: Context, person: Person, session_id: int, day: date, at: datetime, author: str) -> dict[str, Any]:
    """Write a GAD-7 and a PHQ-9; return the PHQ-9 and GAD-7 totals and whether item 9 was endorsed."""
    rng = ctx.rng
    gad = _items(rng, person.level[0], 7)
    phq = _items(rng, person.level[1], 8)
    phq.append(1 if rng.random() < person.item9_risk * (1.5 if person.level[1] >= 15 else 1.0) else 0)
    for instrument, items in (("GAD-7", gad), ("PHQ-9", phq)):
        total = sum(items)
        ctx.writer.add(MeasureResponse, {
            "id": ctx.writer.next_id(MeasureResponse), "participant_id": person.id, "session_id": session_id,
            "instrument": instrument, "items": items, "total": total, "severity": severity(instrument, total),
            "taken_on": day, "created_at": at, "created_by_id": ctx.staff_ids[author],
        })
    return {"gad": sum(gad), "phq": sum(phq), "item9": phq[8] > 0}
