"""Correction-request formats: one small class per format, each with one `render(draft)` method."""

from __future__ import annotations

from credit_tracker.render.drafts.base import DraftFormat
from credit_tracker.render.drafts.eml import EmlDraft
from credit_tracker.render.drafts.markdown import MarkdownDraft
from credit_tracker.render.drafts.text import TextDraft

DRAFT_FORMATS: dict[str, type[DraftFormat]] = {
    "text": TextDraft,
    "markdown": MarkdownDraft,
    "eml": EmlDraft,
}
DRAFT_EXTENSIONS = {".md": "markdown", ".eml": "eml", ".txt": "text"}

__all__ = ["DRAFT_EXTENSIONS", "DRAFT_FORMATS", "DraftFormat"]
