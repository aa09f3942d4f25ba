"""Untrusted XML parsed safely: no entity expansion, no DTD loaded, nothing fetched, 20 MiB."""

from __future__ import annotations

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
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"not well-formed XML ({exc})", path=origin, line=line) from None
    except (LookupError, ValueError) as exc:
        # expat raises LookupError for an encoding declaration it does not know ('bogus')
        raise InputError(f"cannot read the XML ({exc})", path=origin) from None


def tostring(element: Element, encoding: str = "unicode") -> str:
    """An element written back as XML text (its markup kept)."""
    return str(SafeET.tostring(element, encoding=encoding))
