"""The vitals classification's reasons in the interface's language.

The domain writes each reason as one English sentence (it is also what the record keeps). The
screen reads the sentence's parts back and says it again through Qt's translations; a sentence it
does not recognise is shown as it is, so a new kind of reason is never lost, only untranslated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from facilitator.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

_WHEN = r"(?P<when>before the dose|at (?P<minutes>\d+) min)"
_HOLD = r"(?P<hold>hold the dose; )?"
_BP = re.compile(rf"BP (?P<bp>\d+/\d+) {_WHEN}: (?P<word>above|at) the protocol's (?P<limit>\d+/\d+) "
                 r"(?P<name>alert|hold|recheck|caution) limit; (?P<advice>.+)\.")
_SPO2 = re.compile(rf"SpO2 (?P<value>\d+)% {_WHEN}: below the protocol's (?P<limit>\d+)% minimum; {_HOLD}"
                   r"urgent attention to breathing\.")
_RATE = re.compile(rf"Heart rate (?P<value>\d+) {_WHEN}: (?P<word>below|above) the protocol's "
                   rf"(?:minimum|maximum) of (?P<limit>\d+); {_HOLD}urgent recheck and clinician attention\.")


def _when(match: re.Match[str]) -> str:
    if match["minutes"] is None:
        return translate("VitalsReason", "before the dose")
    return translate("VitalsReason", "at {minutes} min").format(minutes=match["minutes"])


def _hold(match: re.Match[str]) -> str:
    return translate("VitalsReason", "hold the dose; ") if match["hold"] else ""


def _limit_name(name: str) -> str:
    names = {"alert": translate("VitalsReason", "alert"), "hold": translate("VitalsReason", "hold"),
             "recheck": translate("VitalsReason", "recheck"), "caution": translate("VitalsReason", "caution")}
    return names[name]


def _advice(text: str) -> str | None:
    advice = {
        "hold the dose; urgent recheck and clinician attention":
            translate("VitalsReason", "hold the dose; urgent recheck and clinician attention"),
        "urgent recheck and clinician attention": translate("VitalsReason", "urgent recheck and clinician attention"),
        "hold the dose unless a clinician overrides":
            translate("VitalsReason", "hold the dose unless a clinician overrides"),
        "recheck and watch the trend": translate("VitalsReason", "recheck and watch the trend"),
        "confirm with the clinician before dosing":
            translate("VitalsReason", "confirm with the clinician before dosing"),
    }
    return advice.get(text)


def reason_text(sentence: str) -> str:
    """One reason sentence in the interface's language (unchanged in English, or when not recognised)."""
    if match := _BP.fullmatch(sentence):
        advice = _advice(match["advice"])
        if advice is None:
            return sentence
        template = (translate("VitalsReason", "BP {bp} {when}: above the protocol's {limit} {name} limit; {advice}.")
                    if match["word"] == "above" else
                    translate("VitalsReason", "BP {bp} {when}: at the protocol's {limit} {name} limit; {advice}."))
        return template.format(bp=match["bp"], when=_when(match), limit=match["limit"],
                               name=_limit_name(match["name"]), advice=advice)
    if match := _SPO2.fullmatch(sentence):
        return translate("VitalsReason", "SpO2 {value}% {when}: below the protocol's {limit}% minimum; "
                                         "{hold}urgent attention to breathing.").format(
            value=match["value"], when=_when(match), limit=match["limit"], hold=_hold(match))
    if match := _RATE.fullmatch(sentence):
        template = (translate("VitalsReason", "Heart rate {value} {when}: below the protocol's minimum of {limit}; "
                                              "{hold}urgent recheck and clinician attention.")
                    if match["word"] == "below" else
                    translate("VitalsReason", "Heart rate {value} {when}: above the protocol's maximum of {limit}; "
                                              "{hold}urgent recheck and clinician attention."))
        return template.format(value=match["value"], when=_when(match), limit=match["limit"], hold=_hold(match))
    return sentence


_NAMES = {"Systolic": QT_TRANSLATE_NOOP("VitalsReason", "Systolic"),
          "Diastolic": QT_TRANSLATE_NOOP("VitalsReason", "Diastolic"),
          "Heart rate": QT_TRANSLATE_NOOP("VitalsReason", "Heart rate"), "SpO2": "SpO2"}
_NAME = r"(?P<name>Systolic|Diastolic|Heart rate|SpO2)"
_RANGE = re.compile(rf"{_NAME} (?P<value>\d+)(?P<unit>%?) is outside the plausible range of (?P<low>\d+) to "
                    r"(?P<high>\d+)%?; check for a typo\.")
_WHOLE = re.compile(rf"{_NAME} must be a whole number\.")
_ORDER = re.compile(r"Diastolic (?P<diastolic>\d+) must be lower than systolic (?P<systolic>\d+); "
                    r"check the order of the numbers\.")
ENTRY_SENTENCES = (
    QT_TRANSLATE_NOOP("VitalsReason", "Type vitals as systolic/diastolic, then heart rate and SpO2 if taken, "
                                      "for example 142/88 76 98."),
    QT_TRANSLATE_NOOP("VitalsReason", "A reading needs a blood pressure: both systolic and diastolic."),
)


def _name(match: re.Match[str]) -> str:
    return translate("VitalsReason", _NAMES[match["name"]])


def entry_error(sentence: str) -> str:
    """Why a typed reading was refused, in the interface's language (unchanged when not recognised)."""
    if sentence in ENTRY_SENTENCES:
        return translate("VitalsReason", sentence)
    if match := _RANGE.fullmatch(sentence):
        unit = match["unit"]
        return translate("VitalsReason", "{name} {value} is outside the plausible range of {low} to {high}; "
                                         "check for a typo.").format(
            name=_name(match), value=match["value"] + unit, low=match["low"], high=match["high"] + unit)
    if match := _WHOLE.fullmatch(sentence):
        return translate("VitalsReason", "{name} must be a whole number.").format(name=_name(match))
    if match := _ORDER.fullmatch(sentence):
        return translate("VitalsReason", "Diastolic {diastolic} must be lower than systolic {systolic}; check the "
                                         "order of the numbers.").format(diastolic=match["diastolic"],
                                                                         systolic=match["systolic"])
    return sentence


def reasons_text(reasons: tuple[str, ...]) -> str:
    """All reasons as one line, as :attr:`Classification.reason` joins them."""
    return " ".join(reason_text(r) for r in reasons)
