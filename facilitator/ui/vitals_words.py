"""The vitals classification's reasons in the interface's language.

The domain writes each reason as one English sentence (it is also what the record keeps). The
screen reads the sentence's parts back and says it again through Qt's translations; a sentence it
does not recognise is shown as it is, so a new kind of reason is never lost, only untranslated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

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


def reasons_text(reasons: tuple[str, ...]) -> str:
    """All reasons as one line, as :attr:`Classification.reason` joins them."""
    return " ".join(reason_text(r) for r in reasons)
