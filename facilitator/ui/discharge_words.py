"""The discharge checklist's labels and reasons in the interface's language.

Like :mod:`facilitator.ui.vitals_words`: the domain's English sentences are recognised and said
again through Qt's translations; anything not recognised is shown as written.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from facilitator.domain import discharge as d
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.vitals_words import reason_text

translate = QCoreApplication.translate

LABELS = {
    d.MIN_OBSERVATION: QT_TRANSLATE_NOOP("Discharge", "Minimum observation elapsed"),
    d.VITALS: QT_TRANSLATE_NOOP("Discharge", "Last vitals within limits"),
    d.ALERT_ORIENTED: QT_TRANSLATE_NOOP("Discharge", "Alert and oriented"),
    d.NO_NAUSEA: QT_TRANSLATE_NOOP("Discharge", "No active nausea or vomiting"),
    d.ESCORT: QT_TRANSLATE_NOOP("Discharge", "Escort present"),
    d.NO_DRIVING: QT_TRANSLATE_NOOP("Discharge", "No driving until tomorrow acknowledged"),
    d.READY_TIME: QT_TRANSLATE_NOOP("Discharge", "\"Would have been ready at\" recorded"),
}
FIXED = (
    QT_TRANSLATE_NOOP("Discharge", "Confirm the participant is alert and oriented."),
    QT_TRANSLATE_NOOP("Discharge", "Confirm there is no active nausea or vomiting."),
    QT_TRANSLATE_NOOP("Discharge", "Confirm the escort is present."),
    QT_TRANSLATE_NOOP("Discharge", "Confirm the participant acknowledged no driving until tomorrow after "
                                   "restful sleep."),
    QT_TRANSLATE_NOOP("Discharge", "Sedation was recorded after alert and oriented was ticked; check again."),
    QT_TRANSLATE_NOOP("Discharge", "Nausea or vomiting was recorded after it was ticked as settled; check again."),
    QT_TRANSLATE_NOOP("Discharge", "No vitals have been recorded for this participant."),
    QT_TRANSLATE_NOOP("Discharge", "No vitals have been taken since the last dose."),
    QT_TRANSLATE_NOOP("Discharge", "Take the vitals before discharge."),
    QT_TRANSLATE_NOOP("Discharge", "Record the escort's name."),
    QT_TRANSLATE_NOOP("Discharge", "Record when the participant would have been ready to leave without the "
                                   "minimum observation."),
)
_OBSERVATION = re.compile(r"The (?P<total>\d+)-minute minimum observation after the last dose has "
                          r"(?P<left>\d+) minutes? left\.")
_VITALS = "The last vitals are not within limits. "


def label_text(key: str, label: str) -> str:
    """A checklist item's label (the domain's ``label`` when the key is not known here)."""
    return translate("Discharge", LABELS[key]) if key in LABELS else label


def discharge_reason(sentence: str) -> str:
    """One reason the participant is not ready, in the interface's language."""
    if sentence in FIXED:
        return translate("Discharge", sentence)
    if match := _OBSERVATION.fullmatch(sentence):
        left = int(match["left"])
        template = (translate("Discharge", "The {total}-minute minimum observation after the last dose has "
                                           "1 minute left.")
                    if left == 1 else
                    translate("Discharge", "The {total}-minute minimum observation after the last dose has {left} "
                                           "minutes left."))
        return template.format(total=match["total"], left=left)
    if sentence.startswith(_VITALS):
        return translate("Discharge", "The last vitals are not within limits. {detail}").format(
            detail=reason_text(sentence[len(_VITALS):]))
    return sentence
