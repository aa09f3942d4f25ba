"""The desk's pages: Jinja2 templates rendered as the HTML report's are (render/html/templating:
autoescaping, every string made visible first), with what every page of the desk carries."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse

from credit_tracker.desk.memory import DeskState
from credit_tracker.desk.security import CSRF_FIELD, csrf_token
from credit_tracker.render.diff import change_words
from credit_tracker.render.html.templating import safe_environment


def _path(value: str) -> str:
    """A DOI or an id as a piece of a path: every character that could end it escaped."""
    return quote(value, safe="/")


@cache
def environment() -> Environment:
    env = safe_environment(PackageLoader("credit_tracker.desk", "templates"))
    env.filters["path"] = _path
    env.filters["change"] = change_words
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
