"""Untrusted XML parsed safely: no entity expansion, no DTD loaded, nothing fetched, 20 MiB.

A file that declares its document type (JATS's DTD) may use the character entities that DTD
declares (`&mdash;`, `&rsquo;`, `&eacute;`: the ISO and HTML sets). The DTD is never loaded, so
expat knows none of them; when it stops at one, each such name is written as the character
reference it stands for and the file is parsed again. That is no entity expansion: every name
is one or two characters from a fixed table, never text the file declared.
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
    try:
        # forbid_dtd stays False: real JATS declares its DTD; expat never loads it, and
        # defusedxml refuses entity declarations and external entities outright.
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}: {exc})", path=origin) from None
    except SafeET.ParseError as exc:
        characters = _with_named_characters(data) if "undefined entity" in str(exc) else None
        if characters is not None:
            return parse_safely(characters, origin)
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"not well-formed XML ({exc})", path=origin, line=line) from None
    except (LookupError, ValueError) as exc:
        # expat raises LookupError for an encoding declaration it does not know ('bogus')
        raise InputError(f"cannot read the XML ({exc})", path=origin) from None


_NAMED_REFERENCE = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_OWN = frozenset({b"lt", b"gt", b"amp", b"quot", b"apos"})


def _with_named_characters(data: bytes) -> bytes | None:
    """`data` with each named character reference its DTD would declare written as a numeric
    one; None when the file declares no document type, is not in an ASCII-compatible encoding,
    or has no such name (a name no character set has is left for the parser to report)."""
    if b"<!DOCTYPE" not in data[:4096] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None

    def numeric(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        text = None if name in _XML_OWN else html5.get(name.decode("ascii") + ";")
        if text is None:
            return match.group()
        return "".join(f"&#{ord(char)};" for char in text).encode("ascii")

    replaced = _NAMED_REFERENCE.sub(numeric, data)
    return None if replaced == data else replaced


def tostring(element: Element, encoding: str = "unicode") -> str:
    """An element written back as XML text (its markup kept)."""
    return str(SafeET.tostring(element, encoding=encoding))
