"""The author view's formats: one small class per format, each with one `render(view)` method,
and the family's table (AUTHOR_FORMATS); each is made with --show info's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from credit_tracker.render.outputs import Outputs, classes

if TYPE_CHECKING:
    from credit_tracker.render.author.base import AuthorFormat


def _hidden() -> bool:
    return False  # info-level findings counted in one line, not listed


def _shown(cls: Any, show_info: bool) -> Any:
    return cls(show_info=show_info)


AUTHOR_FORMATS: Outputs[bool, AuthorFormat] = classes(
    "credit_tracker.render.author",
    [
        ("text", "text:AuthorText", (".txt",), "text/plain"),
        ("json", "json_format:AuthorJson", (".json",), "application/json"),
        ("statement", "statement:AuthorStatement", (".txt",), "text/plain"),
    ],
    default="text",
    options=_hidden,
    make=_shown,
)

__all__ = ["AUTHOR_FORMATS"]
