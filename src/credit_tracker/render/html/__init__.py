"""The HTML report: one self-contained page (no external assets), for a browser or a CI artifact.

Rendered by Jinja2 with autoescaping; every string is made visible first (hidden characters as
escapes). The findings table is drawn by the page's own script from JSON data in the page, a page
of rows at a time, so a report of 10,000 articles opens quickly. As a second guard, a
Content-Security-Policy allows only that script (by its hash), so even a missed escape could not
run a script, and the page loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

from jinja2 import Environment

from credit_tracker.render.html.data import HtmlData, context
from credit_tracker.render.html.templating import safe_environment

__all__ = ["HtmlData", "HtmlReport"]


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


SCRIPT = _asset("report.js").strip()
"""The page's one script; the policy allows it by this text's hash."""


@cache
def _environment() -> Environment:
    environment = safe_environment(keep_trailing_newline=True)
    environment.globals["SCRIPT"] = SCRIPT
    environment.globals["STYLE"] = _asset("report.css").strip()
    return environment


def csp(script: str) -> str:
    """Return the page's policy: nothing loaded, only its own script (by hash) may run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


class HtmlReport:
    """One page: summary and charts, the findings table with filters, names, requests."""

    def render(self, data: HtmlData) -> str:
        environment = _environment()
        template = environment.from_string(_asset("report.html.j2"))
        page = context(data)
        page["csp"] = csp(SCRIPT)
        return template.render(page)
