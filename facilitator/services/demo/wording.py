"""Session-level wording: room set-up, quick notes, reasons, observations and addenda."""

from __future__ import annotations

SETTING_NOTES = (
    "Playlist: Deep Rest (ambient piano, 70 min). Lights low; weighted blankets on every mat.",
    "Playlist: Returning (strings and field recordings). Curtains drawn; diffuser off for a participant "
    "sensitive to scents.",
    "Circle of chairs for check-in, mats for the journey; eye shades and headphones on each mat.",
    "Soft lamps only; blinds half open for the integration circle. Tissues and water within reach.",
    "Playlist: Slow Light (cello and drones). Room at 21 °C; extra blankets by the door.",
    "Chairs in a circle; talking stone on the low table; lights at half.",
)

QUICK_NOTES = (
    "Room set to 21 °C; blankets and eye shades laid out.",
    "Started a few minutes late: one ride was delayed.",
    "Lights dimmed.",
    "Noise from the hallway; door sign added and it settled.",
    "Group agreed to a short stretch before the next round.",
    "Tissues placed within reach of every seat.",
    "Thermostat lowered: the room felt warm.",
    "Check-in held with the talking stone.",
    "One participant stepped out briefly and returned.",
    "Reminded the group of the agreements: confidentiality, right to pass.",
)
QUICK_NOTES_DOSING = (
    "Music moved to the second playlist.",
    "Co-facilitator checked SpO2 round the room; all 95 % or above.",
    "Water and crackers offered during the return.",
    "One participant walked to the restroom with staff alongside; steady on feet.",
    "Eye shades off for most by the start of the return.",
    "Quiet room; two participants tearful, both settled with a hand on the shoulder (consented).",
    "Building fire-alarm test announced in advance; group informed before dosing.",
)

CANCEL_REASONS = (
    "Clinic closed: winter storm warning.",
    "Lead facilitator ill; rescheduled.",
    "Power outage in the building.",
    "Too few participants could attend this week.",
)

ABSENT_COMMENTS = (
    "Called to cancel: unwell.", "No-show; voicemail left.", "Work conflict.", "Family emergency.",
    "Car trouble.", "Childcare fell through.", "Travelling this week.",
)
LATE_COMMENTS = ("Traffic on the highway.", "Bus delayed.", "Parking was full.", "Came straight from work.")
LEFT_EARLY_COMMENTS = ("Left early for a medical appointment.", "Left early: childcare.")

# Why a membership ended: (reason, participant status afterwards, whether the person may come back).
LEAVE_REASONS = (
    ("Completed the series.", "active", True),
    ("Completed the series; taking a break before the next one.", "active", True),
    ("Completed treatment; discharged to outpatient care.", "discharged", False),
    ("Moved out of state.", "inactive", False),
    ("Paused treatment for family reasons.", "inactive", True),
    ("Work schedule changed.", "inactive", True),
)
WITHDRAW_REASONS = (
    ("Withdrew: medical reasons.", "inactive", False),
    ("Stopped attending; did not return calls.", "inactive", False),
)

# Observations: kind -> (detail, action) pairs, mild first.
OBSERVATIONS = {
    "dissociation": (
        ("Felt detached from the body and time; calm, responsive to voice.", "Reassured; continued to observe."),
        ("Marked distortion of time and space, briefly disoriented on return.", "Stayed alongside; oriented gently."),
    ),
    "nausea": (
        ("Mild nausea about half an hour after the dose.", "Ginger chews and stillness; resolved."),
        ("Nausea with retching, no emesis.", "Ondansetron 4 mg ODT given per standing order; resolved in 20 min."),
    ),
    "vomiting": (
        ("Vomited once during the return.", "Emesis bag; sips of water; no further episodes."),
    ),
    "anxiety": (
        ("Brief surge of anxiety early in the journey.", "Breath cue and hand on shoulder (consented); settled."),
        ("Distressed and tearful; asked to sit up.", "Facilitator sat alongside; grounding; settled within 15 min."),
    ),
    "sedation": (
        ("Drowsy, responds to normal voice.", "Observed; SpO2 stable at 96 %."),
        ("Responds only to loud voice.", "Repositioned; SpO2 monitored continuously; roused within 10 min."),
    ),
    "dizziness": (
        ("Light-headed on first standing.", "Sat back down; water; stood slowly with support."),
    ),
}
HYPERTENSION_ACTIONS = (
    "Clinician notified; recheck in 10 minutes; asymptomatic.",
    "Clinician assessed at the mat; recheck in 15 minutes; no headache or chest pain.",
)
HOLD_OVERRIDE_REASONS = (
    "Clinician reviewed: asymptomatic, readings in the 150s at baseline visits; proceed with the planned dose.",
    "Clinician reviewed after recheck; known treated hypertension, no symptoms; proceed and recheck at 20 min.",
)

ADDENDA = (
    "Participant called the next morning: slept well, a mild headache resolved with water. No further concerns.",
    "Correction: the 40-minute reading was taken at 43 minutes.",
    "Escort confirmed safe arrival home by text.",
    "Discussed with the prescribing psychiatrist; no change to the plan.",
    "Participant asked for a copy of the handout in Spanish; sent by post.",
)

LEDGER_WASTE = (
    "Tablet dropped on the floor before administration; destroyed with witness.",
    "Tablet partly dissolved in the packet; destroyed with witness.",
)
LEDGER_EXPIRY = "Remainder of the lot at expiry; destroyed with witness via the reverse distributor."

ROOM_MESSAGE = "Resting in the music. Facilitators are nearby."
