"""What a run did: a fetch's counts for its one-line summary, its failures and its verdict; a
harvest's new works."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from credit_tracker.domain.coverage import Coverage
from credit_tracker.domain.findings import Outage
from credit_tracker.domain.models import SourceAuthor, SourceKind
from credit_tracker.domain.verdict import Verdict


@dataclass(frozen=True)
class Reverted:
    """A reading whose bytes equal an older copy's but not the last one's: a change, back."""

    doi: str
    source: SourceKind
    copy_of: date
    """The day the copy it equals was first seen."""


@dataclass
class FetchSummary:
    """What a fetch run did, for the one-line summary and for tests."""

    fetched: int = 0
    not_found: int = 0
    failed: int = 0
    xml_downloads: int = 0
    xml_failed: int = 0
    requests: int = 0
    stopped: str | None = None
    long_waits_refused: int = 0
    metadata_filled: int = 0
    """Records whose missing title, journal or year were filled from Crossref."""
    failures: dict[str, str] = field(default_factory=dict)
    """DOI → why it could not be read (Crossref's reason, the publisher XML's, or both)."""
    unread: dict[SourceKind, set[str]] = field(default_factory=dict)
    """The DOIs each source could not be read for."""
    outages: list[Outage] = field(default_factory=list)
    """The services that answered no request: their DOIs are unverified for one reason."""
    reached: set[str] = field(default_factory=set)
    coverage: Coverage | None = None
    """Where each fetched article's roles could be read, by publisher (None: not computed)."""
    changed_dois: set[str] = field(default_factory=set)
    """Articles with a reading (Crossref's record or the publisher XML) unlike the last one."""
    reverted: list[Reverted] = field(default_factory=list)
    """The changed readings that put an earlier copy back (a publisher undoing a fix)."""

    def could_not_read(self, doi: str, source: SourceKind, reason: str) -> None:
        """Note a source that could not be read for `doi`, and why."""
        self.unread.setdefault(source, set()).add(doi)
        earlier = self.failures.get(doi)
        self.failures[doi] = f"{earlier}; {reason}" if earlier else reason

    @property
    def changed(self) -> int:
        """How many articles changed (see `changed_dois`)."""
        return len(self.changed_dois)

    @property
    def verdict(self) -> Verdict:
        """A DOI not fetched (not found is no failure), XML that failed or a stop: incomplete."""
        return Verdict(complete=not (self.failed or self.xml_failed or self.stopped))


class WorkGroup(StrEnum):
    """Where the harvest lists a work: the new articles apart from what is not one."""

    NEW = "new"
    """An article (or conference paper) to consider tracking."""
    PREPRINT = "preprint"
    """A preprint of an article the team tracks: shown under that article, not as new."""
    OTHER = "other"
    """Another kind of work (a dataset, a book chapter, a preprint of nothing tracked)."""


ARTICLE_TYPES = frozenset({"journal-article", "proceedings-article"})
"""Crossref types the harvest lists as new articles; the others are listed apart."""


@dataclass
class NewWork:
    """A work carrying a team member's ORCID iD that the records do not hold yet."""

    doi: str
    title: str
    journal: str
    authors: list[SourceAuthor]
    members: list[str]
    """Ids of the team members who appear on it (by ORCID iD)."""
    year: int | None = None
    shown: list[str] = field(default_factory=list)
    """The authors as a listing shows them: a confidential former name withheld."""
    type: str = "journal-article"
    """Crossref's type of the work."""
    preprint_of: str | None = None
    """The tracked article this is a preprint of, when Crossref links the two."""

    @property
    def group(self) -> WorkGroup:
        """Where the work is listed: a new article, a preprint of a tracked one, or another kind."""
        if self.preprint_of:
            return WorkGroup.PREPRINT
        return WorkGroup.NEW if self.type in ARTICLE_TYPES or not self.type else WorkGroup.OTHER
