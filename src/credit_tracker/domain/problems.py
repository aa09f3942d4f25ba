"""What could not be read cleanly in a source, by kind: a snapshot's `problems`.

Five kinds, told apart by type rather than by a prefix in the text: a note on how the source
was read or what was ignored; a part of a statement or footnote that no form explains
(reported as `statement-unread`, quoted, never dropped); a difference between a JATS article
and its translation, about one byline author or about none (`translation-disagrees`); a
difference between a JATS file's `<role>` markup and its printed statement about one author
(`sources-disagree`, naming both parts); a statement that states the contributions in no CRediT
term ("Y.L. designed research", kept as written and reported as `role-unmapped`).

The records keep each in its typed form (`{"kind": "unread", "text": …}`). Earlier versions
stored the text the parsers write (`str(problem)`: "not understood: …", "translation differs:
[author 2] …", "parts differ: [author 1] …", "no CRediT term: …", or the note itself);
`read_problem` reads such text, once, when a snapshot is validated, so an older folder stays
readable, and the store rewrites it in the typed form.
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
PARTS_DIFFER = "parts differ: "
NOT_CREDIT = "no CRediT term: "
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


class PartsDiffer(_Problem):
    """How a JATS file's `<role>` markup and its printed statement differ about one author."""

    kind: Literal["parts"] = "parts"
    position: int
    """The byline position (1-based) of the author it is about."""

    def __str__(self) -> str:
        return f"{PARTS_DIFFER}[author {self.position}] {self.text}"


class NotCredit(_Problem):
    """A statement that states the contributions in no CRediT term, as printed."""

    kind: Literal["not-credit"] = "not-credit"

    def __str__(self) -> str:
        return f"{NOT_CREDIT}{self.text}"


AnyProblem = Note | Unread | TranslationDiffers | PartsDiffer | NotCredit


def read_problem(text: str) -> AnyProblem:
    """Return the problem a stored or parsed text is."""
    if text.startswith(TRANSLATION_DIFFERS):
        rest = text.removeprefix(TRANSLATION_DIFFERS)
        mark = _AUTHOR_MARK.match(rest)
        if mark is None:
            return TranslationDiffers(text=rest)
        return TranslationDiffers(position=int(mark.group(1)), text=rest[mark.end() :])
    if text.startswith(PARTS_DIFFER):
        rest = text.removeprefix(PARTS_DIFFER)
        mark = _AUTHOR_MARK.match(rest)
        if mark is not None:
            return PartsDiffer(position=int(mark.group(1)), text=rest[mark.end() :])
    if text.startswith(NOT_CREDIT):
        return NotCredit(text=text.removeprefix(NOT_CREDIT))
    if text.startswith(UNREAD):
        return Unread(text=text.removeprefix(UNREAD))
    return Note(text=text)


def _read_if_text(value: object) -> object:
    return read_problem(value) if isinstance(value, str) else value


Problem = Annotated[
    AnyProblem,
    Field(discriminator="kind"),
    BeforeValidator(_read_if_text),
]
"""A problem as a snapshot holds it: read from its typed form or from an earlier version's
text, written in its typed form."""
