"""Small builders for team records and source snapshots in tests (names come from real fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime

from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import (
    ArticleRecord,
    FetchState,
    Notice,
    Person,
    RoleAssignment,
    SourceAuthor,
    SourceKind,
    SourceRole,
    SourceSnapshot,
    TeamAuthor,
)
from credit_tracker.domain.names import PersonName, split_particle

DOI = "10.5555/test"
WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def name(given: str, family: str) -> PersonName:
    particle, core = split_particle(family)
    return PersonName(given=given, family=core, particle=particle)


def member(
    pid: str,
    given: str,
    family: str,
    roles: list[str] | None = None,
    orcid: str | None = None,
    degrees: dict[str, Degree] | None = None,
    **person_fields,
) -> tuple[TeamAuthor, Person]:
    """A team author and their person."""
    assignments = (
        None
        if roles is None
        else [RoleAssignment(role=r, degree=(degrees or {}).get(r)) for r in roles]
    )
    person = Person(id=pid, name=name(given, family), orcid=orcid, **person_fields)
    return TeamAuthor(person=pid, printed=name(given, family), roles=assignments), person


def record(
    *members: tuple[TeamAuthor, Person], draft: bool = False
) -> tuple[ArticleRecord, dict[str, Person]]:
    return ArticleRecord(doi=DOI, authors=[m[0] for m in members], draft=draft), {
        m[1].id: m[1] for m in members
    }


def printed(
    given: str,
    family: str,
    roles: list[str] | None = None,
    orcid: str | None = None,
    authenticated: bool | None = None,
    degrees: dict[str, Degree] | None = None,
    raw: str | None = None,
) -> dict:
    source_roles = (
        None
        if roles is None
        else [SourceRole(role=r, label=r, degree=(degrees or {}).get(r)) for r in roles]
    )
    return {
        "raw": raw or f"{given} {family}",
        "name": name(given, family),
        "orcid": orcid,
        "orcid_authenticated": authenticated,
        "roles": source_roles,
    }


def snapshot(
    kind: SourceKind,
    *authors: dict,
    complete: bool = True,
    notices: list[Notice] | None = None,
    state: FetchState = FetchState.OK,
    reason: str | None = None,
    when: datetime = WHEN,
) -> SourceSnapshot:
    structured = kind is not SourceKind.STATEMENT
    entries = [
        SourceAuthor(position=n, structured=structured, **a) for n, a in enumerate(authors, start=1)
    ]
    return SourceSnapshot(
        doi=DOI,
        source=kind,
        state=state,
        reason=reason,
        fetched_at=when,
        authors=entries,
        complete=complete,
        notices=notices or [],
        content_hash=str(len(entries)),
    )
