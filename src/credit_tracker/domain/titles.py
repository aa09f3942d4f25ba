"""Titles as people read them: the inline markup publishers deposit is taken out, nothing else.

Crossref keeps a title's JATS and HTML inline formatting (`<scp>r</scp>`, `<i>in vivo</i>`,
`H<sub>2</sub>O`, MathML), so a title printed as is shows tags. Only these formatting elements go;
any other tag stays as the literal text it is (a `<script>` in a title is shown, never run).
"""

from __future__ import annotations

import html
import re

_FORMATTING = (
    "i|b|u|em|strong|sc|scp|sub|sup|italic|bold|underline|monospace|roman|sans-serif|"
    "small-caps|overline|strike|span|inline-formula|tex-math|mml:[a-z]+"
)
_TAG = re.compile(rf"</?(?:{_FORMATTING})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


def plain_title(text: str | None) -> str:
    """Return the title without inline formatting tags, character references made characters."""
    if not text:
        return ""
    stripped = _TAG.sub("", text) if "<" in text else text
    if "&" in stripped:  # Crossref titles also carry references such as &amp; and &#8217;
        stripped = _ENTITY.sub(lambda m: html.unescape(m[0]), stripped)
    return stripped
