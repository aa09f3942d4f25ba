"""What a run did: a fetch's counts for its one-line summary, its failures and its verdict; a
harvest's new works."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.coverage import Coverage
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.domain.verdict import Verdict


@dataclass
class FetchSummary:
    """What a fetch run did, for the one-line summary and for tests."""

    fetched: int = 0
    changed: int = 0
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
    reached: set[str] = field(default_factory=set)
    coverage: Coverage | None = None
    """Where each fetched article's roles could be read, by publisher (None: not computed)."""

    @property
    def verdict(self) -> Verdict:
        """A DOI not fetched (not found is no failure), XML that failed or a stop: incomplete."""
        return Verdict(complete=not (self.failed or self.xml_failed or self.stopped))


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
