"""Untrusted XML parsed safely: no entity expansion, no DTD loaded, nothing fetched, 20 MiB.

Publishers' files often name characters by the entities their DTD declares (`&ndash;`,
`&aacute;`, `&copy;`, ISO 8879's Greek `&rgr;`: IOP, AAS, PNAS, Liebert) and declare that DTD
by its address only. The DTD is never loaded, so those names are given their characters from a
fixed table here; a name the table lacks, or one in a file that declares no DTD, is still refused.
"""

from __future__ import annotations

from html.entities import html5
from xml.etree.ElementTree import Element, TreeBuilder

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from credit_tracker.domain.errors import InputError

MAX_XML_BYTES = 20 * 1024 * 1024
# ISO 8879's Greek letters (ISOgrk1, which the JATS and NLM DTDs declare): 'rgr' is rho, 'Rgr'
# its capital; the HTML names cover the other sets (ISOlat1, ISOnum, ISOpub, ISOtech …).
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
CHARACTER_ENTITIES: dict[str, str] = {
    **{name[:-1]: text for name, text in html5.items() if name.endswith(";")},
    **{f"{name}gr": letter for name, letter in _GREEK.items()},
    **{f"{name.upper()}gr": letter.upper() for name, letter in _GREEK.items()},
    "sfgr": "\u03c2",
}
"""A character entity's name (without '&' and ';') and the text it stands for."""


def parse_safely(data: bytes, origin: str) -> Element:
    """Return the root element; InputError for XML that is unsafe, too large or not well formed."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"the XML is larger than {MAX_XML_BYTES // 2**20} MiB", path=origin)
    try:
        # forbid_dtd stays False: real JATS declares its DTD; expat never loads it, and
        # defusedxml refuses entity declarations and external entities outright.
        parser = SafeET.DefusedXMLParser(
            target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
        # read only where expat cannot know a name because the DTD was not loaded
        parser.entity.update(CHARACTER_ENTITIES)
        parser.feed(data)
        root: Element = parser.close()
        return root
    except DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}: {exc})", path=origin) from None
    except SafeET.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"not well-formed XML ({exc})", path=origin, line=line) from None
    except (LookupError, ValueError) as exc:
        # expat raises LookupError for an encoding declaration it does not know ('bogus')
        raise InputError(f"cannot read the XML ({exc})", path=origin) from None


def tostring(element: Element, encoding: str = "unicode") -> str:
    """An element written back as XML text (its markup kept)."""
    return str(SafeET.tostring(element, encoding=encoding))
