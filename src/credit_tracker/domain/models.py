"""The models that cross boundaries: the team's records, people and the publisher snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from credit_tracker.domain.confirmation import Asked, RoleProvenance
from credit_tracker.domain.coverage import RoleSource
from credit_tracker.domain.credit import BY_SLUG, Degree
from credit_tracker.domain.names import PersonName, clean, split_particle
from credit_tracker.domain.problems import Problem


class RoleAssignment(BaseModel):
    """A CRediT role held by an author, with its degree where one was stated."""

    model_config = ConfigDict(frozen=True)

    role: str
    """The role's NISO slug, e.g. 'writing-review-editing'."""
    degree: Degree | None = None

    @property
    def label(self) -> str:
        return BY_SLUG[self.role].label


class Person(BaseModel):
    """A team member: the name they use, spellings they accept and names never to print."""

    id: str
    """A stable handle such as 'jane-illes'."""
    name: PersonName
    orcid: str | None = None
    accepted_spellings: list[str] = Field(default_factory=list)
    """Full names as printed that the person is happy with; never reported as errors."""
    former_names: list[str] = Field(default_factory=list)
    """Confidential: used to recognise the person, never printed by any command or report."""
    team_member: bool = True
    """Whether the office counts this person as one of its own (harvested, shown by `author`).

    True for people recorded before membership was asked for, so older records keep their
    meaning; people created by `records import` and `records add` are co-authors (False) unless
    named with --members or made members with `person set-member`.
    """


class TeamAuthor(BaseModel):
    """One byline entry of the team's record."""

    person: str
    """The id of the Person."""
    printed: PersonName
    """The name as it should be printed on this article."""
    roles: list[RoleAssignment] | None = None
    """None: the team has not recorded this author's roles (not checked); []: no roles."""
    corresponding: bool = False
    order_label: str | None = None
    """The 'Order in publication' value as imported (tenzing allows ties), for a faithful export."""
    extra: dict[str, str] = Field(default_factory=dict)
    """Columns of an imported table that credit-tracker does not model, kept for export."""
    roles_from: RoleProvenance | None = None
    """Where the roles came from (imported, office edit, confirmed by the author); None for
    roles recorded before provenance was kept, and for roles not recorded."""
    asked: Asked | None = None
    """The latest request to the author to confirm their roles here (`confirm request`)."""

    @property
    def confirmed(self) -> bool:
        """The author confirmed these roles: on an answered sheet, or with the office."""
        return self.roles_from is not None and self.roles_from.confirmed


def role_text(author: TeamAuthor) -> str:
    """Return the author's roles for a message: 'Methodology (lead); Software', 'none' or
    'not recorded'."""
    if author.roles is None:
        return "not recorded"
    return (
        "; ".join(a.label + (f" ({a.degree})" if a.degree else "") for a in author.roles) or "none"
    )


class TableLayout(BaseModel):
    """How an imported table was written, so that an export writes it the same way."""

    model_config = ConfigDict(frozen=True)

    delimiter: Literal[",", "\t", ";"] = ","
    """',', a tab, or ';' (Excel in decimal-comma locales)."""
    newline: Literal["\n", "\r\n"] = "\n"
    """'\n' or '\r\n' (Excel and most Windows tools)."""


@dataclass(frozen=True)
class WorkMetadata:
    """What a record keeps from Crossref about the article itself."""

    title: str | None = None
    journal: str | None = None
    year: int | None = None


class ArticleRecord(BaseModel):
    """The team's record of one article."""

    doi: str
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    """The year of publication as Crossref registers it (print or online, whichever is first)."""
    authors: list[TeamAuthor]
    draft: bool = False
    """Created from a registered byline with roles not recorded; ends once they are."""
    note: str | None = None
    columns: list[str] | None = None
    """The header of the imported table, so an export gives back the same columns."""
    layout: TableLayout | None = None
    """The imported table's delimiter and line ending; None: comma and LF."""
    not_on_byline: list[dict[str, str]] = Field(default_factory=list)
    """Rows of the imported table for people who are not authors (tenzing's 'Acknowledgment
    only' and "Don't agree to be named"), cell by cell: kept for the export, never checked,
    listed or shown."""


def article_label(record: ArticleRecord) -> str:
    """Return 'DOI (year) Title' for messages: a DOI is never shown bare where a title is known."""
    about = title_label(record)
    return f"{record.doi} {about}" if about else record.doi


def title_label(record: ArticleRecord) -> str:
    """Return '(year) Title', '(year)', 'Title' or ''."""
    year = f"({record.year})" if record.year else ""
    return " ".join(part for part in (year, record.title or "") if part)


class SourceKind(StrEnum):
    """Where a publisher-side view of an article came from."""

    CROSSREF = "crossref"
    JATS = "jats"
    STATEMENT = "statement"
    ORCID = "orcid"


class FetchState(StrEnum):
    """Whether a source was read: found, registered nowhere we asked, or not reachable."""

    OK = "ok"
    NOT_FOUND = "not-found"
    FAILED = "failed"


class SourceRole(BaseModel):
    """A role as a source states it, with where in the source it came from."""

    model_config = ConfigDict(frozen=True)

    role: str | None = None
    """The CRediT slug, or None when the text maps to no CRediT term (kept, reported)."""
    label: str
    """The text exactly as the source gives it."""
    degree: Degree | None = None
    origin: str = ""
    """How it was encoded, e.g. 'vocab-term', 'content-type uri', 'casrai label', 'fn-con'."""


class SourceAuthor(BaseModel):
    """An author exactly as one source prints them."""

    position: int
    """1-based byline position in this source."""
    raw: str
    """The name exactly as printed (non-breaking spaces and markup in organisations kept)."""
    name: PersonName | None = None
    """The structured name; None for organisations."""
    structured: bool = True
    """False where the source prints one string (statements); the split is then a guess."""
    name_shown: bool = True
    """False where the source names the author only by initials or position (the byline's name)."""
    organisation: bool = False
    orcid: str | None = None
    orcid_authenticated: bool | None = None
    roles: list[SourceRole] | None = None
    """None: this source says nothing about this author's roles; []: it lists none."""

    @classmethod
    def printed(
        cls,
        position: int,
        name: tuple[str, str, str],
        orcid: str | None,
        authenticated: bool | None,
        roles: list[SourceRole] | None,
    ) -> SourceAuthor:
        """A person as a structured byline prints them: `name` is (given, family, suffix) as
        printed, a particle leading the family name kept apart ('van der' Pluijm)."""
        given, family, suffix = name
        particle, core = split_particle(family)
        return cls(
            position=position,
            raw=" ".join(part for part in name if part),
            name=PersonName(
                given=clean(given), family=core, particle=particle, suffix=clean(suffix)
            ),
            orcid=orcid,
            orcid_authenticated=authenticated,
            roles=roles,
        )


class Notice(BaseModel):
    """A correction, retraction or new version linked to (or recognised for) an article."""

    model_config = ConfigDict(frozen=True)

    doi: str
    kind: str
    """'correction', 'retraction', 'new_version', ..."""
    label: str | None = None
    date: str | None = None
    how: str = "updated-by"
    """'updated-by', 'update-to' or 'title' (a notice recognised only by its title)."""


class SourceSnapshot(BaseModel):
    """What one source said about one article at one moment."""

    doi: str
    source: SourceKind
    state: FetchState
    reason: str | None = None
    fetched_at: datetime
    url: str | None = None
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    authors: list[SourceAuthor] = Field(default_factory=list)
    complete: bool = True
    """False where the source is known to show only some authors (a partial statement)."""
    deposited: str | None = None
    indexed: str | None = None
    notices: list[Notice] = Field(default_factory=list)
    content_hash: str | None = None
    first_seen: datetime | None = None
    """When this content was first fetched; `fetched_at` moves forward while it stays the same."""
    notice_for: str | None = None
    """Set when this DOI is itself a correction or retraction notice: the DOI it is about, or ''."""
    problems: list[Problem] = Field(default_factory=list)
    """What could not be read cleanly (unresolved initials, unparsable ORCID, parts not
    understood, a translation that differs), by kind (domain/problems.py)."""
    reconstructed: str | None = None
    """Set, with the reason, for a snapshot built from reports rather than fetched."""
    publisher: str | None = None
    """Crossref's record: the publisher's name as registered (the member's name), for labels."""
    member: str | None = None
    """Crossref's record: the member id of the publisher ('311' is Wiley's)."""
    role_source: RoleSource | None = None
    """On a publisher-side snapshot made by `fetch`: the role source read, or why none was."""
    preprints: list[str] = Field(default_factory=list)
    """DOIs of the preprints the record names (Crossref's `has-preprint`): the harvest shows
    them under this article rather than as new works."""

    @property
    def usable(self) -> bool:
        return self.state is FetchState.OK


class Publisher(BaseModel):
    """Where a publisher takes correction requests (configuration kept in the records)."""

    id: str
    name: str
    doi_prefixes: list[str]
    """DOI prefixes this publisher registers, e.g. ['10.1371']."""
    email: str | None = None
    route: str = ""
    """How this publisher wants requests, in a sentence, with the policy page."""
    journals: dict[str, str] = Field(default_factory=dict)
    """Journal name to the journal's own address, where requests go to the journal."""


class RequestState(StrEnum):
    """The life of a correction request."""

    DRAFTED = "drafted"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    WONT_FIX = "wont-fix"


class StateChange(BaseModel):
    """One step in a request's life."""

    state: RequestState
    date: str
    note: str = ""


def request_id(doi: str, person: str | None) -> str:
    """Return '<doi>' or '<doi>#<person>' for a request about one author."""
    return f"{doi}#{person}" if person else doi


class CorrectionRequest(BaseModel):
    """A request to a publisher to correct one article (optionally about one author)."""

    id: str
    """'<doi>' or '<doi>#<person>' for a request about one author (`request_id`)."""
    doi: str
    person: str | None = None
    finding_ids: list[str]
    kinds: list[str]
    """Request types: 'metadata', 'contributions', 'confidential-name-change'."""
    history: list[StateChange]

    @property
    def state(self) -> RequestState:
        return self.history[-1].state

    def date_of(self, state: RequestState) -> str | None:
        return next(
            (change.date for change in reversed(self.history) if change.state is state), None
        )
