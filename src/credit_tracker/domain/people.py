"""Finding people: by id, ORCID iD, a full name in any spelling, a family name, initials. Pure.

A query is tried in two tiers. First exactly: an id, an ORCID iD, or a full name equal (accents,
case, hyphens and full stops aside) to the person's name, an accepted spelling or a former name.
Then loosely: a family name alone ('Boettiger', 'de Sousa'), a family name with given names or
initials in either order ('Caspar Hallmann' for 'Caspar A. Hallmann', 'Carlsson A', 'A. M.
Carlsson', 'Carlsson, Anna'). A tier that finds several people is an error listing them: a
query never picks one of several people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import (
    PersonName,
    clean,
    fold,
    given_compatible,
    parse_display_name,
    without_title,
)
from credit_tracker.domain.records import Records

# Vancouver initials after a family name: 'A', 'AM', 'A.M.', 'A-M'
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")


@dataclass(frozen=True)
class NameForm:
    """One reading of a query as a name: given names (or initials) and a family name."""

    given: str
    family: str


def name_forms(query: str) -> list[NameForm]:
    """Return every reading of `query` as given names and a family name.

    'Anna M. Carlsson' → (Anna M., Carlsson), (Anna, M. Carlsson), ...; 'Carlsson AM' also
    → (A. M., Carlsson); 'Carlsson, Anna' → (Anna, Carlsson) only.
    """
    text = without_title(query)
    if "," in text:
        family, _, given = text.partition(",")
        return [NameForm(clean(given), clean(family))]
    words = text.split(" ")
    forms = [NameForm(" ".join(words[:k]), " ".join(words[k:])) for k in range(len(words))]
    for k in range(1, len(words)):
        tail = words[k:]
        if all(_INITIALS.match(word) for word in tail):
            letters = [ch for word in tail for ch in word if ch.isalpha()]
            forms.append(NameForm(" ".join(f"{ch}." for ch in letters), " ".join(words[:k])))
    return forms


def _families(name: PersonName) -> set[str]:
    family = fold(name.family)
    keys = {family, fold(name.family_full)} if name.particle else {family}
    return keys - {""}


class PeopleIndex:
    """People by ORCID iD, by full spelling and by family name, for one command.

    The name tables fold every person's names, which is most of the cost in a large team: they
    are built on first use, so that a lookup by id or ORCID iD never pays for them.
    """

    def __init__(self, people: dict[str, Person]) -> None:
        self.people = people
        self.by_orcid: dict[str, str] = {p.orcid: p.id for p in people.values() if p.orcid}
        self._tables: tuple[dict[str, set[str]], ...] | None = None

    @property
    def by_spelling(self) -> dict[str, set[str]]:
        """Folded full names and accepted spellings → ids."""
        return self._name_tables()[0]

    @property
    def by_former(self) -> dict[str, set[str]]:
        """Folded former names → ids (confidential: used to find, never shown)."""
        return self._name_tables()[1]

    @property
    def by_family(self) -> dict[str, set[str]]:
        """Folded family names, with and without particles, of every name above → ids."""
        return self._name_tables()[2]

    def _name_tables(self) -> tuple[dict[str, set[str]], ...]:
        if self._tables is None:
            self._tables = ({}, {}, {})
            for person in self.people.values():
                self._index_names(person)
        return self._tables

    def add(self, person: Person) -> None:
        """Index a new or changed person (call again after changing their names)."""
        self.people[person.id] = person
        if person.orcid:
            self.by_orcid[person.orcid] = person.id
        if self._tables is not None:
            self._index_names(person)

    def _index_names(self, person: Person) -> None:
        assert self._tables is not None
        spelling, former_names, family_names = self._tables
        for name in self.names(person):
            spelling.setdefault(fold(name.display()), set()).add(person.id)
            for family in _families(name):
                family_names.setdefault(family, set()).add(person.id)
        for former in person.former_names:
            former_names.setdefault(fold(former), set()).add(person.id)
            for family in _families(parse_display_name(former)):
                family_names.setdefault(family, set()).add(person.id)

    def remove(self, person: Person) -> None:
        """Forget a person (removed or merged into another)."""
        self.people.pop(person.id, None)
        if person.orcid and self.by_orcid.get(person.orcid) == person.id:
            del self.by_orcid[person.orcid]
        for table in self._tables or ():
            for ids in table.values():
                ids.discard(person.id)

    @staticmethod
    def names(person: Person) -> list[PersonName]:
        """The person's name and accepted spellings, structured (never the former names)."""
        return [person.name, *(parse_display_name(s) for s in person.accepted_spellings)]

    def exact(self, query: str) -> set[str]:
        """Ids of the people an id, an ORCID iD or a full spelling names exactly."""
        text = clean(query)
        if text in self.people:
            return {text}
        try:
            orcid = normalize_orcid(text)
        except InputError:
            orcid = None
        if orcid is not None:
            return {self.by_orcid[orcid]} if orcid in self.by_orcid else set()
        key = fold(text)
        return self.by_spelling.get(key, set()) | self.by_former.get(key, set())

    def loose(self, query: str) -> set[str]:
        """Ids of the people a family name, with or without given names or initials, names."""
        found: set[str] = set()
        for form in name_forms(query):
            for person_id in self.by_family.get(fold(form.family), ()):
                if self.fits(self.people[person_id], form):
                    found.add(person_id)
        return found

    def fits(self, person: Person, form: NameForm) -> bool:
        """Whether one of the person's names (former ones too) can be `form`.

        The given names must fit the person's own given names too: 'C. Hallmann' accepted as a
        spelling of Caspar A. Hallmann does not make 'Carl Hallmann' him.
        """
        if not given_compatible(form.given, person.name.given):
            return False
        names = [*self.names(person), *(parse_display_name(f) for f in person.former_names)]
        key = fold(form.family)
        return any(
            key in _families(name) and given_compatible(form.given, name.given) for name in names
        )


def find_person(
    source: Records | PeopleIndex,
    query: str,
    *,
    members_only: bool = False,
) -> Person:
    """Return the one person `query` names; see the module's docstring for what a query may be.

    `members_only` limits the search to team members. Former names are matched too, but never
    shown. Raises InputError when the query names several people (listing them), NotFoundError
    when it names none.
    """
    index = source if isinstance(source, PeopleIndex) else PeopleIndex(source.people)
    by_id = index.people.get(clean(query))
    if by_id is not None and (by_id.team_member or not members_only):
        return by_id  # an id: no name needs folding
    allowed = {pid for pid, p in index.people.items() if p.team_member or not members_only}
    for tier in (index.exact, index.loose):
        found = sorted(tier(query) & allowed)
        if len(found) == 1:
            return index.people[found[0]]
        if found:
            raise InputError(
                f"{clean(query)!r} could be {len(found)} people: {candidates(index, found)}; "
                "give the id"
            )
    raise NotFoundError(not_found_message(index, query, members_only))


def candidates(index: PeopleIndex, ids: Iterable[str], limit: int = 8) -> str:
    """Return 'id (Name), id (Name), …' for a message; former names are never shown."""
    ids = list(ids)
    shown = [f"{pid} ({index.people[pid].name.display()})" for pid in ids[:limit]]
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(shown) + more


def not_found_message(index: PeopleIndex, query: str, members_only: bool) -> str:
    """Say that no person matches, and where else the query would have found someone."""
    text = clean(query)
    if members_only:
        named = index.exact(text) | index.loose(text) | ({text} & set(index.people))
        others = sorted(named - {pid for pid, p in index.people.items() if p.team_member})
        if others:
            return (
                f"no team member matches {text!r}; co-author(s) do: {candidates(index, others)} "
                "(not team members; --co-authors finds them)"
            )
        return f"no team member matches {text!r}; see 'credit-tracker person list --members'"
    return f"no person matches {text!r}; see 'credit-tracker person list'"
