"""Whether the publisher sources agree with each other about each author's name and roles."""

from __future__ import annotations

from credit_tracker.compare.context import CheckContext
from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.findings import Rule
from credit_tracker.domain.models import SourceAuthor, SourceKind, TeamAuthor
from credit_tracker.domain.names import typographic_key


def check_agreement(
    context: CheckContext, paired: dict[SourceKind, dict[int, SourceAuthor]]
) -> None:
    """Report each author for whom two sources print different names or list other roles."""
    kinds = sorted(paired, key=lambda kind: kind.value)
    for index, author in enumerate(context.record.authors):
        for n, first in enumerate(kinds):
            for second in kinds[n + 1 :]:
                a, b = paired[first].get(index), paired[second].get(index)
                if a is None or b is None:
                    continue
                # a disagreement is about both sources: they are its source
                note = context.about(f"{first.value}+{second.value}", author, index)
                found = _disagreements(context, author, (first.value, a), (second.value, b))
                for key, said, shown_a, shown_b in found:
                    message = f"{author.printed.display()}: {said}"
                    note(
                        Rule.SOURCES_DISAGREE, message, key=key, expected=shown_a, observed=shown_b
                    )


Side = tuple[str, SourceAuthor]
"""A source's name and how it prints the author."""


def _disagreements(
    context: CheckContext, author: TeamAuthor, first: Side, second: Side
) -> list[tuple[str, str, str, str]]:
    """(what differs, in words, as the first source shows it, as the second does): the name as
    printed, then the CRediT roles listed."""
    (name_a, a), (name_b, b) = first, second
    found = []
    # a misspelt name is one finding: the name rule's, which says what each source prints
    names_shown = (
        a.name_shown
        and b.name_shown
        and not a.organisation
        and not context.names_differ(author.person)
    )
    if names_shown and typographic_key(a.raw) != typographic_key(b.raw):
        shown_a, shown_b = _safe(context, author, a.raw), _safe(context, author, b.raw)
        said = f"{name_a} prints {shown_a!r}, {name_b} prints {shown_b!r}"
        found.append(("name", said, shown_a, shown_b))
    roles_a, roles_b = _mapped(a), _mapped(b)
    if roles_a is not None and roles_b is not None and roles_a != roles_b:
        lists_a, lists_b = _labels(roles_a), _labels(roles_b)
        found.append(
            ("roles", f"{name_a} lists {lists_a}, {name_b} lists {lists_b}", lists_a, lists_b)
        )
    return found


def _safe(context: CheckContext, author: TeamAuthor, text: str) -> str:
    return context.former(author).shown(text)


def _mapped(author: SourceAuthor) -> set[str] | None:
    if author.roles is None:
        return None
    return {role.role for role in author.roles if role.role}


def _labels(slugs: set[str]) -> str:
    return "; ".join(BY_SLUG[slug].label for slug in sorted(slugs)) or "no roles"
