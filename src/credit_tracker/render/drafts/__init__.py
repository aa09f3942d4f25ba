"""Correction-request formats: one small class per format, each with one `render(draft)` method."""

from __future__ import annotations

from credit_tracker.render.drafts.eml import EmlDraft
from credit_tracker.render.drafts.markdown import MarkdownDraft
from credit_tracker.render.drafts.text import TextDraft

DRAFT_FORMATS = {"text": TextDraft, "markdown": MarkdownDraft, "eml": EmlDraft}

__all__ = ["DRAFT_FORMATS"]
