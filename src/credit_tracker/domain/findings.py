"""What a check reports: findings, unverified DOIs, acknowledged and resolved ones; typed status."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from credit_tracker.domain.coverage import Coverage
from credit_tracker.domain.role_coverage import RoleCoverage
from credit_tracker.domain.verdict import Verdict


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


class Rule(StrEnum):
    """What a finding is about. The names are a contract other scripts rely on (the README's
    table, --fail-on, --severity, ack --rule, the JSON and JUnit reports)."""

    ROLE_MISSING = "role-missing"
    ROLE_EXTRA = "role-extra"
    ROLES_NOT_DEPOSITED = "roles-not-deposited"
    DEGREE_MISMATCH = "degree-mismatch"
    ROLE_UNMAPPED = "role-unmapped"
    ROLES_NOT_RECORDED = "roles-not-recorded"
    NAME_DIACRITICS = "name-diacritics"
    NAME_INITIALS = "name-initials"
    NAME_SPLIT = "name-split"
    NAME_SPELLING = "name-spelling"
    NAME_FORMER = "name-former"
    NAME_SUFFIX = "name-suffix"
    ORCID_MISSING = "orcid-missing"
    ORCID_MISMATCH = "orcid-mismatch"
    ORCID_UNAUTHENTICATED = "orcid-unauthenticated"
    AUTHOR_MISSING = "author-missing"
    AUTHOR_EXTRA = "author-extra"
    AUTHOR_ORDER = "author-order"
    SOURCES_DISAGREE = "sources-disagree"
    CORRECTION_PUBLISHED = "correction-published"
    STATEMENT_UNREAD = "statement-unread"
    TRANSLATION_DISAGREES = "translation-disagrees"


# The default severities are part of the same contract.
DEFAULT_SEVERITY: dict[Rule, Severity] = {
    Rule.ROLE_MISSING: Severity.ERROR,
    Rule.ROLE_EXTRA: Severity.ERROR,
    Rule.ROLES_NOT_DEPOSITED: Severity.INFO,
    Rule.DEGREE_MISMATCH: Severity.WARNING,
    Rule.ROLE_UNMAPPED: Severity.INFO,
    Rule.ROLES_NOT_RECORDED: Severity.INFO,
    Rule.NAME_DIACRITICS: Severity.ERROR,
    Rule.NAME_INITIALS: Severity.ERROR,
    Rule.NAME_SPLIT: Severity.ERROR,
    Rule.NAME_SPELLING: Severity.ERROR,
    Rule.NAME_FORMER: Severity.ERROR,
    Rule.NAME_SUFFIX: Severity.ERROR,
    Rule.ORCID_MISSING: Severity.WARNING,
    Rule.ORCID_MISMATCH: Severity.ERROR,
    Rule.ORCID_UNAUTHENTICATED: Severity.INFO,
    Rule.AUTHOR_MISSING: Severity.ERROR,
    Rule.AUTHOR_EXTRA: Severity.ERROR,
    Rule.AUTHOR_ORDER: Severity.ERROR,
    Rule.SOURCES_DISAGREE: Severity.WARNING,
    Rule.CORRECTION_PUBLISHED: Severity.INFO,
    Rule.STATEMENT_UNREAD: Severity.WARNING,
    Rule.TRANSLATION_DISAGREES: Severity.INFO,
}
NAME_RULES = frozenset(
    {
        Rule.NAME_DIACRITICS,
        Rule.NAME_INITIALS,
        Rule.NAME_SPLIT,
        Rule.NAME_SPELLING,
        Rule.NAME_SUFFIX,
    }
)
"""The rules about how a name is printed (the former name aside, which is never shown)."""


class AuthorRef(BaseModel):
    """The team's author a finding is about (the name is the one the team records)."""

    model_config = ConfigDict(frozen=True)

    name: str
    person: str
    orcid: str | None = None
    position: int


# The order sources are listed in, wherever a finding names several.
SOURCE_ORDER = ("team", "crossref", "jats", "statement", "orcid")


class Finding(BaseModel):
    """One difference between the team's record and the publisher sources that show it."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Stable: the same difference keeps it whichever sources show it (see `finding_id`)."""
    rule: Rule
    severity: Severity
    doi: str
    sources: list[str]
    """Every source that shows this difference, in `SOURCE_ORDER`; for `sources-disagree` the
    two that differ from each other."""
    author: AuthorRef | None = None
    expected: str | None = None
    observed: str | None = None
    message: str

    # pydantic's documented form: mypy cannot type a decorator over a property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def source(self) -> str:
        """The sources in one value, for formats that show one ('crossref + jats')."""
        return " + ".join(self.sources)


class Unverified(BaseModel):
    """A DOI (or one source of it) that could not be checked, and why. Never counted as clean."""

    model_config = ConfigDict(frozen=True)

    doi: str
    source: str | None = None
    reason: str


class Outage(BaseModel):
    """A service that answered no request this run: every article it was asked about is
    unverified for one reason, said once (one annotation, one summary line), not per article."""

    model_config = ConfigDict(frozen=True)

    service: str
    """'Crossref', 'PLOS', 'Europe PMC'."""
    source: str
    """The source its articles are unverified in ('crossref', 'jats')."""
    reason: str
    dois: list[str]
    """The articles not verified this run because of it."""
    kept: int = 0
    """How many of them have an earlier good reading, kept and still checked."""

    def covers(self, item: Unverified) -> bool:
        """Whether an unverified entry is this outage's doing."""
        return item.source == self.source and item.doi in self.dois


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


class FindingState(StrEnum):
    """Where a finding stands: what every format shows beside it and what decides the exit code."""

    OPEN = "open"
    REGRESSED = "regressed"
    """A fix was seen in a snapshot and a later snapshot undid it: an error, failing the run."""
    PENDING = "pending-correction"
    """A sent correction request covers it: not failing until the request is stale."""
    ACKNOWLEDGED = "acknowledged"


class PendingFinding(BaseModel):
    """A finding that a sent correction request covers: reported, not failing until `stale_on`."""

    finding: Finding
    request: str
    """The id of the correction request that covers it."""
    sent: str
    """When the request was sent (ISO date)."""
    stale_on: str
    """The first day on which the request counts as stale and the finding fails the run again."""


class RegressedFinding(BaseModel):
    """A finding whose fix a snapshot showed and a later snapshot undid; always an error."""

    finding: Finding
    """The finding as the latest snapshots show it, with its severity raised to error."""
    fixed: str
    """The date of the first snapshot that no longer showed it (ISO date)."""
    undone: str
    """The date of the first snapshot after that which showed it again (ISO date)."""
    request: str | None = None
    """The correction request that asked for the fix, if there is one."""


class CorrectionState(StrEnum):
    """A request's state: the one recorded, or what the snapshots show about it."""

    DRAFTED = "drafted"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    WONT_FIX = "wont-fix"
    FIX_SEEN = "resolved (fix seen)"
    """The latest snapshots no longer show any of its errors."""
    STALE = "stale"
    """Sent longer ago than the stale-after days, and errors still open; its findings fail."""
    REGRESSED = "regressed"
    """A fix was seen and a later snapshot undid it (never 'stale')."""


class CorrectionStatus(BaseModel):
    """A correction request's state as the latest snapshots show it."""

    id: str
    doi: str
    person: str | None = None
    kinds: list[str]
    state: CorrectionState
    detail: str
    """The state in a sentence, with its dates: what a person reads."""
    sent: str | None = None
    """When the request was last sent (ISO date)."""
    stale_on: str | None = None
    """For a sent request: the first day on which it counts as stale."""
    fix_seen: str | None = None
    """When a snapshot first showed the errors fixed (for 'resolved (fix seen)' and 'regressed')."""
    undone: str | None = None
    """For 'regressed': when a later snapshot first showed an error again."""
    finding_ids: list[str] = Field(default_factory=list)
    """The findings the request is about (as stored with it)."""


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
    pending: int = 0
    """Findings covered by a sent correction request that is not stale (not failing)."""
    regressed: int = 0
    """Findings whose fix was seen and later undone (errors)."""


class CheckReport(BaseModel):
    """The whole result of a check; the JSON format is this model (version 1)."""

    version: int = 1
    summary: Summary
    findings: list[Finding]
    """The open findings (neither regressed, pending nor acknowledged)."""
    regressed: list[RegressedFinding] = Field(default_factory=list)
    pending: list[PendingFinding] = Field(default_factory=list)
    unverified: list[Unverified]
    acknowledged: list[AcknowledgedFinding]
    resolved: list[ResolvedFinding] = Field(default_factory=list)
    corrections: list[CorrectionStatus] = Field(default_factory=list)
    coverage: Coverage | None = None
    """Where the articles' publisher-side roles could be read, by publisher (Crossref's name)."""
    outages: list[Outage] = Field(default_factory=list)
    """The services that answered nothing during the fetch this report follows (nightly)."""
    roles_compared: RoleCoverage = Field(default_factory=RoleCoverage)
    """How far the role check reached: the coverage line's counts."""

    def unverified_alone(self) -> list[Unverified]:
        """The unverified entries no outage covers: each said on its own."""
        return [u for u in self.unverified if not any(o.covers(u) for o in self.outages)]

    @property
    def verdict(self) -> Verdict:
        """Unverified DOIs leave the check incomplete; failing findings fail it."""
        return Verdict(complete=not self.unverified, failing=self.summary.failing > 0)


def ordered_sources(sources: set[str] | list[str]) -> list[str]:
    """Return the sources in `SOURCE_ORDER` (any unknown one last, by name)."""
    rank = {name: n for n, name in enumerate(SOURCE_ORDER)}
    return sorted(set(sources), key=lambda name: (rank.get(name, len(rank)), name))


def finding_id(
    doi: str, rule: str, subject: str, key: str = "", observed: str | None = None
) -> str:
    """Return a stable id that no source enters: the same difference keeps it from run to run,
    and when another source starts showing it too.

    `observed` enters so that two sources printing two different wrong names are two findings.
    """
    text = f"2|{doi}|{rule}|{subject}|{key}|{observed or ''}"
    # surrogatepass: a lone surrogate a publisher printed must not stop the check
    return f"ct-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def source_finding_id(doi: str, source: str, rule: str, subject: str, key: str = "") -> str:
    """Return the id a finding had while findings were told per source ('jats+statement' for a
    disagreement): acknowledgements and requests stored then still name these."""
    digest = hashlib.sha256(f"{doi}|{source}|{rule}|{subject}|{key}".encode()).hexdigest()
    return f"ct-{digest[:12]}"
