"""Hidden characters: refused in what the team types, escaped in JSON that is shown or committed.

A name that holds an ESC sequence, a NUL or a BiDi override prints differently from how it reads
(U+202E turns "Illés" into "séllI" on screen, ESC]0; retitles a terminal), so a record holding one
could never be checked honestly. Letters of every script are welcome, and so are the two joiners
that some scripts need inside words (ZWNJ and ZWJ, in Persian, Hindi, Sinhala...). Text from
publishers is never refused: `json_visible` writes its hidden characters as escapes in JSON (the
value unchanged), and render/visible.py shows them as escapes on one line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from credit_tracker.domain.errors import InputError

# The joiners that legitimate spellings need (Unicode's Cf category otherwise holds only
# invisible formatting: BiDi embeddings, overrides and isolates, the BOM, word joiners...).
ALLOWED_FORMAT_CHARACTERS = frozenset({"\u200c", "\u200d"})
# Categories never part of a name: controls, surrogates, private use and unassigned code points.
REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_UNNAMED = {
    "Cc": "(a control character)",
    "Cs": "(a surrogate)",
    "Co": "(private use)",
    "Cn": "(unassigned)",
}


def unsafe_character(text: str) -> tuple[int, str] | None:
    """Return the 1-based position and a description of the first refused character, or None."""
    if text.isascii() and text.isprintable():
        return None  # printable ASCII holds none of them: most text, checked without a scan
    for index, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        refused = category in REFUSED_CATEGORIES or (
            category == "Cf" and char not in ALLOWED_FORMAT_CHARACTERS
        )
        if refused or char in "\u2028\u2029":
            name = unicodedata.name(char, "") or _UNNAMED.get(category, "(unnamed)")
            return index, f"U+{ord(char):04X} {name}"
    return None


def require_safe_text(
    text: str, *, field: str, path: str | None = None, line: int | None = None
) -> str:
    """Return `text` unchanged; InputError naming the field and the first refused character."""
    found = unsafe_character(text)
    if found is not None:
        position, description = found
        raise InputError(
            f"character {position} is {description}, an invisible or control character; remove it",
            path=path,
            line=line,
            field=field,
        )
    return text


def require_address(text: str, *, field: str) -> str:
    """Return an e-mail address as typed; InputError naming the field when it is none (no '@',
    or white space in it)."""
    if "@" not in text or any(char.isspace() for char in text):
        raise InputError(f"{text!r} is not an e-mail address", field=field)
    return text


# Credentials a server may echo back in an error body, whether or not this run sent them.
_CREDENTIALS = re.compile(
    r"(?i)(bearer\s+|crossref-plus-api-token[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?"
    r"|authorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+|basic\s+|token\s+)?"
    r"|\b(?:api[_-]?key|access[_-]?token|token|password|secret)[\"']?\s*[:=]\s*[\"']?)"
    r"[A-Za-z0-9._~+/=-]{6,}"
)
REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return `text` with every given secret and every credential-looking value replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _CREDENTIALS.sub(lambda m: m.group(1) + REDACTED, text)


def described(exc: Exception) -> str:
    """An unexpected error as one line, with anything secret-looking removed."""
    text = " ".join(str(exc).split())[:200]
    return redact(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


# ---- hidden characters in text shown to people -----------------------------------------------
# Publisher strings are shown, never refused (render/visible.py escapes them); these are the
# characters that must not reach a screen or a file as they are.

# Controls (C0, DEL, C1), invisible formatting (BiDi embeddings, overrides and isolates, the BOM,
# zero-width characters, soft hyphen, tags), lone surrogates, and the line/paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Invisible letters and marks that Unicode lists as default-ignorable (used to fake blank names).
_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")
NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")


def is_hidden(char: str) -> bool:
    """Return whether `char` is a control, invisible format, separator or non-character."""
    code = ord(char)
    return (
        unicodedata.category(char) in _HIDDEN_CATEGORIES
        or char in _INVISIBLE
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE  # U+FFFE, U+FFFF and their kin in every plane
    )


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


def escape_char(char: str) -> str:
    """Return the escape `visible` shows for one character: \\n, \\x1b, \\u202e or \\U000e0041."""
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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


# OWASP's CSV-injection list (https://owasp.org/www-community/attacks/CSV_Injection): a cell
# starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """Return a cell for a CSV or workbook someone may open in a spreadsheet: prefixed with '
    when it starts like a formula (= + - @, or a tab or carriage return before one), so no
    formula runs; every other value unchanged. Every table the tool writes goes through it."""
    return "'" + value if value.startswith(_FORMULA_LEADS) else value


def json_visible(text: str) -> str:
    """Return JSON text with each hidden character written as a JSON \\u escape.

    The parsed value is unchanged (JSON keeps the data exact for machines); only the bytes are
    safe to print. Valid for JSON text only: there, such characters can only be inside strings.
    """
    return NOT_PLAIN_ASCII.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n" or not is_hidden(char):  # json.dumps escapes controls inside strings itself
        return char
    return "".join(f"\\u{unit:04x}" for unit in _utf16_units(ord(char)))


def _utf16_units(code: int) -> tuple[int, ...]:
    if code < 0x10000:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
