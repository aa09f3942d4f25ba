"""The one way pages are rendered: Jinja2 with autoescaping, every string made visible first.

`finalize` passes every printed string through `visible` (hidden and control characters shown
as escapes) before Jinja2 escapes markup, so a publisher's `<script>`, a right-to-left override
or a terminal escape is shown as text and does nothing. That one-line view is where hidden
characters mislead (a name, a DOI, a title); text shown as lines, in a `<pre>` or a `<textarea>`,
goes through the `lines` filter instead, which keeps its line breaks and tabs (so a letter reads
as a letter and a pasted list comes back as it was typed) and still shows every other hidden
character. The HTML report and the review desk both render through `safe_environment`.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined
from markupsafe import Markup

from credit_tracker.render.visible import visible, visible_lines


def finalize_visible(value: Any) -> Any:
    """Every value a template prints, made visible; Markup is the page's own and stays."""
    if isinstance(value, Markup):
        return value
    return visible(value) if isinstance(value, str) else value


def lines_filter(value: str) -> Markup:
    """Text shown as lines: escaped for HTML here, line breaks kept, other hidden text shown."""
    return Markup.escape(visible_lines(value))


def safe_environment(loader: BaseLoader | None = None, **options: Any) -> Environment:
    """A Jinja2 environment that autoescapes, refuses undefined names and shows hidden text."""
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        finalize=finalize_visible,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.filters["lines"] = lines_filter
    return env
