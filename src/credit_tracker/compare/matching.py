"""Pair the team's authors with a source's authors: tolerant, one-to-one, chosen for the whole list.

Scores come from ORCID, then names (exact, accepted spellings, former names, folded forms,
initials, particles, swapped given and family names, near spellings); byline order only breaks
ties. The pairing maximises the total score over the whole list (Hungarian algorithm), so that
'Reza' as one author's family name and another's given name, or two Lepperts, are not paired
greedily.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from credit_tracker.domain.models import Person, SourceAuthor, TeamAuthor
from credit_tracker.domain.names import (
    PersonName,
    fold,
    given_compatible,
    parse_display_name,
    typographic_key,
    without_suffix,
)

THRESHOLD = 0.5
ORDER_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Pair:
    """A team author (index into the record) paired with a source author (index into the source)."""

    team: int
    source: int
    method: str  # "orcid" | "exact" | "accepted" | "former" | "tolerant" | "order"
    confidence: float


def shown_key(author: SourceAuthor) -> str:
    """The typographic key of the name a source shows (the byline's, for initials and positions)."""
    if not author.name_shown and author.name is not None:
        return typographic_key(author.name.display())
    return typographic_key(author.raw)


def source_name(author: SourceAuthor) -> PersonName | None:
    """Return the structured name of a source author, guessing the split for unstructured ones."""
    if author.organisation:
        return None
    return author.name if author.name is not None else parse_display_name(author.raw)


def score(team: TeamAuthor, person: Person | None, other: SourceAuthor) -> tuple[float, str]:
    """Return how likely `other` is this team author, and the method that says so."""
    if other.organisation:
        return 0.0, ""
    if person is not None and person.orcid and other.orcid == person.orcid:
        return 1.0, "orcid"
    printed = shown_key(other)
    if printed == typographic_key(team.printed.display()):
        return 0.97, "exact"
    if person is not None:
        if printed in {
            typographic_key(s) for s in (person.name.display(), *person.accepted_spellings)
        }:
            return 0.95, "accepted"
        if fold(other.raw) in {fold(s) for s in person.former_names}:
            return 0.9, "former"
    return _tolerant(team.printed, source_name(other))


def _tolerant(mine: PersonName, theirs: PersonName | None) -> tuple[float, str]:
    if theirs is None:
        return 0.0, ""
    # a suffix ('Júnior', 'Jr.') is compared by the name rules, not used to pair
    mine, theirs = without_suffix(mine)[0], without_suffix(theirs)[0]
    my_given, my_family = fold(mine.given), fold(mine.family_full)
    their_given, their_family = fold(theirs.given), fold(theirs.family_full)
    if (my_given, my_family) == (their_given, their_family):
        return 0.92, "tolerant"
    family_fits = my_family == their_family or fold(mine.family) == fold(theirs.family)
    if family_fits and given_compatible(mine.given, theirs.given):
        return 0.85, "tolerant"
    if my_given and (my_given, my_family) == (their_family, their_given):
        return 0.8, "tolerant"  # given and family swapped (Vietnamese, East Asian names)
    mine_words, their_words = (
        sorted(f"{my_given} {my_family}".split()),
        sorted(f"{their_given} {their_family}".split()),
    )
    if mine_words == their_words:
        return 0.8, "tolerant"  # same words, split differently (particles, compound names)
    ratio = difflib.SequenceMatcher(
        None, f"{my_given} {my_family}", f"{their_given} {their_family}"
    ).ratio()
    if ratio >= 0.85 and (family_fits or given_compatible(mine.given, theirs.given)):
        return 0.6 * ratio, "tolerant"
    if ratio >= 0.9:
        return 0.55, "tolerant"
    return 0.0, ""


def team_keys(team: list[TeamAuthor]) -> list[str]:
    """Return the typographic key of each team author's printed name (computed once per article)."""
    return [typographic_key(author.printed.display()) for author in team]


def match_authors(
    team: list[TeamAuthor],
    people: dict[str, Person],
    source: list[SourceAuthor],
    keys: list[str] | None = None,
) -> list[Pair]:
    """Return the one-to-one pairing that maximises the total score.

    Authors whose ORCID iD, or whose printed name, is the same on both sides and unique on each
    are paired first: no other pairing could score higher. Only the rest are scored pair by pair.
    """
    if not team or not source:
        return []
    keys = keys if keys is not None else team_keys(team)
    same = _same_byline(keys, source)
    if same is not None:
        return same
    pairs = _certain_pairs(team, people, source, keys)
    rest_team = [i for i in range(len(team)) if i not in {p.team for p in pairs}]
    rest_source = [j for j in range(len(source)) if j not in {p.source for p in pairs}]
    if rest_team and rest_source:
        pairs += _best_pairs(team, people, source, rest_team, rest_source)
    pairs.sort(key=lambda pair: pair.team)
    return pairs + _order_pairs(team, source, pairs)


def _same_byline(keys: list[str], source: list[SourceAuthor]) -> list[Pair] | None:
    """The usual case, checked cheaply first: the same names in the same order, none twice."""
    if len(keys) != len(source):
        return None
    if len(set(keys)) != len(keys):
        return None
    for key, other in zip(keys, source, strict=True):
        if other.organisation or shown_key(other) != key:
            return None
    return [Pair(team=i, source=i, method="exact", confidence=0.97) for i in range(len(keys))]


def _certain_pairs(
    team: list[TeamAuthor], people: dict[str, Person], source: list[SourceAuthor], keys: list[str]
) -> list[Pair]:
    orcids = [p.orcid if (p := people.get(a.person)) else None for a in team]
    pairs = _unique_equal(orcids, [s.orcid for s in source], "orcid", 1.0)
    taken_team, taken_source = {p.team for p in pairs}, {p.source for p in pairs}
    mine = [None if i in taken_team else key for i, key in enumerate(keys)]
    theirs = [
        None if j in taken_source or s.organisation else shown_key(s) for j, s in enumerate(source)
    ]
    return pairs + _unique_equal(mine, theirs, "exact", 0.97)


def _unique_equal(
    left: list[str | None], right: list[str | None], method: str, confidence: float
) -> list[Pair]:
    """Pair positions whose value is present once on each side."""
    counts_left, counts_right = Counter(v for v in left if v), Counter(v for v in right if v)
    where_right = {value: j for j, value in enumerate(right) if value and counts_right[value] == 1}
    return [
        Pair(team=i, source=where_right[value], method=method, confidence=confidence)
        for i, value in enumerate(left)
        if value and counts_left[value] == 1 and value in where_right
    ]


def _best_pairs(
    team: list[TeamAuthor],
    people: dict[str, Person],
    source: list[SourceAuthor],
    rows: list[int],
    cols: list[int],
) -> list[Pair]:
    scored = [[score(team[i], people.get(team[i].person), source[j]) for j in cols] for i in rows]
    width = max(len(team), len(source))
    weights = [
        [
            scored[a][b][0] - 0.001 * abs(i - j) / width if scored[a][b][0] >= THRESHOLD else 0.0
            for b, j in enumerate(cols)
        ]
        for a, i in enumerate(rows)
    ]
    pairs = []
    for a, b in maximum_assignment(weights):
        value, method = scored[a][b]
        if value >= THRESHOLD:
            pairs.append(
                Pair(team=rows[a], source=cols[b], method=method, confidence=round(value, 2))
            )
    return pairs


def _order_pairs(
    team: list[TeamAuthor], source: list[SourceAuthor], pairs: list[Pair]
) -> list[Pair]:
    """Pair leftovers by byline position, only where both lists have the same length."""
    if len(team) != len(source):
        return []
    taken_team = {pair.team for pair in pairs}
    taken_source = {pair.source for pair in pairs}
    return [
        Pair(team=i, source=i, method="order", confidence=ORDER_CONFIDENCE)
        for i in range(len(team))
        if i not in taken_team and i not in taken_source and not source[i].organisation
    ]


def maximum_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Return (row, column) pairs maximising the total weight (Hungarian algorithm, O(n²m)).

    Rows and columns may differ in number; each row gets at most one column and vice versa.
    """
    rows, cols = len(weights), len(weights[0]) if weights else 0
    transpose = rows > cols
    if transpose:
        weights = [list(column) for column in zip(*weights, strict=True)]
        rows, cols = cols, rows
    top = max((w for row in weights for w in row), default=0.0)
    cost = [[top - w for w in row] for row in weights]  # minimise cost = maximise weight
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        best = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[column] = True
            current, delta, next_column = owner[column], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    reduced = cost[current - 1][j - 1] - u[current] - v[j]
                    if reduced < best[j]:
                        best[j], way[j] = reduced, column
                    if best[j] < delta:
                        delta, next_column = best[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    best[j] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    pairs = [(owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j]]
    return [(c, r) for r, c in pairs] if transpose else pairs
