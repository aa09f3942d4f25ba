"""Untrusted XML parsed safely: no entity expansion, no DTD loaded, nothing fetched, 20 MiB.

A file that declares its document type (JATS's DTD) may use the character entities that DTD
declares (`&mdash;`, `&rsquo;`, `&eacute;`, ISO Greek `&rgr;`: the ISO and HTML sets). The DTD
is never loaded, so expat knows none of them (and, the DTD being external, drops one in an
attribute value without a word); before parsing, each such name outside CDATA sections and
comments is written as the character reference it stands for. That is no entity expansion:
every name is one or two characters from a fixed table, never text the file declared.
Blank lines before the XML declaration (a file saved from a web answer) are taken off first, and
an error's line is still the file's.
"""

from __future__ import annotations

import re
from html.entities import html5
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from credit_tracker.domain.errors import InputError

MAX_XML_BYTES = 20 * 1024 * 1024


def parse_safely(data: bytes, origin: str) -> Element:
    """Return the root element; InputError for XML that is unsafe, too large or not well formed."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"the XML is larger than {MAX_XML_BYTES // 2**20} MiB", path=origin)
    data, lines_before = _declaration_first(data)
    return _parse(_with_named_characters(data) or data, origin, lines_before)


def _parse(data: bytes, origin: str, lines_before: int) -> Element:
    """Parse `data`; an error's line counts the `lines_before` that were taken off its start."""
    try:
        # forbid_dtd stays False: real JATS declares its DTD; expat never loads it, and
        # defusedxml refuses entity declarations and external entities outright.
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}: {exc})", path=origin) from None
    except SafeET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        reason = str(exc)
        if line is not None and lines_before:
            line += lines_before
            reason = f"{reason.rsplit(': line ', 1)[0]}: line {line}, column {column}"
        raise InputError(f"not well-formed XML ({reason})", path=origin, line=line) from None
    except (LookupError, ValueError) as exc:
        # expat raises LookupError for an encoding declaration it does not know ('bogus')
        raise InputError(f"cannot read the XML ({exc})", path=origin) from None


_BOM = b"\xef\xbb\xbf"
_SPACE_BEFORE_DECLARATION = re.compile(rb"[ \t\r\n]+(?=<\?xml[ \t\r\n])")


def _declaration_first(data: bytes) -> tuple[bytes, int]:
    """`data` with blank lines or spaces before its XML declaration taken off, and how many lines
    they were: a file saved from a web answer often starts with a newline, and XML allows nothing
    before the declaration, so expat refused the whole file."""
    bom = _BOM if data.startswith(_BOM) else b""
    blank = _SPACE_BEFORE_DECLARATION.match(data, len(bom))
    if blank is None:
        return data, 0
    return bom + data[blank.end() :], blank.group().count(b"\n")


_NAMED_REFERENCE = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
# CDATA sections and comments hold no references: their text is left as written
_LITERAL_ENDS = {b"<![CDATA[": b"]]>", b"<!--": b"-->"}
_LITERAL_START = re.compile(rb"<!\[CDATA\[|<!--")
_XML_OWN = frozenset({b"lt", b"gt", b"amp", b"quot", b"apos"})
# ISO 8879's Greek letters (ISOgrk1, which the JATS and NLM DTDs declare and AAS's and IOP's files
# use: 'rgr' is rho, 'Rgr' its capital); the HTML names have none of them
_GREEK = dict(
    zip(
        (
            *("a", "b", "g", "d", "e", "z", "ee", "th", "i", "k", "l", "m"),
            *("n", "x", "o", "p", "r", "s", "t", "u", "ph", "kh", "ps", "oh"),
        ),
        "\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8\u03b9\u03ba\u03bb\u03bc"
        "\u03bd\u03be\u03bf\u03c0\u03c1\u03c3\u03c4\u03c5\u03c6\u03c7\u03c8\u03c9",
        strict=True,
    )
)
_CHARACTERS: dict[str, str] = {
    **{name[:-1]: text for name, text in html5.items() if name.endswith(";")},
    **{f"{name}gr": letter for name, letter in _GREEK.items()},
    **{f"{name.upper()}gr": letter.upper() for name, letter in _GREEK.items()},
    "sfgr": "\u03c2",
}
"""A character entity's name (without '&' and ';') and the text it stands for."""


def _with_named_characters(data: bytes) -> bytes | None:
    """`data` with each named character reference its DTD would declare written as a numeric
    one; None when the file declares no document type, is not in an ASCII-compatible encoding,
    or has no such name (a name no character set has is left for the parser to report)."""
    if b"<!DOCTYPE" not in data[:4096] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None

    pieces, at = [], 0
    # one pass, searching each literal's end once (an unclosed one runs to the end of the file)
    while (literal := _LITERAL_START.search(data, at)) is not None:
        close = data.find(_LITERAL_ENDS[literal.group()], literal.end())
        end = len(data) if close < 0 else close + len(_LITERAL_ENDS[literal.group()])
        pieces += [
            _NAMED_REFERENCE.sub(_numeric, data[at : literal.start()]),
            data[literal.start() : end],
        ]
        at = end
    replaced = b"".join([*pieces, _NAMED_REFERENCE.sub(_numeric, data[at:])])
    return None if replaced == data else replaced


def _numeric(match: re.Match[bytes]) -> bytes:
    """A named character reference as the numeric one(s) it stands for; else as it is."""
    name = match.group(1)
    text = None if name in _XML_OWN else _CHARACTERS.get(name.decode("ascii"))
    if text is None:
        return match.group()
    return "".join(f"&#{ord(char)};" for char in text).encode("ascii")


def tostring(element: Element, encoding: str = "unicode") -> str:
    """An element written back as XML text (its markup kept)."""
    return str(SafeET.tostring(element, encoding=encoding))
