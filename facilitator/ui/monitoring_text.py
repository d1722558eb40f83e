"""The words a monitoring card shows: dose, last vitals, next reading due, flags and discharge."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from facilitator.domain.vitals import Reading, VitalsLevel
from facilitator.domain.vitals_schedule import ScheduleView
from facilitator.services.monitoring import MonitoringCard
from facilitator.services.observations import KIND_LABELS
from facilitator.ui import format as fmt
from facilitator.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

LEVEL_WORDS = {VitalsLevel.NORMAL: QT_TRANSLATE_NOOP("Monitoring", "Normal"),
               VitalsLevel.CAUTION: QT_TRANSLATE_NOOP("Monitoring", "Caution"),
               VitalsLevel.HOLD: QT_TRANSLATE_NOOP("Monitoring", "Hold"),
               VitalsLevel.ALERT: QT_TRANSLATE_NOOP("Monitoring", "Alert")}
# The schedule's named readings (the domain's words); "+40 min" reads the same in every language.
SCHEDULE_LABELS = (QT_TRANSLATE_NOOP("Monitoring", "Pre-dose"), QT_TRANSLATE_NOOP("Monitoring", "Before discharge"))
# The services' words for screening flags, observation kinds and severities, translated where shown.
SERVICE_WORDS = (
    QT_TRANSLATE_NOOP("Monitoring", "Hypertension"), QT_TRANSLATE_NOOP("Monitoring", "Cardiac"),
    QT_TRANSLATE_NOOP("Monitoring", "Psychosis history"), QT_TRANSLATE_NOOP("Monitoring", "Pregnancy"),
    QT_TRANSLATE_NOOP("Monitoring", "Substance use"), QT_TRANSLATE_NOOP("Monitoring", "Nausea"),
    QT_TRANSLATE_NOOP("Monitoring", "Vomiting"), QT_TRANSLATE_NOOP("Monitoring", "Dissociation"),
    QT_TRANSLATE_NOOP("Monitoring", "Anxiety/distress"), QT_TRANSLATE_NOOP("Monitoring", "Sedation"),
    QT_TRANSLATE_NOOP("Monitoring", "Dizziness"), QT_TRANSLATE_NOOP("Monitoring", "Other"),
    QT_TRANSLATE_NOOP("Monitoring", "mild"), QT_TRANSLATE_NOOP("Monitoring", "moderate"),
    QT_TRANSLATE_NOOP("Monitoring", "severe"),
)
# The QSS tone of each level: calm for normal, the theme's warning and danger colours otherwise.
LEVEL_TONES = {VitalsLevel.NORMAL: "normal", VitalsLevel.CAUTION: "caution", VitalsLevel.HOLD: "alert",
               VitalsLevel.ALERT: "alert"}


def minutes_between(later: datetime, earlier: datetime) -> int:
    return max(0, int((later - earlier).total_seconds() // 60))


def dose_text(card: MonitoringCard, now: datetime) -> str:
    """E.g. "Dose 10:05 · 37 min ago · booster 10:50"; "No dose yet" before one."""
    if not card.doses:
        return translate("Monitoring", "No dose yet")
    first = card.doses[0]
    parts = [translate("Monitoring", "Dose {time}").format(time=fmt.time_of_day(first.given_at)),
             f"{first.amount_mg:g} mg"]
    last = card.doses[-1]
    if last.booster:
        parts.append(translate("Monitoring", "booster {time}").format(time=fmt.time_of_day(last.given_at)))
    if now >= last.given_at:
        parts.append(translate("Monitoring", "{minutes} min ago").format(minutes=minutes_between(now, last.given_at)))
    return "  ·  ".join(parts)


def vitals_text(card: MonitoringCard) -> str:
    """E.g. "142/88 76 98% at 10:42"; "No vitals yet"."""
    last = card.last_vitals
    if last is None:
        return translate("Monitoring", "No vitals yet")
    return translate("Monitoring", "{reading} at {time}").format(reading=reading_text(last.reading),
                                                               time=fmt.time_of_day(last.taken_at))


def reading_text(reading: Reading) -> str:
    """"142/88 HR 76 SpO2 98%" with the heart rate's abbreviation in the interface's language."""
    parts = [reading.bp]
    if reading.heart_rate is not None:
        parts.append(translate("Monitoring", "HR {rate}").format(rate=reading.heart_rate))
    if reading.spo2 is not None:
        parts.append(f"SpO2 {reading.spo2}%")
    return " ".join(parts)


def service_word(text: str) -> str:
    return translate("Monitoring", text) if text in SERVICE_WORDS else text


def observation_text(card: MonitoringCard) -> str:
    """Each kind once, at its latest severity: "Dissociation (mild), Nausea (moderate)", translated."""
    latest = {row.kind: row for row in card.observations}  # later rows win
    parts = []
    for kind in dict.fromkeys(row.kind for row in card.observations):
        row = latest[kind]
        extra = f", MOAA/S {row.moaas}" if row.moaas is not None else ""
        name = service_word(KIND_LABELS.get(row.kind, row.kind))
        parts.append(f"{name} ({service_word(row.severity)}{extra})")
    return ", ".join(parts)


def countdown_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60}:{seconds % 60:02d}"


def due_text(card: MonitoringCard, view: ScheduleView) -> str:
    """The next reading: "Next vitals +40 min in 3:12", "Vitals +40 min due now", "Overdue 3 min", ""."""
    if card.discharge.discharged:
        return (translate("Monitoring", "Discharged {time}").format(time=fmt.time_of_day(card.discharge.discharged_at))
                if card.discharge.discharged_at else "")
    item = view.next_item
    if item is None:
        return translate("Monitoring", "No more vitals scheduled")
    label = schedule_label(item.label)
    if item.due_at is None:
        return translate("Monitoring", "{label} vitals due before the dose").format(label=label)
    if view.overdue and item.overdue_at is not None:
        late = minutes_between(view.now, item.due_at)
        return translate("Monitoring", "Overdue {minutes} min  ·  {label} vitals were due {time}").format(
            minutes=late, label=label, time=fmt.time_of_day(item.due_at))
    seconds = view.countdown_seconds
    if seconds is not None and seconds <= 0:
        return translate("Monitoring", "{label} vitals due now").format(label=label)
    return translate("Monitoring", "Next vitals {label} in {countdown}  ·  {time}").format(
        label=label, countdown=countdown_text(seconds or 0), time=fmt.time_of_day(item.due_at))


def schedule_label(text: str) -> str:
    """A reading's name in the schedule ("Baseline", "+40 min") in the interface's language."""
    return translate("Monitoring", text) if text in SCHEDULE_LABELS else text


def overdue_minutes(view: ScheduleView) -> int | None:
    item = view.next_item
    if not view.overdue or item is None or item.due_at is None:
        return None
    return minutes_between(view.now, item.due_at)


def discharge_text(card: MonitoringCard) -> str:
    state = card.discharge
    if state.discharged or not card.doses:
        return ""
    if state.ready:
        return translate("Monitoring", "Ready for discharge")
    if state.observation_ends_at is not None:
        until = fmt.time_of_day(state.observation_ends_at)
        return translate("Monitoring", "Observation until {time}").format(time=until)
    return ""


def flags_text(card: MonitoringCard) -> str:
    return "  ·  ".join(service_word(flag) for flag in card.flags)
