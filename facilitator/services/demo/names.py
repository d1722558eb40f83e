"""Name banks for the fictional clinic: participants, escorts, streets.

Every name here is invented for the demo. First names that are also ordinary words ("Hope",
"Rose", "Paz") are left out on purpose, so clinical prose never seems to mention a participant.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

# Slugs for e-mail addresses where Unicode decomposition alone does not give plain letters.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "đ": "d", "ß": "ss", "'": ""})


@dataclass(frozen=True)
class Identity:
    """A participant's name, pronouns and language.

    Attributes:
        slug: the Latin-letter name used for the e-mail address (for Greek or Cyrillic names).
        showcase: always included, so every demo shows accented and non-Latin names.
    """

    first: str
    last: str
    pronouns: str
    language: str = "en"
    preferred: str = ""
    slug: str = ""
    showcase: bool = False


def _i(first: str, last: str, pronouns: str, language: str = "en", preferred: str = "", slug: str = "",
       showcase: bool = False) -> Identity:
    return Identity(first, last, pronouns, language, preferred, slug, showcase)


SHE, HE, THEY = "she/her", "he/him", "they/them"

CURATED: tuple[Identity, ...] = (
    _i("Zoë", "Abernathy", SHE, showcase=True),
    _i("Siobhán", "Gallagher", SHE, showcase=True),
    _i("Ngozi", "Eze", SHE, showcase=True),
    _i("Lan", "Nguyễn", SHE, showcase=True),
    _i("Łukasz", "Wiśniewski", HE, showcase=True),
    _i("Dmitriy", "Volkov", HE, preferred="Dima", showcase=True),
    _i("Ольга", "Смирнова", SHE, preferred="Olga", slug="olga.smirnova", showcase=True),
    _i("Ελένη", "Παπαδοπούλου", SHE, preferred="Eleni", slug="eleni.papadopoulou", showcase=True),
    _i("Björn", "Halvorsen", HE, showcase=True),
    _i("José", "Hernández", HE, "es", showcase=True),
    _i("María Guadalupe", "Ortega", SHE, "es", preferred="Lupe", showcase=True),
    _i("Iñaki", "Etxeberria", HE, "es", showcase=True),
    _i("Priya", "Raghunathan", SHE),
    _i("Mei-Ling", "Chou", SHE),
    _i("Keisha", "Holloway", SHE),
    _i("Ingrid", "Sørensen", SHE),
    _i("Fatima", "Haddad", SHE),
    _i("Yuki", "Tanabe", SHE),
    _i("Rachel", "Feldman", SHE),
    _i("Thandiwe", "Mokoena", SHE),
    _i("Anneliese", "Brandt", SHE),
    _i("Noor", "Al-Sayed", SHE),
    _i("Colleen", "Fitzgerald", SHE),
    _i("Bridget", "Kowalczyk", SHE),
    _i("Tamar", "Ben-David", SHE),
    _i("Aiyana", "Whitehorse", SHE),
    _i("Hyun-ji", "Seo", SHE),
    _i("Dominique", "Laurent", SHE),
    _i("Margaret", "Okonkwo", SHE, preferred="Maggie"),
    _i("Katherine", "Whitcombe", SHE, preferred="Kate"),
    _i("Kwame", "Asante", HE),
    _i("Arjun", "Mehta", HE),
    _i("Kenji", "Watanabe", HE),
    _i("Jamal", "Whitaker", HE),
    _i("Omar", "Farouk", HE),
    _i("Emeka", "Nwosu", HE),
    _i("Raphaël", "Moreau", HE),
    _i("Callum", "McAllister", HE),
    _i("Nikhil", "Iyer", HE),
    _i("Isaac", "Rosenthal", HE),
    _i("Marcus", "Delaney", HE),
    _i("Minh", "Trần", HE),
    _i("Γιώργος", "Νικολάου", HE, preferred="George", slug="giorgos.nikolaou"),
    _i("Declan", "Byrne", HE),
    _i("Henrik", "Åberg", HE),
    _i("Benedikt", "Schäfer", HE, preferred="Ben"),
    _i("Étienne", "Bélanger", HE),
    _i("Tomás", "Delgado", HE),
    _i("Alex", "Rivera", THEY),
    _i("Jordan", "Achterberg", THEY),
    _i("Sasha", "Petrenko", THEY),
    _i("Quinn", "Harrington", THEY),
    _i("Kai", "Nakamura", THEY),
    _i("Avery", "Castellanos", THEY),
    _i("Emerson", "Tate", THEY),
    _i("Alejandro", "Núñez", HE, "es", preferred="Alejo"),
    _i("Lucía", "Castañeda", SHE, "es"),
    _i("Sofía", "Ramírez", SHE, "es"),
    _i("Andrés", "Villanueva", HE, "es"),
    _i("Ximena", "Ibáñez", SHE, "es"),
    _i("Joaquín", "Peña", HE, "es"),
    _i("Carmen", "Ordóñez", SHE, "es"),
    _i("Héctor", "Fuentes", HE, "es"),
    _i("Marisol", "Quiñones", SHE, "es"),
    _i("Valentina", "Robles", SHE, "es"),
    _i("Begoña", "Salcedo", SHE, "es"),
    _i("Rodrigo", "Saldaña", HE, "es"),
    _i("Yesenia", "Cárdenas", SHE, "es"),
    _i("Guillermo", "Montes", HE, "es", preferred="Memo"),
    _i("Noemí", "Arriaga", SHE, "es"),
)

# Banks for clinics with many years of history (more people than the curated list).
FIRST = {
    ("en", SHE): ("Abigail", "Beatrice", "Delphine", "Esther", "Francesca", "Gwendolyn", "Harriet", "Imogen",
                  "Jocelyn", "Kirsten", "Leonora", "Mariam", "Nadia", "Octavia", "Penelope", "Rosalind",
                  "Saoirse", "Tabitha", "Vivienne", "Yolanda", "Zainab", "Annika", "Chiara", "Dagny", "Élodie"),
    ("en", HE): ("Anders", "Cedric", "Desmond", "Elliott", "Fergus", "Gideon", "Ignatius", "Jasper",
                 "Konstantin", "Leopold", "Magnus", "Nathaniel", "Percival", "Quentin", "Rupert", "Stellan",
                 "Tobias", "Ulrich", "Vikram", "Wendell", "Yusuf", "Ambrose", "Caspar", "Søren", "Dashiell"),
    ("en", THEY): ("Ari", "Blair", "Cameron", "Dakota", "Ellis", "Finley", "Hayden", "Jules", "Lennox",
                   "Marlowe", "Noa", "Reese", "Shiloh", "Tatum"),
    ("es", SHE): ("Beatriz", "Catalina", "Daniela", "Elena", "Fernanda", "Gabriela", "Inés", "Jimena",
                  "Liliana", "Mariana", "Natalia", "Renata", "Silvia", "Teresa"),
    ("es", HE): ("Adrián", "Benjamín", "César", "Diego", "Emilio", "Felipe", "Gonzalo", "Ignacio", "Julián",
                 "Leonardo", "Mateo", "Nicolás", "Octavio", "Patricio", "Ramón", "Sebastián"),
}
LAST = {
    "en": ("Ashworth", "Bergström", "Castellano", "Dubois", "Eriksen", "Fairbanks", "Galloway", "Hargreaves",
           "Ishikawa", "Jablonski", "Kaczmarek", "Lachance", "Novak", "Oyelaran", "Pemberton", "Radcliffe",
           "Szabó", "Thorvaldsen", "Umarov", "Wainwright", "Yilmaz", "Zieliński", "Beaumont", "Chaudhry",
           "Donnelly", "Eberhardt", "Grünewald", "Halloran", "Inoue", "Jørgensen", "Kapoor", "Lindahl",
           "Nakagawa", "O'Sullivan", "Prendergast", "Rasmussen", "Tkachenko", "Urquhart", "Valentini"),
    "es": ("Aguilar", "Benítez", "Carrillo", "Domínguez", "Escobar", "Figueroa", "Gallardo", "Guzmán", "Herrera",
           "Jiménez", "Lozano", "Maldonado", "Navarro", "Olivares", "Pacheco", "Quintana", "Rosales",
           "Sepúlveda", "Treviño", "Valdés", "Zúñiga"),
}

# Escorts and emergency contacts: relatives share the participant's surname, others get their own.
CONTACT_FIRST = ("Anna", "Ben", "Carla", "David", "Elisa", "Frank", "Gloria", "Hugo", "Irene", "Jonas", "Laura",
                 "Martin", "Nina", "Oscar", "Paula", "Ruth", "Simon", "Tina", "Victor", "Wanda")
CONTACT_FIRST_ES = ("Ana María", "Carlos", "Diana", "Eduardo", "Graciela", "Javier", "Lorena", "Miguel", "Norma",
                    "Raúl", "Sandra", "Tomás")
FAMILY = ("spouse", "partner", "sister", "brother", "mother", "father", "adult child")
NOT_FAMILY = ("friend", "roommate", "partner")
CONTACT_LAST = ("Sutherland", "Kessler", "Marchand", "Abbott", "Lindholm", "Varga", "Oduya", "Cheng",
                "Salazar", "Duarte", "Whitlock", "Ferreira")

STREETS = ("Larkspur Lane", "Sagebrush Court", "Mapleton Avenue", "Thistle Court", "Columbine Street",
           "Juniper Way", "Aster Way", "Alpine Drive", "Kalmia Avenue", "Linden Street", "Pine Ridge Road",
           "Iris Court", "Spruce Street", "Foxtail Drive", "Mesa Verde Drive", "Bristlecone Lane")
TOWNS = (("Boulder", "80302"), ("Boulder", "80304"), ("Louisville", "80027"), ("Lafayette", "80026"),
         ("Longmont", "80501"), ("Superior", "80027"), ("Nederland", "80466"), ("Erie", "80516"))


def email_slug(text: str) -> str:
    """Plain lower-case letters for an e-mail address: "Łukasz Wiśniewski" -> "lukasz.wisniewski"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    parts = ["".join(ch for ch in word if ch.isascii() and ch.isalnum()) for word in letters.lower().split()]
    return ".".join(p for p in parts if p)


class IdentityPool:
    """Names for new participants, one at a time, per language.

    The showcase names come first, then the rest of the curated list in a seed-dependent order,
    then generated names once the curated list runs out.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._queues: dict[str, list[Identity]] = {}
        for language in ("en", "es"):
            pool = [p for p in CURATED if p.language == language]
            rest = [p for p in pool if not p.showcase]
            rng.shuffle(rest)
            self._queues[language] = [p for p in pool if p.showcase] + rest
        self._taken = {(p.first, p.last) for p in CURATED}

    def next(self, language: str) -> Identity:
        queue = self._queues[language]
        if queue:
            return queue.pop(0)
        rng = self._rng
        pronouns = [SHE, HE, THEY] if language == "en" else [SHE, HE]
        while True:
            pronoun = rng.choices(pronouns, weights=[45, 45, 10][: len(pronouns)])[0]
            first, last = rng.choice(FIRST[(language, pronoun)]), rng.choice(LAST[language])
            if (first, last) not in self._taken:
                self._taken.add((first, last))
                return Identity(first, last, pronoun, language)
