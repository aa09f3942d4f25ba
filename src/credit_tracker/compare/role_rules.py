"""ORCID and role rules: an iD missing or another, roles missing or extra, unmapped, degrees."""

from __future__ import annotations

from credit_tracker.compare.context import SOURCE, CheckContext
from credit_tracker.domain.credit import BY_SLUG, ROLES, role_text
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
    note = context.about(source, author, index)
    if other.orcid is None:
        note(Rule.ORCID_MISSING, f"{name}: {SOURCE} shows no ORCID iD", expected=expected)
    elif other.orcid != expected:
        shown = f"{name}: {SOURCE} shows ORCID iD {other.orcid}"
        note(Rule.ORCID_MISMATCH, shown, expected=expected, observed=other.orcid)
    elif other.orcid_authenticated is False:
        unauthenticated = f"{name}: the ORCID iD was deposited without ORCID authentication"
        note(Rule.ORCID_UNAUTHENTICATED, unauthenticated, expected=expected, observed=other.orcid)


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
    note = context.about(source, author, index)
    if other.roles is None:
        if not complete:
            return  # a partial source: what it says of roles is unknown, not 'none'
        note(Rule.ROLES_NOT_DEPOSITED, f"{name}: {SOURCE} lists no CRediT roles for this article")
        return
    expected = {assignment.role: assignment.degree for assignment in author.roles}
    observed = {role.role: role.degree for role in other.roles if role.role}
    if expected == observed and all(role.role for role in other.roles):
        return  # the usual case at scale: the same roles, the same degrees
    for slug in _in_role_order(expected.keys() - observed.keys()):
        missing = f"{name}: {SOURCE} does not list {BY_SLUG[slug].label}"
        note(Rule.ROLE_MISSING, missing, key=slug, expected=_role_text(slug))
    for slug in _in_role_order(observed.keys() - expected.keys()):
        extra = f"{name}: {SOURCE} lists {BY_SLUG[slug].label}, which the team's record does not"
        note(Rule.ROLE_EXTRA, extra, key=slug, observed=_role_text(slug))
    for slug in _in_role_order(expected.keys() & observed.keys()):
        mine, theirs = expected[slug], observed[slug]
        if mine is not None and theirs is not None and mine != theirs:
            label = BY_SLUG[slug].label
            degree = f"{name}: {label} is {theirs} in {SOURCE}, {mine} in the team's record"
            note(Rule.DEGREE_MISMATCH, degree, key=slug, expected=mine.value, observed=theirs.value)
    for role in other.roles:
        if role.role is None:
            unmapped = (
                f"{name}: {SOURCE} states a contribution that is no CRediT role: {role.label!r}"
            )
            note(Rule.ROLE_UNMAPPED, unmapped, key=fold(role.label), observed=role.label)


def _in_role_order(slugs: set[str]) -> list[str]:
    return [role.slug for role in ROLES if role.slug in slugs]


def _role_text(slug: str) -> str:
    return role_text(BY_SLUG[slug])
