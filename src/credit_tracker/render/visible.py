"""Publisher and record strings made safe for one-line display: hidden characters shown as escapes.

A publisher's metadata is untrusted text. A newline in a name breaks a report line (and a line
that then starts with `::warning::` is a workflow command in a GitHub Actions log); `ESC]0;…BEL`
retitles a terminal; U+202E shows "Illés" as "séllI"; XML 1.0 forbids most C0 controls even
escaped. Every report and draft format passes such strings through `visible` first, which shows
each of these characters as an escape (`\\n`, `\\x1b`, `\\u202e`) and leaves letters of every
script, accents and the joiners that some scripts need inside words exactly as they are.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.text import NOT_PLAIN_ASCII, is_hidden

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JOINERS = frozenset("\u200c\u200d")
# Scripts whose spelling needs ZWNJ or ZWJ between letters (Persian and Urdu in Arabic script,
# Indic conjuncts, Sinhala, ...): https://www.unicode.org/faq/indic.html
_JOINING_SCRIPTS = frozenset(
    {
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "MYANMAR",
        "KHMER",
        "TIBETAN",
    }
)


def visible(text: str) -> str:
    """Return `text` for one-line display: every hidden or control character as a visible escape.

    Idempotent: a string that comes out of `visible` goes through it unchanged.
    """
    if text.isascii() and text.isprintable():  # the common case: nothing to show differently
        return text
    return NOT_PLAIN_ASCII.sub(_shown, text)


_LINE_BREAKS = re.compile(r"(\r\n|\n|\r|\t)")


def visible_lines(text: str) -> str:
    """Return `text` for display as lines (a `<pre>`, a `<textarea>`): line breaks and tabs kept.

    Every other hidden or control character is shown as `visible` shows it: a letter or a pasted
    list keeps its layout, and a right-to-left override inside it still cannot mislead.
    """
    parts = _LINE_BREAKS.split(text)
    return "".join(part if n % 2 else visible(part) for n, part in enumerate(parts))


def escape_char(char: str) -> str:
    """Return the escape `visible` shows for one character: \\n, \\x1b, \\u202e or \\U000e0041."""
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible_report(report: CheckReport) -> CheckReport:
    """Return a copy of `report` with every string in it passed through `visible`."""
    return CheckReport.model_validate(_visible_values(report.model_dump()))


def _shown(match: re.Match[str]) -> str:
    char = match[0]
    if not is_hidden(char) or (char in _JOINERS and _inside_word(match.string, match.start())):
        return char
    return escape_char(char)


def _inside_word(text: str, index: int) -> bool:
    """A joiner stays between two letters or marks of a script that needs it."""
    if index == 0 or index + 1 >= len(text):
        return False
    return all(_joining_letter(text[i]) for i in (index - 1, index + 1))


def _joining_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" and (
        unicodedata.name(char, "").split(" ", 1)[0] in _JOINING_SCRIPTS
    )


def _visible_values(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: _visible_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible_values(item) for item in value]
    return value
