"""ORCID and role rules: an iD missing or another, roles missing or extra, unmapped, degrees."""

from __future__ import annotations

from credit_tracker.compare.context import SOURCE, CheckContext
from credit_tracker.domain.credit import BY_SLUG, ROLES
from credit_tracker.domain.findings import Rule
from credit_tracker.domain.models import Person, SourceAuthor, TeamAuthor
from credit_tracker.domain.names import fold


def check_orcid(
    context: CheckContext,
    source: str,
    index: int,
    author: TeamAuthor,
    person: Person | None,
    other: SourceAuthor,
) -> None:
    expected = person.orcid if person else None
    if not expected:
        return
    name = author.printed.display()
    if other.orcid is None:
        context.add(
            Rule.ORCID_MISSING,
            source=source,
            author=author,
            index=index,
            key="",
            message=f"{name}: {SOURCE} shows no ORCID iD",
            expected=expected,
        )
    elif other.orcid != expected:
        context.add(
            Rule.ORCID_MISMATCH,
            source=source,
            author=author,
            index=index,
            key="",
            message=f"{name}: {SOURCE} shows ORCID iD {other.orcid}",
            expected=expected,
            observed=other.orcid,
        )
    elif other.orcid_authenticated is False:
        context.add(
            Rule.ORCID_UNAUTHENTICATED,
            source=source,
            author=author,
            index=index,
            key="",
            message=f"{name}: the ORCID iD was deposited without ORCID authentication",
            expected=expected,
            observed=other.orcid,
        )


def check_roles(
    context: CheckContext,
    source: str,
    index: int,
    author: TeamAuthor,
    other: SourceAuthor,
    complete: bool,
) -> None:
    if author.roles is None:
        return  # the team has not recorded this author's roles: nothing to check
    name = author.printed.display()
    if other.roles is None:
        if not complete:
            return  # a partial source: what it says of roles is unknown, not 'none'
        context.add(
            Rule.ROLES_NOT_DEPOSITED,
            source=source,
            author=author,
            index=index,
            key="",
            message=f"{name}: {SOURCE} lists no CRediT roles for this article",
        )
        return
    expected = {assignment.role: assignment.degree for assignment in author.roles}
    observed = {role.role: role.degree for role in other.roles if role.role}
    if expected == observed and all(role.role for role in other.roles):
        return  # the usual case at scale: the same roles, the same degrees
    for slug in _in_role_order(expected.keys() - observed.keys()):
        context.add(
            Rule.ROLE_MISSING,
            source=source,
            author=author,
            index=index,
            key=slug,
            message=f"{name}: {SOURCE} does not list {BY_SLUG[slug].label}",
            expected=_role_text(slug),
            observed=None,
        )
    for slug in _in_role_order(observed.keys() - expected.keys()):
        context.add(
            Rule.ROLE_EXTRA,
            source=source,
            author=author,
            index=index,
            key=slug,
            message=f"{name}: {SOURCE} lists {BY_SLUG[slug].label},"
            " which the team's record does not",
            observed=_role_text(slug),
        )
    for slug in _in_role_order(expected.keys() & observed.keys()):
        mine, theirs = expected[slug], observed[slug]
        if mine is not None and theirs is not None and mine != theirs:
            context.add(
                Rule.DEGREE_MISMATCH,
                source=source,
                author=author,
                index=index,
                key=slug,
                message=f"{name}: {BY_SLUG[slug].label} is {theirs} in {SOURCE},"
                f" {mine} in the team's record",
                expected=mine.value,
                observed=theirs.value,
            )
    for role in other.roles:
        if role.role is None:
            context.add(
                Rule.ROLE_UNMAPPED,
                source=source,
                author=author,
                index=index,
                key=fold(role.label),
                message=f"{name}: {SOURCE} states a contribution that is no CRediT role:"
                f" {role.label!r}",
                observed=role.label,
            )


def _in_role_order(slugs: set[str]) -> list[str]:
    return [role.slug for role in ROLES if role.slug in slugs]


def _role_text(slug: str) -> str:
    role = BY_SLUG[slug]
    return f"{role.label} <{role.uri}>"
