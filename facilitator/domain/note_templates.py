"""Note templates: free text, or DAP (Data, Assessment, Plan) sections a clinician fills in."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.markup import to_plain_text


@dataclass(frozen=True)
class NoteTemplate:
    """A way to start a note.

    Attributes:
        key: stored in the note's ``template`` column.
        label: shown in the template picker.
        sections: the section labels, in order (none for free text).
    """

    key: str
    label: str
    sections: tuple[str, ...] = ()
    description: str = ""

    @property
    def body(self) -> str:
        """The empty note in safe markup: one paragraph per section, its label in bold."""
        return "".join(f"<p><b>{label}:</b> </p>" for label in self.sections)

    def is_untouched(self, markup: str) -> bool:
        """True when ``markup`` holds nothing but this template's labels (nothing written yet)."""
        return to_plain_text(markup).split() == to_plain_text(self.body).split()


FREE = NoteTemplate("free", "Free text", description="A blank page.")
DAP = NoteTemplate("dap", "DAP (Data, Assessment, Plan)", ("Data", "Assessment", "Plan"),
                   "Data: what was shared and observed. Assessment: the clinician's reading. Plan: next steps.")
TEMPLATES: dict[str, NoteTemplate] = {t.key: t for t in (FREE, DAP)}


def template(key: str) -> NoteTemplate:
    """The template stored as ``key`` (an unknown key, say from a newer version, reads as free text)."""
    return TEMPLATES.get(key, FREE)
