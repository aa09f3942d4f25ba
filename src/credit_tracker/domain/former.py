"""Confidential former names: the one test of whether a printed name reveals one. Pure.

A person who changed their name (on marriage, on transition) may have asked that the old one
never be shown. The check's `name-former` rule, the author view (`author`, the desk's person
page), the desk's article page, the harvest's listing and the team's own tables all ask the
same question of a name a source printed, through `FormerNames`: is it a former name, whole
("Jane Smith"), or does it carry a former family name ("J. Smith", "Smith, J.", an initial
then the former surname)? A former family name that the person still uses (in their current
name or an accepted spelling) reveals nothing and is not looked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName, fold, parse_display_name
from credit_tracker.domain.people import PeopleIndex

WITHHELD = "[a confidential former name]"
"""Shown wherever a source printed one of a person's confidential former names."""


@dataclass(frozen=True)
class FormerNames:
    """What a printed name is tested against: whole former names, and former family names."""

    wholes: frozenset[str] = frozenset()
    """Folded former names: a printed name equal to one is withheld."""
    families: frozenset[str] = frozenset()
    """Folded former family names no longer in use: a printed name holding one (as whole
    words) is withheld."""

    @classmethod
    def of(
        cls, people: Iterable[Person | None], others: Iterable[Person | None] = ()
    ) -> FormerNames:
        """The guard for names printed for `people` (whole former names and former family
        names); `others`: people the name may be of too, tested by whole former names only (a
        co-author whose current family name was another author's former one stays shown)."""
        own = [p for p in people if p is not None and p.former_names]
        rest = [p for p in others if p is not None and p.former_names]
        wholes = {fold(name) for person in [*own, *rest] for name in person.former_names}
        families = {family for person in own for family in _dropped_families(person)}
        return cls(frozenset(wholes - {""}), frozenset(families))

    def __or__(self, other: FormerNames) -> FormerNames:
        """Both guards at once: a name either would withhold is withheld."""
        return FormerNames(self.wholes | other.wholes, self.families | other.families)

    def reveals(self, printed: str) -> bool:
        """Whether `printed`, a name as a source printed it, shows a former name."""
        if not self.wholes:
            return False
        folded = fold(printed)
        if folded in self.wholes:
            return True
        words = f" {folded} "
        return any(f" {family} " in words for family in self.families)

    def shown(self, printed: str) -> str:
        """`printed` as it is, or WITHHELD when it reveals a former name."""
        return WITHHELD if self.reveals(printed) else printed

    def quoted(self, text: str) -> str:
        """`text`, a passage a source printed (a statement's sentence the reader could not
        read), as it is, or WITHHELD when it holds a former name anywhere in it: whole, or a
        former family name as a word. A passage is not cut around the name, since the words
        next to it (an initial, a role) could still tell who it was."""
        if not self.wholes:
            return text
        words = f" {fold(text)} "
        if any(f" {name} " in words for name in self.wholes | self.families):
            return WITHHELD
        return text


def refuse_former(
    printed: PersonName,
    person: Person | None,
    index: PeopleIndex,
    *,
    path: str | None = None,
    line: int | None = None,
    field: str | None = None,
) -> None:
    """InputError naming the file, line and field when `printed`, a name the team gives as
    printed for `person`, reveals a former name of theirs or is anyone's former name whole: the
    team's own record never stores one (the check could then never report the print). The
    message names whose former name it is (by id), never the name."""
    text = printed.display()
    owner = person.id if person is not None and FormerNames.of([person]).reveals(text) else None
    owner = owner or min(index.by_former.get(fold(text), ()), default=None)
    if owner is not None:
        raise InputError(
            f"this is a confidential former name of {owner}; write the name used now (nothing "
            "was changed)",
            path=path,
            line=line,
            field=field,
        )


def _dropped_families(person: Person) -> set[str]:
    """The person's former family names (with and without particles) that none of the names
    they use now holds as words."""
    current = [person.name, *(parse_display_name(s) for s in person.accepted_spellings)]
    in_use = " ".join(f" {fold(name.display())} " for name in current)
    found = set()
    for former in person.former_names:
        for family in _families(parse_display_name(former)):
            if family and f" {family} " not in in_use:
                found.add(family)
    return found


def _families(name: PersonName) -> set[str]:
    return {fold(name.family), fold(name.family_full)}
