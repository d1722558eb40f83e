"""Phrase banks for notes, shares and intentions, grouped by the themes a KAP group works with.

Sentences never name anyone and avoid pronouns, in the style of clinical notes ("Described…",
"Reported…"), so no note can mention another participant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """A theme tag with what a participant might bring to it, how a clinician might read it, and a share line."""

    tag: str
    group: str
    data: tuple[str, ...]
    assessment: tuple[str, ...]
    share: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme("grief", "loss and the slow work of grieving", (
        "Spoke about the anniversary of a parent's death approaching and a fear of falling apart again "
        "in the same month.",
        "Described sensing a late sibling during the journey, not as a memory but as a presence, and crying quietly "
        "for most of the music.",
        "Reported that grief has felt less like a wall and more like a wave this week: it comes, and it also passes.",
        "Shared that clearing out the family home has stalled; every box brings back a conversation "
        "that never happened.",
        "Named a pregnancy loss several years ago as a grief never spoken about outside the marriage.",
    ), (
        "Grief processing appears active and contained; affect congruent, able to return to the present "
        "with grounding.",
        "Tearful but regulated; used breath and the weighted blanket without prompting.",
    ), ("Grief arriving in waves rather than as a wall.", "A felt presence of someone who died; mostly tenderness.")),
    Theme("self-compassion", "self-compassion and the voice of the inner critic", (
        "Noticed the habitual inner critic during the journey and, for the first time, answered it kindly.",
        "Reported practising the hand-on-heart exercise twice daily since the last session, most useful "
        "before meetings.",
        "Described an image of holding a younger self and feeling a warmth usually reserved for other people.",
        "Said the week went badly and, unusually, did not conclude that this was a personal failure.",
    ), (
        "Early but meaningful shift from self-criticism toward self-kindness; worth reinforcing in integration.",
        "Insight good; continues to minimise progress, which the group gently reflected back.",
    ), ("Answering the inner critic with kindness.", "Treating a younger self with warmth.")),
    Theme("body-awareness", "sensations in the body and what they signal", (
        "Described heaviness in the chest easing about twenty minutes into the music, followed by a sense of space.",
        "Reported long-standing tension in the jaw and shoulders and noticed it release during the return phase.",
        "Has resumed short daily walks and notices hunger and tiredness earlier in the day than before.",
        "Found the body scan hard at first; by the end could stay with sensations in the belly without distress.",
    ), (
        "Increasing interoceptive awareness; somatic language used spontaneously.",
        "Somatic focus seems to offer a safer entry point than narrative at this stage.",
    ), ("Tension letting go in the jaw and shoulders.", "Noticing the body's signals earlier in the day.")),
    Theme("relationships", "closeness, distance and asking for what we need", (
        "Spoke about a recent argument with a partner and realising, during the journey, how much of it was fear "
        "of being left.",
        "Reported reaching out to an estranged friend after the last session; the reply was brief and warm.",
        "Described feeling like a visitor in the marriage and wanting to say so without blame.",
        "Noticed a pattern of over-functioning for others followed by resentment; wants to ask for help directly.",
    ), (
        "Attachment themes prominent; reflective rather than ruminative today.",
        "Able to hold ambivalence about the relationship without rushing to a decision.",
    ), ("Fear of being left, underneath an argument.", "Reconnecting with an old friend.")),
    Theme("work-stress", "work, burnout and the permission to rest", (
        "Described a demanding manager and weekly deadlines that leave no room to recover; Sunday "
        "evenings are hardest.",
        "Reported that the work inbox no longer brings the same dread; took a full lunch break three days this week.",
        "Spoke about burnout after years of caregiving work and guilt about considering a change of career.",
        "During the journey saw the job from far above and felt it shrink to its real size.",
    ), (
        "Occupational stress remains the main maintaining factor for the anxiety; boundaries are improving.",
        "Some new flexibility about work demands; still at risk of over-commitment.",
    ), ("The job shrinking to its real size.", "Sunday-evening dread is easing.")),
    Theme("family", "family roles and caregiving", (
        "Talked about caring for a parent with dementia and the loneliness of being the only sibling nearby.",
        "Described a childhood home where feelings were not discussed and a wish to parent differently.",
        "Reported a difficult holiday visit; left early without an argument, which felt like progress.",
        "Shared that an adult child has moved back home and that the house feels both fuller and more tense.",
    ), (
        "Family-of-origin material surfacing with appropriate affect; no destabilisation.",
        "Caregiver strain evident; would benefit from respite resources.",
    ), ("Caring for a parent and feeling alone in it.", "Leaving a family gathering early, kindly.")),
    Theme("letting-go", "control, surrender and letting go", (
        "Described unclenching during the journey: an image of opening a fist that had been closed for years.",
        "Spoke about accepting that a former business will not be rebuilt, and felt lighter having said it aloud.",
        "Reported setting down a long-held resentment, at least for an afternoon, and being surprised by the relief.",
    ), (
        "Acceptance-based processing evident; language shifting from control toward allowing.",
        "Letting go is approached with curiosity rather than as another task to master.",
    ), ("Opening a fist that was closed for years.", "Accepting an ending.")),
    Theme("fear", "fear, and staying with it until it changes", (
        "Reported anxiety before dosing that settled once the music began; a wave of fear passed with slow breathing.",
        "Spoke about health anxiety since a cardiac scare in the family; checks the pulse many times a day.",
        "Described the journey as a dark hallway with light at the end, and staying with the fear "
        "rather than fighting it.",
    ), (
        "Anticipatory anxiety high but tolerated; the experience of fear passing is therapeutically useful.",
        "Catastrophic predictions noticed as predictions; able to name them in the circle.",
    ), ("Staying with fear instead of fighting it.", "Anxious before dosing, calm afterwards.")),
    Theme("meaning", "meaning, purpose and what matters now", (
        "Spoke about questions of purpose after retirement and wanting the next decade to be about something.",
        "Described a felt sense of connection to something larger that was hard to put into words.",
        "Reported wanting to return to volunteering, which used to bring a sense of being useful.",
    ), (
        "Existential themes explored with curiosity; mystical-type experience integrated without grandiosity.",
        "Values clarification under way; linking insights to small concrete steps.",
    ), ("A sense of connection to something larger.", "What the next decade is for.")),
    Theme("connection", "belonging and the experience of being witnessed", (
        "Described feeling held by the group even with eyes closed, knowing nobody was alone in the room.",
        "Reported isolation since moving to the area; the group is the main social contact of the week.",
        "Said it was the first time speaking about depression aloud, and thanked the group for listening.",
    ), (
        "Group cohesion is a clear therapeutic factor; isolation remains a risk outside sessions.",
        "Growing trust in the group; more willing to be seen in difficult moments.",
    ), ("Not being alone in the room.", "Speaking about depression aloud for the first time.")),
    Theme("childhood", "childhood roles and the younger selves we carry", (
        "Recalled a childhood bedroom and waiting for a parent to come home; spoke of it with "
        "compassion rather than shame.",
        "Spoke about being the responsible one from a young age and how tiring that has been.",
        "Recalled a grandparent's kitchen and felt safety in the body for the first time in the series.",
    ), (
        "Early relational material approached from an adult, compassionate stance; no flooding.",
        "Trauma history acknowledged; pacing kept gentle and remained within the window of tolerance.",
    ), ("Being the responsible one from a young age.", "Safety remembered in a grandparent's kitchen.")),
    Theme("anger", "anger and what it protects", (
        "Noticed anger during the journey like heat in the arms and allowed it without acting on it.",
        "Spoke about irritability at home and recognising it as exhaustion rather than a flaw of character.",
    ), (
        "Increasing capacity to notice anger as information; no safety concerns.",
        "Anger explored as protective; curious rather than ashamed.",
    ), ("Anger as heat in the arms, allowed.", "Irritability as a sign of exhaustion.")),
    Theme("sleep", "rest, sleep and the racing mind", (
        "Reported sleeping through the night four times since the last session, up from none.",
        "Sleep remains broken, waking around three in the morning with racing thoughts; has started a "
        "wind-down routine.",
    ), (
        "Sleep improving modestly; continue the sleep hygiene work.",
        "Rumination at night persists; consider a brief worry-time practice.",
    ), ("Sleeping through the night more often.", "Early waking with racing thoughts.")),
    Theme("nature", "nature as a place of steadiness", (
        "Described the journey as walking through a pine wood after rain and wants to spend more time outdoors.",
        "Has started sitting by the creek for ten minutes most mornings and finds it steadies the day.",
    ), (
        "Nature-based practice supports regulation; encouraged to continue.",
        "Uses outdoor time as a reliable grounding resource.",
    ), ("Pine woods after rain.", "Ten minutes by the creek each morning.")),
)

THEME_BY_TAG = {t.tag: t for t in THEMES}

OPENINGS = (
    "Arrived on time and settled quickly.",
    "Arrived a little anxious; grounded with the opening breath practice.",
    "Engaged and reflective throughout.",
    "Quieter than usual today, but attentive.",
    "Present and open in the circle.",
    "Reported a steady week overall.",
    "Reported a difficult few days since the last session.",
)

PREPARATION = (
    "Asked how long the effects last and whether it is normal to feel very little the first time.",
    "Asked what happens if nausea comes during the journey; reassured about ginger, stillness and ondansetron.",
    "Asked whether to continue the current antidepressant; confirmed with the prescriber beforehand.",
    "Wondered how to explain the sessions to family; discussed what to share and what to keep private.",
    "Reviewed the agreements and the right to pass; consent for supportive touch recorded as hand on shoulder only.",
    "Confirmed an escort and the no-driving rule for every dosing day.",
)

PLANS = (
    "Continue as scheduled.",
    "Practise the breathing exercise once a day and notice what changes.",
    "Review the intention before the next session.",
    "Offer an individual integration session if the material stays activated.",
    "Phone check-in within 48 hours.",
    "A short walk outdoors on most days.",
    "Keep a few lines of journal after the session and bring them next time.",
)
DOSING_PLANS = (
    "Journal for ten minutes after waking on the two days after dosing.",
    "Bring one image or phrase from today to the integration circle.",
    "Dose for the next session to be reviewed with the prescribing psychiatrist.",
    "No driving until tomorrow after restful sleep; reminder acknowledged.",
    "Hydrate and rest this afternoon; a walk outdoors tomorrow if the weather allows.",
)

SAFETY = (
    "PHQ-9 item 9 endorsed at 1 (several days). Safety assessment completed: denies current intent or plan; "
    "protective factors reviewed; safety plan updated and the 988 Lifeline reviewed."
)

INTENTIONS_EN = (
    "To meet my grief with less fear.", "To be kinder to myself, especially when I make mistakes.",
    "To understand what my body is trying to tell me.", "To let go of what I cannot control.",
    "To feel connected to the people I love.", "To find out what I actually want from my work.", "To rest.",
    "To see my childhood with more compassion.", "To stop waiting for permission to live my life.",
    "To be curious about the anxiety instead of running from it.", "To forgive myself for the lost years.",
    "To listen.", "To trust that I can handle whatever comes up.", "To make peace with my father.",
    "To notice the good moments when they are there.", "What would it be like to feel safe in my own skin?",
    "What am I still holding on to?", "To open my heart a little.", "To be present with whatever arises.",
    "How can I carry this loss without it carrying me?", "To stop bracing for the worst.",
)
INTENTIONS_ES = (
    "Quiero soltar el miedo que cargo desde hace años.", "Tratarme con más cariño.",
    "Encontrar calma en mi cuerpo.", "Entender mi tristeza sin juzgarla.", "Reconectar con mi familia.",
    "Descansar de verdad.", "Perdonarme por el pasado.", "Escuchar lo que necesito.",
    "Aceptar lo que no puedo cambiar.", "Confiar en el proceso.", "¿Qué necesito para sentirme en casa conmigo?",
    "Hacer las paces con mi historia.",
)
