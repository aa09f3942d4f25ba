"""Correction-request formats: one small class per format, each with one `render(draft)` method,
and the family's table (DRAFT_FORMATS): name, extension, media type, class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Output, Outputs, load, no_options

if TYPE_CHECKING:
    from credit_tracker.render.drafts.base import DraftFormat

_HERE = "credit_tracker.render.drafts"


def _draft(name: str, path: str, extension: str, media_type: str) -> Output[None, DraftFormat]:
    return Output(name, lambda _: load(f"{_HERE}.{path}")(), no_options, (extension,), media_type)


DRAFT_FORMATS: Outputs[None, DraftFormat] = Outputs(
    _draft("text", "text:TextDraft", ".txt", "text/plain"),
    _draft("markdown", "markdown:MarkdownDraft", ".md", "text/markdown"),
    _draft("eml", "eml:EmlDraft", ".eml", "message/rfc822"),
    default="text",
)

__all__ = ["DRAFT_FORMATS"]
