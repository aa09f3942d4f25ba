"""Crossref's full-text links and the order they are tried in, as a role source. Pure.

A Crossref record may carry `link` entries (https://api.crossref.org/swagger-ui/index.html,
"Work.link"): a URL, its content type, whether it is the version of record (`vor`) or the
accepted manuscript (`am`), and what it is deposited for (`text-mining`, `similarity-checking`,
`syndication`, `unspecified`). `ranked` puts them in the order `fetch` tries them:

1. the version of record before the accepted manuscript (and before anything else): the role
   check compares what was published, and a manuscript may predate the final byline;
2. within a version, publisher XML before a PDF before plain text before a link of unspecified
   type (sniffed from the answer): XML states roles in markup, a PDF only in print;
3. within a format, text-mining links before unspecified, then syndication, then
   similarity-checking links last. Crossref deposits similarity-checking links for its
   Similarity Check service, not for text mining; where one leads to an open PDF (MDPI deposits
   no other link) that PDF is the file any reader downloads, so it is tried, but only when
   nothing deposited for text mining exists before it, and only where it names a file (a
   similarity-checking link of unspecified type whose address does not end in `pdf` or `xml`
   is a landing page: Frontiers' `…/full`, PLOS's `dx.plos.org/…`).

HTML links (landing pages, `text/html`) are never tried: pages are not scraped.
"""

from __future__ import annotations

from enum import IntEnum
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict


class LinkFormat(IntEnum):
    """What a link's content type promises, in the order tried."""

    XML = 0
    PDF = 1
    TEXT = 2
    UNSPECIFIED = 3
    HTML = 9
    """Never tried: a page, not the article's file."""


_XML_TYPES = ("application/xml", "text/xml", "application/jats+xml", "application/vnd.")
_VERSIONS = {"vor": 0, "am": 1}
_APPLICATIONS = {"text-mining": 0, "unspecified": 1, "syndication": 2, "similarity-checking": 3}


class FullTextLink(BaseModel):
    """One `link` entry of a Crossref record, as deposited."""

    model_config = ConfigDict(frozen=True)

    url: str
    content_type: str = "unspecified"
    version: str = ""
    """'vor' (version of record), 'am' (accepted manuscript) or what was deposited."""
    application: str = ""
    """'text-mining', 'similarity-checking', 'syndication', 'unspecified' or ''."""

    @property
    def format(self) -> LinkFormat:
        kind = self.content_type.casefold().split(";")[0].strip()
        if kind.startswith(_XML_TYPES) and "html" not in kind:
            return LinkFormat.XML
        if kind == "application/pdf":
            return LinkFormat.PDF
        if kind == "text/plain":
            return LinkFormat.TEXT
        if "html" in kind:
            return LinkFormat.HTML
        return LinkFormat.UNSPECIFIED


def ranked(links: list[FullTextLink]) -> list[FullTextLink]:
    """Return the links worth trying, in the documented order; HTML pages and repeats left out.

    Sorted by version, then format, then intended application; the deposit order breaks ties.
    """
    seen: set[str] = set()
    kept = []
    for link in links:
        if link.format is LinkFormat.HTML or link.url in seen or not link.url.startswith("http"):
            continue
        if link.application.casefold() == "similarity-checking" and not names_a_file(link):
            continue
        seen.add(link.url)
        kept.append(link)
    return sorted(
        kept,
        key=lambda link: (
            _VERSIONS.get(link.version.casefold(), 2),
            link.format,
            _APPLICATIONS.get(link.application.casefold(), 1),
        ),
    )


def names_a_file(link: FullTextLink) -> bool:
    """Whether a link names a file rather than a page: a declared format, or a file's address."""
    return link.format is not LinkFormat.UNSPECIFIED or file_address(link.url)


def file_address(url: str) -> bool:
    """Whether an address ends in 'pdf' or 'xml' ('…/2304-6775/6/2/15/pdf', MDPI)."""
    return urlsplit(url).path.casefold().rstrip("/").endswith(("pdf", "xml"))
