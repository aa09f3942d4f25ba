"""Elsevier's full-text XML: the "CRediT authorship contribution statement" section. Pure.

Elsevier's article retrieval API answers `full-text-retrieval-response`, the article in its
journal-article schema (`ce:` elements, http://www.elsevier.com/xml/common/dtd) under
`originalText`. The statement is a `ce:section` whose `ce:section-title` names it; Elsevier's
own parser (elsevierlabs-os/credit-contribution-parser, `Preprocess_XML.py`) finds it by the
heading with the pattern below and collects the section's paragraphs, which some articles split
in several. The text is then read by the one statement reader (parse/statement.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

CE = "{http://www.elsevier.com/xml/common/dtd}"
PRISM_DOI = "{http://prismstandard.org/namespaces/basic/2.0/}doi"
# The heading pattern of Elsevier's parser, as it is written there.
STATEMENT_HEADING = re.compile(
    r"CRediT|[Aa]uthor(ship)? ([Cc]ontribut|[Ss]tatement)|([Cc]ontribution|[Cc]redit) [Ss]tatement"
)


@dataclass(frozen=True)
class ElsevierStatement:
    """The statement's heading and its paragraphs' text, one paragraph a line."""

    heading: str
    text: str


def article_doi(root: Element) -> str | None:
    """The DOI the answer is about (`coredata/prism:doi`)."""
    found = root.findtext(f".//{{*}}coredata/{PRISM_DOI}")
    return found.strip() if found else None


def credit_statement(root: Element) -> ElsevierStatement | None:
    """Return the contribution statement of an Elsevier full text, or None when it has none."""
    for section in root.iter(f"{CE}section"):
        title = _text(section.find(f"{CE}section-title"))
        if title and STATEMENT_HEADING.search(title):
            paragraphs = [_text(para) for para in section.iter(f"{CE}para")]
            text = "\n".join(p for p in paragraphs if p)
            if text:
                return ElsevierStatement(heading=title, text=text)
    return None


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
