"""What a check reports: findings, unverified DOIs, acknowledged and resolved ones; typed status."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


# The rule names are a contract other scripts rely on; so are these default severities.
DEFAULT_SEVERITY: dict[str, Severity] = {
    "role-missing": Severity.ERROR,
    "role-extra": Severity.ERROR,
    "roles-not-deposited": Severity.INFO,
    "degree-mismatch": Severity.WARNING,
    "role-unmapped": Severity.INFO,
    "roles-not-recorded": Severity.INFO,
    "name-diacritics": Severity.ERROR,
    "name-initials": Severity.ERROR,
    "name-split": Severity.ERROR,
    "name-spelling": Severity.ERROR,
    "name-former": Severity.ERROR,
    "name-suffix": Severity.ERROR,
    "orcid-missing": Severity.WARNING,
    "orcid-mismatch": Severity.ERROR,
    "orcid-unauthenticated": Severity.INFO,
    "author-missing": Severity.ERROR,
    "author-extra": Severity.ERROR,
    "author-order": Severity.ERROR,
    "sources-disagree": Severity.WARNING,
    "correction-published": Severity.INFO,
    "statement-unread": Severity.WARNING,
}
# A snapshot problem that begins so is a part of the source (a statement, a footnote) that was not
# understood; the check reports each as `statement-unread`, with the text, never dropping it.
UNREAD = "not understood: "


class AuthorRef(BaseModel):
    """The team's author a finding is about (the name is the one the team records)."""

    model_config = ConfigDict(frozen=True)

    name: str
    person: str
    orcid: str | None = None
    position: int


class Finding(BaseModel):
    """One difference between the team's record and a publisher source."""

    model_config = ConfigDict(frozen=True)

    id: str
    rule: str
    severity: Severity
    doi: str
    source: str
    author: AuthorRef | None = None
    expected: str | None = None
    observed: str | None = None
    message: str


class Unverified(BaseModel):
    """A DOI (or one source of it) that could not be checked, and why. Never counted as clean."""

    model_config = ConfigDict(frozen=True)

    doi: str
    source: str | None = None
    reason: str


class AcknowledgedFinding(BaseModel):
    """A finding the team has acknowledged: reported, never failing the run."""

    finding: Finding
    note: str
    at: str


class ResolvedFinding(BaseModel):
    """An acknowledged finding that the latest snapshots no longer show."""

    id: str
    note: str
    at: str


class CorrectionStatus(BaseModel):
    """A correction request's state as the latest snapshots show it."""

    id: str
    doi: str
    person: str | None = None
    kinds: list[str]
    state: str
    """drafted, sent, acknowledged, resolved, wont-fix, 'resolved (fix seen)' or 'stale'."""
    detail: str


class Summary(BaseModel):
    """Counts for people and for CI."""

    articles: int = 0
    verified: int = 0
    unverified: int = 0
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_rule: dict[str, int] = Field(default_factory=dict)
    acknowledged: int = 0
    resolved: int = 0
    accepted_spellings: int = 0
    failing: int = 0


class CheckReport(BaseModel):
    """The whole result of a check; the JSON format is this model (version 1)."""

    version: int = 1
    summary: Summary
    findings: list[Finding]
    unverified: list[Unverified]
    acknowledged: list[AcknowledgedFinding]
    resolved: list[ResolvedFinding] = Field(default_factory=list)
    corrections: list[CorrectionStatus] = Field(default_factory=list)


def finding_id(doi: str, source: str, rule: str, subject: str, key: str = "") -> str:
    """Return a stable id: the same difference keeps its id from run to run."""
    digest = hashlib.sha256(f"{doi}|{source}|{rule}|{subject}|{key}".encode()).hexdigest()
    return f"ct-{digest[:12]}"
