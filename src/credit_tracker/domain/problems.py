"""What could not be read cleanly in a source, by kind: a snapshot's `problems`.

Three kinds, told apart by type rather than by a prefix in the text: a note on how the source
was read or what was ignored; a part of a statement or footnote that no form explains
(reported as `statement-unread`, quoted, never dropped); a difference between a JATS article
and its translation, about one byline author or about none (`translation-disagrees`).

The records keep each in its typed form (`{"kind": "unread", "text": …}`). Earlier versions
stored the text the parsers write (`str(problem)`: "not understood: …", "translation differs:
[author 2] …", or the note itself); `read_problem` reads such text, once, when a snapshot is
validated, so an older folder stays readable, and the store rewrites it in the typed form.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

UNREAD = "not understood: "
TRANSLATION_DIFFERS = "translation differs: "
_AUTHOR_MARK = re.compile(r"^\[author (\d+)\] ")


class _Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str
    text: str

    @model_serializer(mode="wrap")
    def _with_kind(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The kind is what a stored problem is read back by: written even where a dump leaves
        # out the fields at their defaults (the store's does).
        return {"kind": self.kind, **handler(self)}


class Note(_Problem):
    """How the source was read, or something in it that was left out, in a sentence."""

    kind: Literal["note"] = "note"

    def __str__(self) -> str:
        return self.text


class Unread(_Problem):
    """A part of a statement or footnote that no form explains, as printed."""

    kind: Literal["unread"] = "unread"

    def __str__(self) -> str:
        return f"{UNREAD}{self.text}"


class TranslationDiffers(_Problem):
    """How a JATS article's translation (a sub-article) differs from the article."""

    kind: Literal["translation"] = "translation"
    position: int | None = None
    """The byline position (1-based) of the author it is about; None: about the byline."""

    def __str__(self) -> str:
        mark = f"[author {self.position}] " if self.position is not None else ""
        return f"{TRANSLATION_DIFFERS}{mark}{self.text}"


def read_problem(text: str) -> Note | Unread | TranslationDiffers:
    """Return the problem a stored or parsed text is."""
    if text.startswith(TRANSLATION_DIFFERS):
        rest = text.removeprefix(TRANSLATION_DIFFERS)
        mark = _AUTHOR_MARK.match(rest)
        if mark is None:
            return TranslationDiffers(text=rest)
        return TranslationDiffers(position=int(mark.group(1)), text=rest[mark.end() :])
    if text.startswith(UNREAD):
        return Unread(text=text.removeprefix(UNREAD))
    return Note(text=text)


def _read_if_text(value: object) -> object:
    return read_problem(value) if isinstance(value, str) else value


Problem = Annotated[
    Note | Unread | TranslationDiffers,
    Field(discriminator="kind"),
    BeforeValidator(_read_if_text),
]
"""A problem as a snapshot holds it: read from its typed form or from an earlier version's
text, written in its typed form."""
