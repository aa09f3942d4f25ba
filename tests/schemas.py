"""The published deposit schemas (vendored in tests/data/schemas), each built once a process:
building Crossref's takes seconds."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from tests.conftest import DATA

CROSSREF = DATA / "schemas" / "crossref/commonmeta-py/commonmeta/resources/crossref"
JATS = DATA / "schemas" / "jats/schemas-rs/jats/schemas"


@cache
def crossref_schema() -> Any:
    """Crossref 5.5.0 is an XSD 1.1 schema (vc:minVersion): XMLSchema (1.0) would skip it all.
    The two W3C schemas it names by URL are mapped to the local copies; nothing is fetched."""
    xmlschema = pytest.importorskip("xmlschema")
    modules = CROSSREF / "standard-modules"
    return xmlschema.XMLSchema11(
        str(CROSSREF / "crossref5.5.0.xsd"),
        locations=[
            ("http://www.w3.org/1998/Math/MathML", str(modules / "mathml3/mathml3.xsd")),
            ("http://www.w3.org/XML/1998/namespace", str(modules / "xml.xsd")),
        ],
        allow="local",
    )


@cache
def jats_schema() -> Any:
    """NISO JATS 1.4 Journal Publishing (MathML 3), XSD 1.0, every module local."""
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(JATS / "JATS-journalpublishing1-4-mathml3.xsd"), allow="local")
