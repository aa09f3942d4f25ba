"""The author view's formats: one small class per format, each with one `render(view)` method."""

from __future__ import annotations

from credit_tracker.render.author.base import AuthorFormat
from credit_tracker.render.author.json_format import AuthorJson
from credit_tracker.render.author.statement import AuthorStatement
from credit_tracker.render.author.text import AuthorText

AUTHOR_FORMATS: dict[str, type[AuthorFormat]] = {
    "text": AuthorText,
    "json": AuthorJson,
    "statement": AuthorStatement,
}

__all__ = ["AUTHOR_FORMATS", "AuthorFormat"]
