"""The author view's formats: one small class per format, each with one `render(view)` method,
and the family's table (AUTHOR_FORMATS); each is made with --show info's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Output, Outputs, load

if TYPE_CHECKING:
    from credit_tracker.render.author.base import AuthorFormat

_HERE = "credit_tracker.render.author"


def _hidden() -> bool:
    return False  # info-level findings counted in one line, not listed


def _view(name: str, path: str, extension: str, media_type: str) -> Output[bool, AuthorFormat]:
    return Output(
        name,
        lambda show: load(f"{_HERE}.{path}")(show_info=show),
        _hidden,
        (extension,),
        media_type,
    )


AUTHOR_FORMATS: Outputs[bool, AuthorFormat] = Outputs(
    _view("text", "text:AuthorText", ".txt", "text/plain"),
    _view("json", "json_format:AuthorJson", ".json", "application/json"),
    _view("statement", "statement:AuthorStatement", ".txt", "text/plain"),
    default="text",
)

__all__ = ["AUTHOR_FORMATS"]
