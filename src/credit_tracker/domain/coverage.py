"""Where each article's publisher-side roles could be read, or why not, and the totals. Pure.

Every fetch of the publisher's side ends, for each DOI, in one typed status stored on the
snapshot it made (`SourceSnapshot.role_source`): a role source was read (by which channel, and
whether it states roles), or none was, with the reason (`domain/role_sources.py` reads it from
an article's history). `coverage` totals them by publisher, for `fetch`'s closing lines, the
check, the report, the desk and the nightly summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Channel(StrEnum):
    """Where a role source was read."""

    PLOS = "plos"
    EUROPE_PMC = "europepmc"
    LINK_XML = "link-xml"
    """The publisher's JATS at a full-text link of the Crossref record."""
    LINK_PDF = "link-pdf"
    """The printed statement in a PDF at a full-text link of the Crossref record."""
    LINK_TEXT = "link-text"
    """The statement in a plain-text full text at a link of the Crossref record."""
    SPRINGER_NATURE_API = "springer-nature-api"
    ELSEVIER_API = "elsevier-api"
    WILEY_TDM = "wiley-tdm"
    FILE = "file"
    """A file given by hand (`fetch DOI --jats FILE`, `--statement FILE`)."""
    EARLIER = "earlier"
    """Read before credit-tracker recorded where from (or reconstructed from reports)."""


CHANNEL_LABELS = {
    Channel.PLOS: "PLOS article XML",
    Channel.EUROPE_PMC: "Europe PMC JATS",
    Channel.LINK_XML: "JATS at a Crossref link",
    Channel.LINK_PDF: "PDF statement at a Crossref link",
    Channel.LINK_TEXT: "plain text at a Crossref link",
    Channel.SPRINGER_NATURE_API: "Springer Nature API JATS",
    Channel.ELSEVIER_API: "Elsevier API statement",
    Channel.WILEY_TDM: "Wiley TDM PDF statement",
    Channel.FILE: "a file given by hand",
    Channel.EARLIER: "read where not recorded",
}


class Lack(StrEnum):
    """Why no role source was read."""

    FAILED = "failed"
    """The file could not be fetched (a failure: the article is unverified, the run exits 3)."""
    NO_KEY = "no-key"
    """The publisher's API would answer, with a key the office has not set."""
    FORMAT_NOT_READ = "format-not-read"
    """A file arrived in a format credit-tracker does not read yet (a publisher's own XML)."""
    NO_STATEMENT = "no-statement"
    """The file was read and prints no contributions statement."""
    NO_ACCESS = "no-access"
    """The host refused: 401, 403, 429 that persisted, a quota used up, a paywall page."""
    NO_LINK = "no-link"
    """Neither an open full text nor a link to the article's file (only pages, or nothing)."""


LACK_LABELS = {
    Lack.NO_KEY: "no key",
    Lack.FORMAT_NOT_READ: "format not read",
    Lack.NO_STATEMENT: "no statement in the file",
    Lack.NO_ACCESS: "closed",
    Lack.NO_LINK: "no link",
    Lack.FAILED: "could not fetch",
}
# When several candidates failed, the reason shown is the first of these: a failure first (the
# outcome is unknown, and the run must say so), then what the office can act on (a key), then
# what the tool cannot read yet, then what is closed or missing.
LACK_ORDER = list(Lack)


class RoleSourceRead(BaseModel):
    """A role source was read for the article."""

    model_config = ConfigDict(frozen=True)

    channel: Channel
    roles_stated: bool = False
    """Whether what was read states anyone's roles (a JATS file may state none)."""


class RoleSourceMissing(BaseModel):
    """No role source was read for the article, and why."""

    model_config = ConfigDict(frozen=True)

    lack: Lack
    detail: str = ""
    """The reason in a sentence ('HTTP 403 at onlinelibrary.wiley.com'), keys redacted."""


RoleSource = RoleSourceRead | RoleSourceMissing
"""Told apart by their required fields (`channel`, `lack`): the store writes no defaults."""


def first_lack(found: Iterable[RoleSourceMissing]) -> RoleSourceMissing | None:
    """Return the most telling of several reasons (LACK_ORDER), or None when there is none."""
    ordered = sorted(found, key=lambda missing: LACK_ORDER.index(missing.lack))
    return ordered[0] if ordered else None


class PublisherCoverage(BaseModel):
    """One publisher's articles, by where their roles could be read."""

    publisher: str
    articles: int = 0
    read: dict[Channel, int] = Field(default_factory=dict)
    roles_stated: int = 0
    """Of the articles read, those whose source states anyone's roles."""
    missing: dict[Lack, int] = Field(default_factory=dict)
    not_asked: int = 0
    """Articles whose publisher side was never fetched."""

    @property
    def with_source(self) -> int:
        return sum(self.read.values())

    @property
    def without_source(self) -> int:
        return sum(self.missing.values())


class Coverage(BaseModel):
    """Every publisher's coverage (most articles first) and the totals over all of them."""

    publishers: list[PublisherCoverage] = Field(default_factory=list)
    total: PublisherCoverage = Field(default_factory=lambda: PublisherCoverage(publisher="all"))


def coverage(
    articles: Iterable[tuple[str, RoleSourceRead | RoleSourceMissing | None]],
) -> Coverage:
    """Total (publisher name, status) pairs, one per article, by publisher."""
    by_publisher: dict[str, PublisherCoverage] = {}
    total = PublisherCoverage(publisher="all")
    for publisher, status in articles:
        entry = by_publisher.setdefault(publisher, PublisherCoverage(publisher=publisher))
        for target in (entry, total):
            _count(target, status)
    ordered = sorted(by_publisher.values(), key=lambda p: (-p.articles, p.publisher.casefold()))
    return Coverage(publishers=ordered, total=total)


def _count(target: PublisherCoverage, status: RoleSourceRead | RoleSourceMissing | None) -> None:
    target.articles += 1
    if status is None:
        target.not_asked += 1
    elif isinstance(status, RoleSourceRead):
        target.read[status.channel] = target.read.get(status.channel, 0) + 1
        target.roles_stated += status.roles_stated
    else:
        target.missing[status.lack] = target.missing.get(status.lack, 0) + 1
