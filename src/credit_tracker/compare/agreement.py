"""Whether the publisher sources agree with each other about each author's name and roles."""

from __future__ import annotations

from credit_tracker.compare.context import CheckContext
from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.findings import Rule
from credit_tracker.domain.models import SourceAuthor, SourceKind, TeamAuthor
from credit_tracker.domain.names import typographic_key, unless_former


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
                names_shown = a.name_shown and b.name_shown and not a.organisation
                if names_shown and typographic_key(a.raw) != typographic_key(b.raw):
                    shown_a, shown_b = _safe(context, author, a.raw), _safe(context, author, b.raw)
                    context.add(
                        Rule.SOURCES_DISAGREE,
                        source=f"{first.value}+{second.value}",
                        author=author,
                        index=index,
                        key="name",
                        message=f"{author.printed.display()}: {first.value} prints {shown_a!r},"
                        f" {second.value} prints {shown_b!r}",
                        expected=shown_a,
                        observed=shown_b,
                    )
                roles_a, roles_b = _mapped(a), _mapped(b)
                if roles_a is not None and roles_b is not None and roles_a != roles_b:
                    context.add(
                        Rule.SOURCES_DISAGREE,
                        source=f"{first.value}+{second.value}",
                        author=author,
                        index=index,
                        key="roles",
                        message=f"{author.printed.display()}: {first.value} lists"
                        f" {_labels(roles_a)}, {second.value} lists {_labels(roles_b)}",
                        expected=_labels(roles_a),
                        observed=_labels(roles_b),
                    )


def _safe(context: CheckContext, author: TeamAuthor, text: str) -> str:
    person = context.people.get(author.person)
    return unless_former(text, person.former_names) if person is not None else text


def _mapped(author: SourceAuthor) -> set[str] | None:
    if author.roles is None:
        return None
    return {role.role for role in author.roles if role.role}


def _labels(slugs: set[str]) -> str:
    return "; ".join(BY_SLUG[slug].label for slug in sorted(slugs)) or "no roles"
