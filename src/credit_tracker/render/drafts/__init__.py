"""Correction-request formats: one small class per format, each with one `render(draft)` method,
and the family's table (DRAFT_FORMATS): name, extension, media type, class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Outputs, classes, no_options, plain

if TYPE_CHECKING:
    from credit_tracker.render.drafts.base import DraftFormat

DRAFT_FORMATS: Outputs[None, DraftFormat] = classes(
    "credit_tracker.render.drafts",
    [
        ("text", "text:TextDraft", (".txt",), "text/plain"),
        ("markdown", "markdown:MarkdownDraft", (".md",), "text/markdown"),
        ("eml", "eml:EmlDraft", (".eml",), "message/rfc822"),
    ],
    default="text",
    options=no_options,
    make=plain,
)

__all__ = ["DRAFT_FORMATS"]
