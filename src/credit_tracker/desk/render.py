"""The desk's pages: Jinja2 templates with autoescaping; every string made visible first.

As in the HTML report, `finalize` passes every printed string through `visible` (hidden and
control characters shown as escapes) before Jinja2 escapes markup, so a publisher's `<script>`,
a right-to-left override or a terminal escape is shown as text and does nothing.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from credit_tracker.desk.security import CSRF_FIELD, csrf_token
from credit_tracker.desk.state import DeskState
from credit_tracker.render.visible import visible


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    return visible(value) if isinstance(value, str) else value


def _path(value: str) -> str:
    """A DOI or an id as a piece of a path: every character that could end it escaped."""
    return quote(value, safe="/")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("credit_tracker.desk", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = _path
    return env


def page(
    request: Request,
    state: DeskState,
    name: str,
    context: dict[str, Any],
    status: int = 200,
) -> HTMLResponse:
    """Render a page with what every page has: the CSRF field, read-only mode, messages."""
    done = request.query_params.get("done", "")
    base = {
        "csrf_field": CSRF_FIELD,
        "csrf": csrf_token(state.settings.token),
        "read_only": state.settings.read_only,
        "messages": state.messages.get(done, []),
        "errors": {},
        "path": request.url.path,
    }
    html = environment().get_template(name).render({**base, **context})
    return HTMLResponse(html, status_code=status)
