"""A correction request as drafted: its errors in plain words, the evidence, who signs it.

Built by corrections/ from open findings, rendered by render/drafts/, its signature kept by
store/; nothing here sends anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from credit_tracker.domain.findings import Finding

# The request types, each a different path at publishers: a metadata or typo fix (names, ORCID
# iDs, the byline); a change to the contributions (roles: every author must confirm); a
# confidential name change (the former name is never printed and no notice is asked for).
METADATA, CONTRIBUTIONS, CONFIDENTIAL = "metadata", "contributions", "confidential-name-change"
KIND_TITLES = {
    METADATA: "Metadata or typo correction",
    CONTRIBUTIONS: "Change to the author contributions (CRediT roles)",
    CONFIDENTIAL: "Confidential name change",
}


class Sender(BaseModel):
    """Who signs the requests: the office's setting in the records (`office set`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    email: str | None = None
    organisation: str | None = None
    lines: list[str] = Field(default_factory=list)
    """Further lines of the signature: a role, an address, a telephone number."""

    @property
    def signature(self) -> list[str]:
        """The signature's lines: name, further lines, organisation, e-mail address."""
        return [line for line in (self.name, *self.lines, self.organisation, self.email) if line]

    @property
    def address(self) -> str | None:
        """Return 'Name <email>' for a From header, or None without an e-mail address."""
        return f"{self.name} <{self.email}>" if self.email else None


@dataclass(frozen=True)
class Change:
    """One field to correct: what the article shows now and what is correct."""

    label: str
    now: str
    correct: str


@dataclass
class ErrorItem:
    """One error in a draft: a sentence saying it, and the fields to change."""

    finding: Finding
    headline: str
    kind: str
    changes: list[Change]


@dataclass(frozen=True)
class Evidence:
    """One source the errors were seen in, told once however many errors it shows."""

    source: str
    where: str
    """The source in plain words: 'the online article', "Crossref's record"."""
    seen: str | None
    """The date of the snapshot (ISO)."""
    page: str
    """The article's page, for a person to open."""
    machine: str | None
    """The machine-readable record the snapshot was read from (never a local file)."""
    note: str | None = None
    """Set for a snapshot built from reports: how it was built."""


@dataclass(frozen=True)
class SupportingFile:
    """A file sent with the request so the publisher can apply the fix as sent: the team's
    record as JATS markup or a Crossref fragment."""

    name: str
    media_type: str
    what: str
    """What it is, in a few words for the editorial office."""
    text: str


@dataclass
class Draft:
    """A correction request ready to be rendered as text, Markdown or e-mail."""

    doi: str
    title: str
    journal: str
    to: str | None
    route: str
    kinds: list[str]
    items: list[ErrorItem]
    evidence: list[Evidence] = field(default_factory=list)
    authors_to_confirm: list[str] = field(default_factory=list)
    author_count: int = 0
    sender: Sender | None = None
    basis: list[str] = field(default_factory=list)
    """Where the correct roles come from, one line per author the contributions are about:
    'Jane Illés: Conceptualization; … (confirmed by the author on 2026-12-01)'."""
    supporting: list[SupportingFile] = field(default_factory=list)
    publisher: str = ""
    """The publisher's name as Crossref registers it (else the configured one's), or ''."""

    @property
    def addressee(self) -> str:
        """Where the request goes, or what to do when no address is configured."""
        if self.to:
            return self.to
        if self.publisher:
            return (
                f"(no address configured for {self.publisher}; see 'credit-tracker publisher set')"
            )
        return "(no publisher address configured)"

    @property
    def subject(self) -> str:
        return f"Correction request: {self.title} (doi:{self.doi})"

    @property
    def article_url(self) -> str:
        return f"https://doi.org/{self.doi}"
