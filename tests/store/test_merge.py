"""The merge of three versions of a records file by key (store/merge.py), case by case."""

from __future__ import annotations

from typing import Any

import pytest

from credit_tracker.domain.merging import ABSENT, Conflict
from credit_tracker.store.documents import ARTICLES, BASELINE, FORMAT, OFFICE, SNAPSHOTS, TEAM
from credit_tracker.store.merge import merge_records

ANA = {"id": "ana", "name": {"family": "Alwan", "given": "Ana"}}
BO = {"id": "bo", "name": {"family": "Berg", "given": "Bo"}}
CY = {"id": "cy", "name": {"family": "Costa", "given": "Cy"}}


def _team(*people: dict[str, Any], **tables: dict[str, Any]) -> dict[str, Any]:
    empty = {"acknowledgements": {}, "corrections": {}, "publishers": {}}
    return {**empty, "people": {p["id"]: p for p in people}, **tables}


def _with(person: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**person, **fields}


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        # additions on both sides are kept, however close their keys sort
        (_team(ANA), _team(ANA, BO), _team(ANA, CY), _team(ANA, BO, CY)),
        # the same record added on both sides, the same: once
        (_team(), _team(ANA), _team(ANA), _team(ANA)),
        # a removal is applied when the other side left the record alone
        (_team(ANA, BO), _team(ANA), _team(ANA, BO, CY), _team(ANA, CY)),
        # a record both sides changed, in different fields: both changes
        (
            _team(ANA),
            _team(_with(ANA, orcid="0000-0002-1825-0097")),
            _team(_with(ANA, accepted_spellings=["A. Alwan"])),
            _team(_with(ANA, orcid="0000-0002-1825-0097", accepted_spellings=["A. Alwan"])),
        ),
        # the same field changed to the same value on both sides
        (
            _team(ANA),
            _team(_with(ANA, team_member=False)),
            _team(_with(ANA, team_member=False)),
            _team(_with(ANA, team_member=False)),
        ),
        # a field one side removed (back to its default) and the other left alone
        (
            _team(_with(ANA, team_member=False)),
            _team(ANA),
            _team(_with(ANA, team_member=False), BO),
            _team(ANA, BO),
        ),
    ],
)
def test_team_files_merge_by_key_without_conflict(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], merged: dict[str, Any]
) -> None:
    assert merge_records(TEAM, base, ours, theirs) == (merged, [])
    assert merge_records(TEAM, base, theirs, ours) == (merged, [])  # the same from either side


def test_the_same_field_changed_to_two_values_is_one_conflict_keeping_this_side() -> None:
    ours = _team(_with(ANA, orcid="0000-0002-1825-0097"), BO)
    theirs = _team(_with(ANA, orcid="0000-0001-5109-3700"), CY)
    merged, conflicts = merge_records(TEAM, _team(ANA), ours, theirs)
    assert merged == _team(_with(ANA, orcid="0000-0002-1825-0097"), BO, CY)
    assert conflicts == [
        Conflict("people ana", "orcid", "0000-0002-1825-0097", "0000-0001-5109-3700")
    ]


def test_a_record_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    changed = _with(ANA, orcid="0000-0002-1825-0097")
    merged, conflicts = merge_records(TEAM, _team(ANA, BO), _team(BO), _team(changed, BO))
    assert merged == _team(BO)
    assert conflicts == [Conflict("people ana", None, ABSENT, changed)]
    merged, conflicts = merge_records(TEAM, _team(ANA, BO), _team(changed, BO), _team(BO))
    assert merged == _team(changed, BO)
    assert conflicts == [Conflict("people ana", None, changed, ABSENT)]


def _author(pid: str, **fields: Any) -> dict[str, Any]:
    return {"person": pid, "printed": {"family": pid.title()}, **fields}


def _article(*authors: dict[str, Any], **fields: Any) -> dict[str, Any]:
    doi = "10.5555/x"
    return {ARTICLES: {doi: {"doi": doi, "authors": list(authors), **fields}}}


ROLE = [{"role": "methodology"}]
OTHER_ROLE = [{"role": "software"}]


def test_a_byline_merges_author_by_author() -> None:
    base = _article(_author("ana"), _author("bo"))
    ours = _article(_author("ana", roles=ROLE), _author("bo"), title="T")
    theirs = _article(_author("ana"), _author("bo", roles=OTHER_ROLE))
    merged, conflicts = merge_records(ARTICLES, base, ours, theirs)
    assert merged == _article(
        _author("ana", roles=ROLE), _author("bo", roles=OTHER_ROLE), title="T"
    )
    assert conflicts == []


def test_a_byline_reordered_on_one_side_keeps_the_other_sides_roles() -> None:
    base = _article(_author("ana"), _author("bo"))
    ours = _article(_author("bo"), _author("ana"), _author("cy"))  # moved, and one added
    theirs = _article(_author("ana", roles=ROLE), _author("bo"))
    merged, conflicts = merge_records(ARTICLES, base, ours, theirs)
    assert merged == _article(_author("bo"), _author("ana", roles=ROLE), _author("cy"))
    assert conflicts == []


def test_an_authors_roles_set_differently_on_both_sides_is_named() -> None:
    base = _article(_author("ana"))
    merged, conflicts = merge_records(
        ARTICLES, base, _article(_author("ana", roles=ROLE)), _article(_author("ana", roles=[]))
    )
    assert merged == _article(_author("ana", roles=ROLE))
    assert conflicts == [Conflict("articles 10.5555/x", "authors[ana].roles", ROLE, [])]


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        # both sides changed the byline itself
        (
            _article(_author("bo"), _author("ana")),
            _article(_author("ana"), _author("bo"), _author("cy")),
        ),
        # an author removed on one side whose roles the other side set
        (_article(_author("ana")), _article(_author("ana"), _author("bo", roles=ROLE))),
    ],
)
def test_a_byline_both_sides_changed_is_a_conflict_on_the_authors(
    ours: dict[str, Any], theirs: dict[str, Any]
) -> None:
    base = _article(_author("ana"), _author("bo"))
    merged, conflicts = merge_records(ARTICLES, base, ours, theirs)
    assert merged == ours
    (conflict,) = conflicts
    assert (conflict.record, conflict.field) == ("articles 10.5555/x", "authors")


def _shot(source: str, first: str, last: str | None = None, **fields: Any) -> dict[str, Any]:
    shot = {"doi": "10.5555/x", "source": source, "state": "ok", "content_hash": "h1"}
    return {**shot, "first_seen": first, "fetched_at": last or first, **fields}


def _histories(*shots: dict[str, Any]) -> dict[str, Any]:
    return {SNAPSHOTS: {"10.5555/x": {"doi": "10.5555/x", "history": list(shots)}}}


def test_snapshot_histories_merge_as_the_union_by_date() -> None:
    base = _histories(_shot("crossref", "2026-01-01T00:00:00Z"))
    # here: the same answer again on the 3rd, and a statement read on the 2nd
    ours = _histories(
        _shot("crossref", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"),
        _shot("statement", "2026-01-02T00:00:00Z", content_hash="s1"),
    )
    # there: the same answer again on the 4th, and then a new one on the 5th
    theirs = _histories(
        _shot("crossref", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
        _shot("crossref", "2026-01-05T00:00:00Z", content_hash="h2"),
    )
    merged, conflicts = merge_records(SNAPSHOTS, base, ours, theirs)
    assert merged == _histories(
        _shot("crossref", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
        _shot("statement", "2026-01-02T00:00:00Z", content_hash="s1"),
        _shot("crossref", "2026-01-05T00:00:00Z", content_hash="h2"),
    )
    assert conflicts == []


def test_the_same_answer_fetched_on_both_sides_is_one_snapshot_and_failures_replace() -> None:
    failed = {"state": "failed", "content_hash": None, "reason": "HTTP 503"}
    base = _histories(_shot("jats", "2026-01-01T00:00:00Z", **failed))
    ours = _histories(
        _shot("jats", "2026-01-02T00:00:00Z", **failed),  # failed again here: replaced
        _shot("crossref", "2026-01-02T00:00:00Z"),
    )
    theirs = _histories(
        _shot("jats", "2026-01-01T00:00:00Z", **failed),
        _shot("crossref", "2026-01-03T00:00:00Z"),  # the same answer, first seen there later
    )
    merged, conflicts = merge_records(SNAPSHOTS, base, ours, theirs)
    assert merged == _histories(
        _shot("crossref", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
        _shot("jats", "2026-01-02T00:00:00Z", **failed),
    )
    assert conflicts == []


def test_single_record_files_and_the_baseline_merge_field_by_field() -> None:
    base = {"name": "Research Office"}
    merged, conflicts = merge_records(
        OFFICE, base, {"name": "Research Office", "email": "a@x"}, {"name": "Research Integrity"}
    )
    assert merged == {"name": "Research Integrity", "email": "a@x"} and conflicts == []
    assert merge_records(FORMAT, {"format": 2}, {"format": 2}, {"format": 2}) == ({"format": 2}, [])
    entry = {"doi": "10.5555/x", "rule": "role-missing", "note": "known", "since": "2026-01-01"}
    base = {"version": 1, "findings": {"ct-1": entry}}
    ours = {"version": 1, "findings": {"ct-1": {**entry, "fixed": "2026-01-05"}}}
    theirs = {"version": 1, "findings": {"ct-1": entry, "ct-2": entry}}
    merged, conflicts = merge_records(BASELINE, base, ours, theirs)
    assert merged == {"version": 1, "findings": {"ct-1": ours["findings"]["ct-1"], "ct-2": entry}}
    assert conflicts == []
