"""Linking a byline's authors to the team's people: members by ORCID iD, then by name. Pure.

For each author, in this order: the person holding the author's ORCID iD; a team member named
with --members (by ORCID iD or name) not yet in the records; the person whose name or accepted
spelling is exactly the author's; the one team member whose name the author's fits ('C. A.
Hallmann' for 'Caspar A. Hallmann'). Everyone else becomes a co-author: a person, so that the
byline can be checked, but not a team member. A link is never guessed between two candidates.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.former import refuse_former
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import (
    PersonName,
    clean,
    fold,
    given_compatible,
    strip_diacritics,
)
from credit_tracker.domain.people import NameForm, PeopleIndex, candidates, find_person, name_forms
from credit_tracker.domain.records import Records
from credit_tracker.domain.text import require_safe_text

MEMBERS_FIELD = "--members"
_NOT_ID = re.compile(r"[^a-z0-9]+")


@dataclass
class MemberQuery:
    """One entry of --members: an ORCID iD or a name, and the person it turned out to be."""

    text: str
    orcid: str | None
    person: str | None = None
    seen_on: dict[str, str] = field(default_factory=dict)
    """Per DOI, the author this entry matched there (one entry may not match two on one byline)."""


_ORCID_LIKE = re.compile(r"(https?://)?(orcid\.org/)?[0-9X -]{16,19}", re.I)
# one given name, then initials at most: 'Jane', 'Jane P.', 'Jean-François', 'J. P.'
_GIVEN_LIKE = re.compile(r"[^\W\d_][\w'’.-]*(?: (?:[^\W\d_]\.){1,3}| [^\W\d_])*")


def member_entries(value: str) -> list[str]:
    """The entries of one --members value: separated by ';' where there is one, else by ','.

    'Illés, Jane' (a family name, a comma, one given name with initials at most) is one name,
    not two: write 'Illés, Jane; Boettiger, Carl' for several names written that way.
    """
    if ";" in value:
        return value.split(";")
    parts = value.split(",")
    if len(parts) == 2 and not any(_ORCID_LIKE.fullmatch(p.strip()) for p in parts):
        family, given = (clean(p) for p in parts)
        if family and _GIVEN_LIKE.fullmatch(given):
            return [value]
    return parts


def parse_members(values: Iterable[str]) -> list[MemberQuery]:
    """Return the entries of --members values ('ORCID|NAME,...'); InputError for a bad one."""
    queries = []
    for value in values:
        for part in member_entries(value):
            text = clean(require_safe_text(part, field=MEMBERS_FIELD))
            if not text:
                continue
            orcid = None
            if _ORCID_LIKE.fullmatch(text):
                try:
                    orcid = normalize_orcid(text)
                except InputError as exc:
                    raise InputError(exc.reason, field=MEMBERS_FIELD) from None
            queries.append(MemberQuery(text=text, orcid=orcid))
    return queries


class Linker:
    """Links authors to people for one command, creating co-authors and named members."""

    def __init__(
        self,
        records: Records,
        members: Iterable[MemberQuery] = (),
        index: PeopleIndex | None = None,
    ) -> None:
        self.records = records
        self.index = index or PeopleIndex(records.people)
        self.created: list[str] = []
        self.promoted: list[str] = []
        """Existing people that --members made team members."""
        self.notices: list[str] = []
        self.pending: list[MemberQuery] = []
        self.members = list(members)
        for query in self.members:
            self._resolve_existing(query)

    def refuse_former(
        self,
        person: Person,
        printed: PersonName,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        """InputError naming the file, line and field when `printed` reveals a former name of
        `person` or is anyone's (`domain.former.refuse_former`)."""
        refuse_former(printed, person, self.index, path=path, line=line, field=field)

    def _resolve_existing(self, query: MemberQuery) -> None:
        if query.orcid is not None:
            pid = self.index.by_orcid.get(query.orcid)
            person = self.index.people[pid] if pid else None
        else:
            try:
                person = find_person(self.index, query.text)
            except NotFoundError:
                person = None
            except InputError as exc:
                raise InputError(exc.reason, field=MEMBERS_FIELD) from None
        if person is None:
            self.pending.append(query)
            return
        query.person = person.id
        if not person.team_member:
            person.team_member = True
            self.promoted.append(person.id)

    def link(
        self, name: PersonName, orcid: str | None, doi: str, exclude: Collection[str] = ()
    ) -> Person:
        """Return the person for one author of `doi`, creating a co-author when none fits.

        `exclude`: people already on this byline, never linked by name a second time.
        """
        if orcid and orcid in self.index.by_orcid:
            return self.index.people[self.index.by_orcid[orcid]]
        member = self._pending_member(name, orcid, doi)
        if member is not None:
            return member
        person = self._by_spelling(name, orcid, doi, exclude) or self._by_member_name(
            name, orcid, doi, exclude
        )
        return person or self._create(name, orcid, team_member=False)

    def _pending_member(self, name: PersonName, orcid: str | None, doi: str) -> Person | None:
        for query in self.pending:
            if not _query_fits(query, name, orcid):
                continue
            if query.person is None and query.orcid is None:
                # named by name: the member another entry (their iD) made already, if it fits
                known = self._by_member_name(name, orcid, doi, ())
                query.person = known.id if known is not None else None
            person = self.index.people.get(query.person) if query.person else None
            if person is not None and not _orcid_fits(person, orcid):
                continue
            if person is not None and orcid and not person.orcid:
                person.orcid = orcid  # named by name: the iD Crossref registers is kept
                self.index.add(person)
            shown = name.display()
            earlier = query.seen_on.setdefault(doi, shown)
            if earlier != shown:
                raise InputError(
                    f"{query.text!r} fits two authors of {doi} ({earlier}; {shown}); give the "
                    "full name or the ORCID iD",
                    field=MEMBERS_FIELD,
                )
            if person is None:
                person = self._create(name, orcid, team_member=True)
                query.person = person.id
            return person
        return None

    def _by_spelling(
        self, name: PersonName, orcid: str | None, doi: str, exclude: Collection[str]
    ) -> Person | None:
        spelled = self.index.by_spelling.get(fold(name.display()))
        if not spelled:
            return None  # most co-authors of a large import: a name not seen before
        ids = spelled - set(exclude)
        fitting = sorted(p for p in ids if _orcid_fits(self.index.people[p], orcid))
        members = [p for p in fitting if self.index.people[p].team_member]
        chosen = members if len(members) == 1 else fitting
        if len(chosen) > 1:
            self._notice(name, doi, chosen)
            return None
        if not chosen:
            return None
        person = self.index.people[chosen[0]]
        if orcid and not person.orcid:
            person.orcid = orcid  # the same name, and now an iD for it
            self.index.add(person)
        return person

    def _by_member_name(
        self, name: PersonName, orcid: str | None, doi: str, exclude: Collection[str]
    ) -> Person | None:
        families = {fold(name.family_full), fold(name.family)}
        # team members first: in a large import most people sharing a family name are not
        members = {
            pid
            for family in families
            for pid in self.index.by_family.get(family, ())
            if pid not in exclude and self.index.people[pid].team_member
        }
        if not members:
            return None
        form = NameForm(name.given, name.family_full)
        fitting = sorted(
            pid
            for pid in members
            if _orcid_fits(self.index.people[pid], orcid)
            and self.index.fits(self.index.people[pid], form)
        )
        if len(fitting) > 1:
            self._notice(name, doi, fitting)
            return None
        return self.index.people[fitting[0]] if fitting else None

    def _notice(self, name: PersonName, doi: str, ids: list[str]) -> None:
        self.notices.append(
            f"{doi}: {name.display()} could be {candidates(self.index, ids)}; linked to neither "
            "(merge them with 'credit-tracker person merge' if they are one person)"
        )

    def _create(self, name: PersonName, orcid: str | None, team_member: bool) -> Person:
        person = Person(
            id=new_person_id(self.index.people, name),
            name=name,
            orcid=orcid,
            team_member=team_member,
        )
        self.index.add(person)
        self.created.append(person.id)
        return person

    def same_name_people(self) -> list[str]:
        """A line for each person this command created who shares a name with another person,
        at most one of the two with an ORCID iD: 'possible duplicate: `person merge A B`'."""
        lines = []
        for pid in self.created:
            person = self.index.people.get(pid)
            if person is None:
                continue
            same = sorted(self.index.by_spelling.get(fold(person.name.display()), set()) - {pid})
            for other_id in same:
                other = self.index.people[other_id]
                if person.orcid and other.orcid:
                    continue  # two iDs: two people
                keep, merge = (
                    (other, person) if other.team_member or other.orcid else (person, other)
                )
                lines.append(
                    f"possible duplicate: `credit-tracker person merge {keep.id} {merge.id}`: "
                    f"both are named {person.name.display()!r}; {_evidence(keep)}; "
                    f"{_evidence(merge)}"
                )
        return list(dict.fromkeys(lines))

    def finish(self) -> None:
        """Raise InputError for a --members entry that matched nobody: nothing is written."""
        for query in self.pending:
            if query.person is None:
                raise InputError(
                    f"{query.text!r} is on none of these articles and matches no person",
                    field=MEMBERS_FIELD,
                )


def _evidence(person: Person) -> str:
    role = "a team member" if person.team_member else "a co-author"
    orcid = f"ORCID iD {person.orcid}" if person.orcid else "no ORCID iD"
    return f"{person.id} is {role} with {orcid}"


def _query_fits(query: MemberQuery, name: PersonName, orcid: str | None) -> bool:
    if query.orcid is not None:
        return orcid == query.orcid
    families = {fold(name.family), fold(name.family_full)}
    return any(
        fold(form.family) in families and _given_fits(form, name) for form in name_forms(query.text)
    )


def _given_fits(form: NameForm, name: PersonName) -> bool:
    return given_compatible(form.given, name.given)


def _orcid_fits(person: Person, orcid: str | None) -> bool:
    return not (orcid and person.orcid and person.orcid != orcid)


def new_person_id(people: dict[str, Person], name: PersonName) -> str:
    """Return an id made from the name ('jane-illes'), numbered when it is taken."""
    base = _NOT_ID.sub("-", strip_diacritics(name.display()).lower()).strip("-") or "person"
    candidate, number = base, 2
    while candidate in people:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
