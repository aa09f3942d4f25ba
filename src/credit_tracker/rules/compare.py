"""Compare the team's record of an article with its publisher snapshots: pure, findings out.

Matching is tolerant (matching.py); reporting is strict: every difference that a correction
could fix is a finding, and only equivalent forms (NFC against NFD, a full stop after an
initial, role label against role URI) and the person's accepted spellings are not.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

from credit_tracker.domain.credit import BY_SLUG, ROLES
from credit_tracker.domain.findings import (
    DEFAULT_SEVERITY,
    AuthorRef,
    Finding,
    Severity,
    Unverified,
    finding_id,
)
from credit_tracker.domain.models import (
    ArticleRecord,
    FetchState,
    Person,
    SourceAuthor,
    SourceKind,
    SourceSnapshot,
    TeamAuthor,
)
from credit_tracker.domain.names import (
    PersonName,
    clean,
    fold,
    given_compatible,
    given_tokens,
    strip_accents,
    typographic_key,
)
from credit_tracker.rules.matching import Pair, match_authors, source_name, team_keys

WITHHELD = "[a confidential former name]"


@dataclass
class ArticleCheck:
    """The outcome of comparing one article."""

    doi: str
    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    pairs: dict[str, list[Pair]] = field(default_factory=dict)


@dataclass
class _Context:
    record: ArticleRecord
    people: dict[str, Person]
    severities: dict[str, Severity]
    result: ArticleCheck

    def add(
        self,
        rule: str,
        source: str,
        author: TeamAuthor | None,
        index: int | None,
        key: str,
        message: str,
        expected: str | None = None,
        observed: str | None = None,
    ) -> None:
        ref = None
        subject = "article"
        if author is not None and index is not None:
            person = self.people.get(author.person)
            ref = AuthorRef(
                name=author.printed.display(),
                person=author.person,
                orcid=person.orcid if person else None,
                position=index + 1,
            )
            subject = author.person
        self.result.findings.append(
            Finding(
                id=finding_id(self.record.doi, source, rule, subject, key),
                rule=rule,
                severity=self.severities.get(rule, DEFAULT_SEVERITY[rule]),
                doi=self.record.doi,
                source=source,
                author=ref,
                expected=expected,
                observed=observed,
                message=message,
            )
        )


def latest_by_source(history: list[SourceSnapshot]) -> dict[SourceKind, SourceSnapshot]:
    """Return the newest snapshot of each source."""
    newest: dict[SourceKind, SourceSnapshot] = {}
    for snapshot in history:
        current = newest.get(snapshot.source)
        if current is None or snapshot.fetched_at >= current.fetched_at:
            newest[snapshot.source] = snapshot
    return newest


def compare_article(
    record: ArticleRecord,
    people: dict[str, Person],
    history: list[SourceSnapshot],
    severities: dict[str, Severity] | None = None,
) -> ArticleCheck:
    """Compare one article's record with the newest snapshot of each source."""
    context = _Context(record, people, severities or {}, ArticleCheck(doi=record.doi))
    newest = latest_by_source(history)
    usable = {kind: shot for kind, shot in newest.items() if shot.state is FetchState.OK}
    crossref = usable.get(SourceKind.CROSSREF)
    if crossref is not None and crossref.notice_for is not None:
        about = f" about {crossref.notice_for}" if crossref.notice_for else ""
        reason = f"this DOI is a correction or retraction notice{about}, not an article; track the article instead"
        context.result.unverified.append(
            Unverified(doi=record.doi, source="crossref", reason=reason)
        )
        return context.result
    for kind, shot in newest.items():
        if shot.state is FetchState.FAILED:
            context.result.unverified.append(
                Unverified(
                    doi=record.doi, source=kind.value, reason=shot.reason or "could not fetch"
                )
            )
    if not usable:
        if not context.result.unverified:
            reason = (
                "no usable snapshot: the DOI was not found"
                if newest
                else "no snapshot yet; run 'credit-tracker fetch'"
            )
            context.result.unverified.append(Unverified(doi=record.doi, reason=reason))
        return context.result
    paired: dict[SourceKind, dict[int, SourceAuthor]] = {}
    keys = team_keys(record.authors)
    for kind, shot in usable.items():
        pairs = match_authors(record.authors, people, shot.authors, keys)
        context.result.pairs[kind.value] = pairs
        paired[kind] = {pair.team: shot.authors[pair.source] for pair in pairs}
    with_roles = {
        index
        for by_team in paired.values()
        for index, other in by_team.items()
        if other.roles is not None
    }
    for kind, shot in usable.items():
        _check_source(context, shot, context.result.pairs[kind.value], with_roles)
    _check_agreement(context, paired)
    if record.draft:
        for index, author in enumerate(record.authors):
            if author.roles is None:
                context.add(
                    "roles-not-recorded",
                    "team",
                    author,
                    index,
                    "",
                    f"{author.printed.display()}: roles not recorded yet (draft record)",
                )
    return context.result


def _check_source(
    context: _Context, shot: SourceSnapshot, pairs: list[Pair], with_roles: set[int]
) -> None:
    source = shot.source.value
    authors = context.record.authors
    if shot.complete:
        _check_byline(context, shot, pairs)
    for pair in pairs:
        author, other = authors[pair.team], shot.authors[pair.source]
        person = context.people.get(author.person)
        _check_name(context, source, pair, author, person, other)
        if shot.source is not SourceKind.STATEMENT:
            _check_orcid(context, source, pair.team, author, person, other)
        # a source without roles is only news when no other source lists this author's roles
        if other.roles is not None or pair.team not in with_roles:
            _check_roles(context, source, pair.team, author, other, shot.complete)
    for notice in shot.notices:
        label = notice.label or notice.kind
        context.add(
            "correction-published",
            source,
            None,
            None,
            notice.doi,
            f"a {notice.kind} notice exists: {notice.doi} ({label}{', ' + notice.date if notice.date else ''})",
            observed=notice.doi,
        )


def _check_byline(context: _Context, shot: SourceSnapshot, pairs: list[Pair]) -> None:
    if len(pairs) == len(context.record.authors) == len(shot.authors) and all(
        p.team == p.source for p in pairs
    ):
        return  # everyone paired, in order
    source = shot.source.value
    team_taken = {pair.team for pair in pairs}
    source_taken = {pair.source for pair in pairs}
    for index, author in enumerate(context.record.authors):
        if index not in team_taken:
            context.add(
                "author-missing",
                source,
                author,
                index,
                "",
                f"{author.printed.display()} is not among the authors {source} shows",
                expected=author.printed.display(),
            )
    for index, other in enumerate(shot.authors):
        if index not in source_taken:
            context.add(
                "author-extra",
                source,
                None,
                None,
                f"{index}:{fold(other.raw)}",
                f"{source} shows an author the team's record does not have: {other.raw} (position {other.position})",
                observed=other.raw,
            )
    for pair in out_of_order(pairs):
        author = context.record.authors[pair.team]
        context.add(
            "author-order",
            source,
            author,
            pair.team,
            "",
            f"{author.printed.display()} is author {pair.team + 1} in the team's record but {shot.authors[pair.source].position} in {source}",
            expected=str(pair.team + 1),
            observed=str(shot.authors[pair.source].position),
        )


def out_of_order(pairs: list[Pair]) -> list[Pair]:
    """Return the pairs not on the longest run that keeps the team's order (the moved authors)."""
    ordered = sorted(pairs, key=lambda pair: pair.team)
    positions = [pair.source for pair in ordered]
    keep = _longest_increasing(positions)
    return [pair for k, pair in enumerate(ordered) if k not in keep]


def _longest_increasing(values: list[int]) -> set[int]:
    best_len = [1] * len(values)
    previous = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best_len[j] + 1 > best_len[i]:
                best_len[i], previous[i] = best_len[j] + 1, j
    if not values:
        return set()
    index = max(range(len(values)), key=lambda k: best_len[k])
    keep = set()
    while index != -1:
        keep.add(index)
        index = previous[index]
    return keep


# ---- names ------------------------------------------------------------------------------------


def _check_name(
    context: _Context,
    source: str,
    pair: Pair,
    author: TeamAuthor,
    person: Person | None,
    other: SourceAuthor,
) -> None:
    if other.organisation or not other.name_shown:
        return  # an organisation, or a statement that names the author by initials or position
    index = pair.team
    mine = author.printed
    if pair.method == "exact" or typographic_key(other.raw) == typographic_key(mine.display()):
        theirs = source_name(other)
        if (
            theirs is None
            or not other.structured
            or (theirs.given, theirs.family) == (mine.given, mine.family)
        ):
            return
        expected = mine.display()
        if _split_differs(mine, theirs):
            context.add(
                "name-split",
                source,
                author,
                index,
                "",
                f"{expected}: printed alike, but deposited with given {theirs.given!r} and family {theirs.family_full!r}",
                expected=expected,
                observed=other.raw,
            )
        return
    expected = mine.display()
    if person is not None and typographic_key(other.raw) in {
        typographic_key(s) for s in person.accepted_spellings
    }:
        context.result.accepted += 1
        return
    if person is not None and _is_former(person, other):
        context.add(
            "name-former",
            source,
            author,
            index,
            "",
            f"{expected}: {source} prints a confidential former name (not shown here)",
            expected=expected,
            observed=WITHHELD,
        )
        return
    for rule, message in classify_name(author.printed, other):
        context.add(
            rule,
            source,
            author,
            index,
            "",
            f"{expected}: {message}",
            expected=expected,
            observed=visible(other.raw),
        )


def _is_former(person: Person, other: SourceAuthor) -> bool:
    """True when the source prints a former name, whole or as its family name ('J. Smith')."""
    folded = fold(other.raw)
    if any(folded == fold(name) for name in person.former_names):
        return True
    printed = source_name(other)
    family = fold(printed.family_full) if printed else ""
    former_families = {fold(name.split()[-1]) for name in person.former_names if name.split()}
    return family in former_families - {fold(person.name.family)}


def classify_name(mine: PersonName, other: SourceAuthor) -> list[tuple[str, str]]:
    """Return (rule, message) for each way the printed name differs from the team's."""
    theirs = source_name(other)
    shown, expected = clean(other.raw), mine.display()
    verdicts: list[tuple[str, str]] = []
    if theirs is None:
        return verdicts
    same_letters = strip_accents(shown).replace(".", "") == strip_accents(expected).replace(".", "")
    if same_letters:
        return [("name-diacritics", f"printed {visible(shown)!r}: {_accent_edit(expected, shown)}")]
    if other.structured and _split_differs(mine, theirs):
        return [
            (
                "name-split",
                f"printed with given {theirs.given!r} and family {theirs.family_full!r}; expected given {mine.given!r} and family {mine.family_full!r}",
            )
        ]
    family_same = fold(theirs.family_full) == fold(mine.family_full)
    if (
        family_same
        and given_compatible(mine.given, theirs.given)
        and given_tokens(mine.given) != given_tokens(theirs.given)
    ):
        verdicts.append(
            ("name-initials", f"printed {shown!r}: {_initials_edit(mine.given, theirs.given)}")
        )
        mine_letters = strip_accents(mine.family_full)
        if (
            mine_letters == strip_accents(theirs.family_full)
            and mine.family_full != theirs.family_full
        ):
            verdicts.append(
                (
                    "name-diacritics",
                    f"family name printed {visible(theirs.family_full)!r}: {_accent_edit(mine.family_full, theirs.family_full)}",
                )
            )
        return verdicts
    return [("name-spelling", f"printed {shown!r}: {edit_text(expected, shown)}")]


def _split_differs(mine: PersonName, theirs: PersonName) -> bool:
    """True when the same words are split differently between given and family (or swapped)."""
    mine_parts = (fold(mine.given), fold(mine.family_full))
    their_parts = (fold(theirs.given), fold(theirs.family_full))
    if mine_parts == their_parts:
        return False
    same_words = sorted(" ".join(mine_parts).split()) == sorted(" ".join(their_parts).split())
    lost_particle = (
        bool(mine.particle)
        and fold(theirs.family_full) == fold(mine.family)
        and fold(theirs.given) == fold(mine.given)
    )
    return same_words or lost_particle


def _initials_edit(mine: str, theirs: str) -> str:
    mine_tokens, their_tokens = given_tokens(mine), given_tokens(theirs)
    if len(their_tokens) > len(mine_tokens):
        return f"given name {theirs!r} has an initial or name the team's record ({mine!r}) does not"
    if len(their_tokens) < len(mine_tokens):
        return f"given name {theirs!r} lacks part of {mine!r}"
    return f"given name {mine!r} printed as initials {theirs!r}"


def visible(text: str) -> str:
    """Show decomposed characters as such: 'Ille\u0301s' becomes 'Ille+U+0301s'."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return "".join(f"+U+{ord(ch):04X}" if unicodedata.combining(ch) else ch for ch in text)


def _accent_edit(expected: str, shown: str) -> str:
    pairs = []
    nfc_expected, nfc_shown = (
        unicodedata.normalize("NFC", expected),
        unicodedata.normalize("NFC", shown),
    )
    for a, b in zip(nfc_expected, nfc_shown, strict=False):
        if a != b:
            pairs.append(f"{a!r} printed as {visible(b)!r}")
    return "; ".join(pairs) or "accents differ"


def edit_text(expected: str, shown: str) -> str:
    """Return the word-level edits that turn the expected spelling into the printed one."""
    mine, theirs = expected.split(), shown.split()
    edits = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, mine, theirs, autojunk=False
    ).get_opcodes():
        before, after = " ".join(mine[a1:a2]), " ".join(theirs[b1:b2])
        if op == "replace":
            edits.append(f"{before!r}→{after!r}")
        elif op == "delete":
            edits.append(f"missing {before!r}")
        elif op == "insert":
            edits.append(f"extra {after!r}")
    return ", ".join(edits) or "differs"


# ---- ORCID and roles ----------------------------------------------------------------------------


def _check_orcid(
    context: _Context,
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
            "orcid-missing",
            source,
            author,
            index,
            "",
            f"{name}: {source} shows no ORCID iD",
            expected=expected,
        )
    elif other.orcid != expected:
        context.add(
            "orcid-mismatch",
            source,
            author,
            index,
            "",
            f"{name}: {source} shows ORCID iD {other.orcid}",
            expected=expected,
            observed=other.orcid,
        )
    elif other.orcid_authenticated is False:
        context.add(
            "orcid-unauthenticated",
            source,
            author,
            index,
            "",
            f"{name}: the ORCID iD was deposited without ORCID authentication",
            expected=expected,
            observed=other.orcid,
        )


def _check_roles(
    context: _Context,
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
            "roles-not-deposited",
            source,
            author,
            index,
            "",
            f"{name}: {source} lists no CRediT roles for this article",
        )
        return
    expected = {assignment.role: assignment.degree for assignment in author.roles}
    observed = {role.role: role.degree for role in other.roles if role.role}
    if expected == observed and all(role.role for role in other.roles):
        return  # the usual case at scale: the same roles, the same degrees
    for slug in _in_role_order(expected.keys() - observed.keys()):
        context.add(
            "role-missing",
            source,
            author,
            index,
            slug,
            f"{name}: {source} does not list {BY_SLUG[slug].label}",
            expected=_role_text(slug),
            observed=None,
        )
    for slug in _in_role_order(observed.keys() - expected.keys()):
        context.add(
            "role-extra",
            source,
            author,
            index,
            slug,
            f"{name}: {source} lists {BY_SLUG[slug].label}, which the team's record does not",
            observed=_role_text(slug),
        )
    for slug in _in_role_order(expected.keys() & observed.keys()):
        if expected[slug] and observed[slug] and expected[slug] != observed[slug]:
            context.add(
                "degree-mismatch",
                source,
                author,
                index,
                slug,
                f"{name}: {BY_SLUG[slug].label} is {observed[slug]} in {source}, {expected[slug]} in the team's record",
                expected=expected[slug].value,
                observed=observed[slug].value,
            )
    for role in other.roles:
        if role.role is None:
            context.add(
                "role-unmapped",
                source,
                author,
                index,
                fold(role.label),
                f"{name}: {source} states a contribution that is no CRediT role: {role.label!r}",
                observed=role.label,
            )


def _in_role_order(slugs: set[str]) -> list[str]:
    return [role.slug for role in ROLES if role.slug in slugs]


def _role_text(slug: str) -> str:
    role = BY_SLUG[slug]
    return f"{role.label} <{role.uri}>"


def _check_agreement(context: _Context, paired: dict[SourceKind, dict[int, SourceAuthor]]) -> None:
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
                        "sources-disagree",
                        f"{first.value}+{second.value}",
                        author,
                        index,
                        "name",
                        f"{author.printed.display()}: {first.value} prints {shown_a!r}, {second.value} prints {shown_b!r}",
                        expected=shown_a,
                        observed=shown_b,
                    )
                roles_a, roles_b = _mapped(a), _mapped(b)
                if roles_a is not None and roles_b is not None and roles_a != roles_b:
                    context.add(
                        "sources-disagree",
                        f"{first.value}+{second.value}",
                        author,
                        index,
                        "roles",
                        f"{author.printed.display()}: {first.value} lists {_labels(roles_a)}, {second.value} lists {_labels(roles_b)}",
                        expected=_labels(roles_a),
                        observed=_labels(roles_b),
                    )


def _safe(context: _Context, author: TeamAuthor, text: str) -> str:
    person = context.people.get(author.person)
    if person is not None and any(fold(text) == fold(name) for name in person.former_names):
        return WITHHELD
    return text


def _mapped(author: SourceAuthor) -> set[str] | None:
    if author.roles is None:
        return None
    return {role.role for role in author.roles if role.role}


def _labels(slugs: set[str]) -> str:
    return "; ".join(BY_SLUG[slug].label for slug in sorted(slugs)) or "no roles"
