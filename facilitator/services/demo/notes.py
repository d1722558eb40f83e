"""Note bodies composed from the phrase banks: a DAP note per participant and a group note per session.

Bodies use the notes' small HTML subset (paragraphs and bold labels). Participant notes never
name anyone; group notes speak of "participants" and counts only.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from facilitator.services.demo.clinical import Facts, bp
from facilitator.services.demo.phrases import (
    DOSING_PLANS,
    OPENINGS,
    PLANS,
    PREPARATION,
    SAFETY,
    THEME_BY_TAG,
    THEMES,
)

# Words that only make sense once a participant has had a dosing session.
_AFTER_DOSING = ("journey", "dosing", "dose", "music", "medicine", "series", "last session")


def _sentence(rng: random.Random, options: tuple[str, ...], kind: str) -> str:
    """A sentence that fits the session: no journey talk in a preparation session."""
    fitting = [s for s in options if kind != "preparation" or not any(w in s.lower() for w in _AFTER_DOSING)]
    return rng.choice(fitting or list(options))


def pick_themes(rng: random.Random, favourites: tuple[str, ...]) -> list[str]:
    """One or two themes for a participant today, mostly from their own."""
    count = 1 if rng.random() < 0.55 else 2
    pool = list(favourites) if rng.random() < 0.75 else [t.tag for t in THEMES]
    return rng.sample(pool, count)


def _p(label: str, sentences: list[str]) -> str:
    return f"<p><b>{label}:</b> {escape(' '.join(s for s in sentences if s), quote=False)}</p>"


def participant_note(rng: random.Random, kind: str, themes: list[str], facts: Facts | None,
                     measure: dict[str, Any] | None, clock: Any, late: bool) -> str:
    """A DAP note: data (what was shared and recorded), assessment, plan."""
    data = ["Arrived late; joined quietly." if late else rng.choice(OPENINGS)]
    if kind == "preparation":
        data += rng.sample(PREPARATION, 2)
    data += [_sentence(rng, THEME_BY_TAG[t].data, kind) for t in themes]
    assessment = [_sentence(rng, THEME_BY_TAG[t].assessment, kind) for t in themes[:1]]
    plan = rng.sample(PLANS, 1 if kind == "dosing" else 2)
    if facts is not None and kind == "dosing":
        if facts.dose_at is None:
            data.append(f"Pre-dose BP {bp(facts.pre)}, {bp(facts.readings.get('recheck', facts.pre))} on recheck: "
                        "dose held per protocol; stayed for the circle and was observed until leaving.")
        else:
            parts = [f"Ketamine {facts.dose_mg} mg sublingual at {clock(facts.dose_at)} (lot {facts.lot}).",
                     f"BP {bp(facts.pre)} before dosing"]
            if "+40" in facts.readings:
                parts[-1] += f", {bp(facts.readings['+40'])} at 40 minutes"
            if "pre-discharge" in facts.readings:
                parts[-1] += f", {bp(facts.readings['pre-discharge'])} before discharge"
            parts[-1] += "."
            if facts.override:
                parts.append("Dosed after clinician review of a pre-dose BP above the hold limit.")
            data += parts
            if facts.observations:
                data += facts.observations[:2]
                assessment.append("Side effects were transient and managed in the room.")
            else:
                assessment.append("Tolerated the medicine well; no adverse effects observed.")
            if facts.discharged_at is not None:
                data.append(f"Discharged at {clock(facts.discharged_at)} to the escort; no-driving reminder given.")
            plan += rng.sample(DOSING_PLANS, 2)
    if measure is not None:
        data.append(f"GAD-7 {measure['gad']}, PHQ-9 {measure['phq']}" + (
            f" (at the start of the series: {measure['start'][0]} and {measure['start'][1]})." if "start" in measure
            else "."))
        if measure["item9"]:
            plan.append(SAFETY)
    return "".join((_p("Data", data), _p("Assessment", assessment), _p("Plan", plan)))


@dataclass
class GroupFacts:
    """What the group note summarises."""

    kind: str
    label: str
    language: str
    expected: int
    present: int
    late: int
    themes: Counter[str] = field(default_factory=Counter)
    doses: list[int] = field(default_factory=list)
    first_dose: datetime | None = None
    last_dose: datetime | None = None
    held: int = 0
    caution: int = 0
    observations: Counter[str] = field(default_factory=Counter)
    last_out: datetime | None = None
    next_session: str = ""


def _count(n: int, noun: str) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight")
    number = words[n] if n < len(words) else str(n)
    return f"{number} {noun}{'' if n == 1 else 's'}"


def group_note(rng: random.Random, g: GroupFacts, clock: Any) -> tuple[str, str]:
    """A free-text group note and its theme tags."""
    absent = g.expected - g.present
    lines = [f"{g.label}. {g.present} of {g.expected} participants attended"
             + (f", {g.late} arriving late" if g.late else "") + (f"; {absent} absent." if absent else ".")]
    if g.language == "es":
        lines.append("Session held in Spanish.")
    if g.kind == "preparation":
        lines.append("Reviewed the group agreements (confidentiality, the right to pass, consent for touch), what to "
                     "expect from sublingual ketamine, fasting, escorts and the no-driving rule. First intentions "
                     "shared in a round.")
    elif g.kind == "dosing" and g.doses and g.first_dose and g.last_dose:
        lines.append(f"{len(g.doses)} participants received sublingual ketamine ({min(g.doses)}–{max(g.doses)} mg) "
                     f"between {clock(g.first_dose)} and {clock(g.last_dose)}. "
                     + ("All pre-dose readings within limits." if not g.caution
                        else f"{_count(g.caution, 'pre-dose reading')} at or above 140/90, confirmed with the "
                             "clinician.")
                     + (f" {_count(g.held, 'dose')} held for blood pressure." if g.held else ""))
        if g.observations:
            seen = ", ".join(f"{kind} ({n})" for kind, n in sorted(g.observations.items()))
            lines.append(f"Observed: {seen}; all managed in the room and resolved before discharge.")
        else:
            lines.append("A quiet journey; no adverse effects observed.")
        if g.last_out:
            lines.append(f"All participants discharged to escorts by {clock(g.last_out)}.")
    else:
        lines.append(rng.choice((
            "Check-in was brief and warm; the sharing rounds went deep.",
            "A quieter circle; several participants chose to pass in the first round and spoke in the second.",
            "The group held a long silence after one share, which several named afterwards as meaningful.",
            "Participants linked their experiences to the week's practice and to each other's shares.",
        )))
    top = [tag for tag, _ in g.themes.most_common(3)]
    if top:
        lines.append("Themes: " + "; ".join(THEME_BY_TAG[t].group for t in top) + ".")
    if g.next_session:
        lines.append(f"Next session: {g.next_session}.")
    body = "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines)
    return body, ",".join(top)
