"""Three versions of a records file merged by key: what `git merge` asks of the records' driver.

Each version is the file in its current stored form (store/documents.py). Records are matched
by their key, never by line: what one side added is kept, what one side removed is removed
(when the other left it alone), and what one side changed is taken. A record both sides changed
is merged field by field; a field both sides changed to two different values is a conflict,
never a silent choice: the merge keeps this side's value and names the record, the field and
the other side's value. Two fields have a finer merge:

- an article's `authors`: author by author (by person id), when at most one side changed who
  is on the byline or their order;
- a snapshot history's `history`: the union of both sides' snapshots by source and date, as
  fetching on one clone would have recorded them (an unchanged answer only moves the date of
  the last one forward; a repeated failure replaces the previous failure). Snapshots are
  evidence: both sides' are kept, and no date is ever a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from credit_tracker.domain.merging import ABSENT, Conflict
from credit_tracker.store.documents import ARTICLES, BASELINE, SNAPSHOTS, TEAM, TEAM_TABLES


@dataclass
class _Merge:
    """One file's merge: the conflicts found so far."""

    conflicts: list[Conflict] = field(default_factory=list)

    def value(self, record: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
        """A field merged whole: the side that changed it, or a conflict."""
        if ours == theirs or base == theirs:
            return ours
        if base == ours:
            return theirs
        self.conflicts.append(Conflict(record, name, ours, theirs))
        return ours

    def record(
        self,
        record: str,
        base: Any,
        ours: Any,
        theirs: Any,
        fields: dict[str, FieldMerge] | None = None,
        prefix: str = "",
    ) -> Any:
        """A record merged field by field (`fields`: the fields merged more finely)."""
        if ours == theirs or base == theirs:
            return ours
        if base == ours:
            return theirs
        if ours is ABSENT or theirs is ABSENT or not _all_objects(base, ours, theirs):
            self.conflicts.append(Conflict(record, prefix.rstrip(".") or None, ours, theirs))
            return ours
        base = {} if base is ABSENT else base
        merged = {}
        for name in sorted(base.keys() | ours.keys() | theirs.keys()):
            sides = (base.get(name, ABSENT), ours.get(name, ABSENT), theirs.get(name, ABSENT))
            finer = (fields or {}).get(name)
            if finer is not None:
                value = finer(self, record, prefix + name, *sides)
            else:
                value = self.value(record, prefix + name, *sides)
            if value is not ABSENT:
                merged[name] = value
        return merged

    def table(
        self, table: str, base: Any, ours: Any, theirs: Any, fields: dict[str, FieldMerge]
    ) -> Any:
        """A table (key → record) merged record by record."""
        if not _all_objects(base, ours, theirs):
            return self.value("the file", table, base, ours, theirs)
        base = {} if base is ABSENT else base
        ours = {} if ours is ABSENT else ours
        theirs = {} if theirs is ABSENT else theirs
        merged = {}
        for key in sorted(base.keys() | ours.keys() | theirs.keys()):
            sides = (base.get(key, ABSENT), ours.get(key, ABSENT), theirs.get(key, ABSENT))
            value = self.record(f"{table} {key}", *sides, fields=fields)
            if value is not ABSENT:
                merged[key] = value
        return merged


FieldMerge = Callable[[_Merge, str, str, Any, Any, Any], Any]


def _all_objects(*values: Any) -> bool:
    return all(v is ABSENT or isinstance(v, dict) for v in values)


# ---- an article's byline ----------------------------------------------------------------------


def _authors(merge: _Merge, record: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
    """The byline merged author by author, when at most one side changed who is on it or the
    order; else (or for an author one side removed and the other changed) a conflict."""
    if ours == theirs or base == theirs:
        return ours
    if base == ours:
        return theirs
    sides = (base, ours, theirs)
    base_ids, our_ids, their_ids = (_people(side) for side in sides)
    if base_ids is None or our_ids is None or their_ids is None:
        return merge.value(record, name, *sides)
    if our_ids != their_ids and base_ids not in (our_ids, their_ids):
        return merge.value(record, name, *sides)  # both changed the byline itself
    order, other = (their_ids, ours) if base_ids == our_ids else (our_ids, theirs)
    before, here, there = (_by_person(side) for side in sides)
    left_alone = _by_person(other)
    if any(left_alone.get(pid) != before[pid] for pid in before.keys() - set(order)):
        return merge.value(record, name, *sides)  # removed on one side, changed on the other
    return [
        merge.record(
            record,
            before.get(pid, ABSENT),
            here.get(pid, ABSENT),
            there.get(pid, ABSENT),
            prefix=f"{name}[{pid}].",
        )
        for pid in order
    ]


def _by_person(byline: Any) -> dict[str, Any]:
    return {} if byline is ABSENT else {author["person"]: author for author in byline}


def _people(byline: Any) -> list[str] | None:
    """The person ids of a byline in order; None for anything but a byline of distinct people."""
    if byline is ABSENT:
        return []
    if not isinstance(byline, list) or not all(isinstance(a, dict) for a in byline):
        return None
    ids = [a.get("person") for a in byline]
    if not all(isinstance(pid, str) for pid in ids) or len(set(ids)) != len(ids):
        return None
    return ids


# ---- a snapshot history -------------------------------------------------------------------------


def _history(merge: _Merge, record: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
    """Both sides' snapshots, by source and the moment each was first seen, oldest first."""
    if ours == theirs or base == theirs:
        return ours
    if base == ours:
        return theirs
    sides = [[] if s is ABSENT else s for s in (base, ours, theirs)]
    if not all(isinstance(s, list) and all(map(_is_snapshot, s)) for s in sides):
        return merge.value(record, name, base, ours, theirs)
    base_by, our_by, their_by = ({_moment_key(s): s for s in side} for side in sides)
    kept = []
    for key in base_by.keys() | our_by.keys() | their_by.keys():
        b, o, t = (by.get(key, ABSENT) for by in (base_by, our_by, their_by))
        if o == t or b == t:
            shot = o
        elif b == o:
            shot = t  # changed there, or removed there (a failure replaced by the next)
        else:
            shot = _newer(o, t)  # the same snapshot seen again on both sides: the later seeing
        if shot is not ABSENT:
            kept.append(shot)
    kept.sort(key=lambda s: (_when(s.get("first_seen") or s["fetched_at"]), s["source"]))
    return _as_fetching_records_them(kept)


def _is_snapshot(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("source"), str)
        and isinstance(entry.get("fetched_at"), str)
    )


def _moment_key(shot: dict[str, Any]) -> tuple[str, datetime]:
    return shot["source"], _when(shot.get("first_seen") or shot["fetched_at"])


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _newer(ours: Any, theirs: Any) -> Any:
    if ours is ABSENT or theirs is ABSENT:
        return theirs if ours is ABSENT else ours  # evidence is kept
    return theirs if _when(theirs["fetched_at"]) > _when(ours["fetched_at"]) else ours


def _as_fetching_records_them(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold what two clones fetched apart into what one would have stored
    (services/snapshots.record_snapshot): an answer the same as the source's last one moves
    that snapshot's date forward and takes the later reading; a failure after a failure of the
    same source replaces it."""
    folded: list[dict[str, Any]] = []
    last: dict[str, int] = {}
    for shot in history:
        at = last.get(shot["source"])
        if at is not None and folded[at].get("state") != "ok" and _failed_alike(folded[at], shot):
            folded[at] = shot
        elif at is not None and _same_answer(folded[at], shot):
            folded[at] = _seen_again(folded[at], shot)
        else:
            last[shot["source"]] = len(folded)
            folded.append(shot)
    return folded


def _failed_alike(previous: dict[str, Any], shot: dict[str, Any]) -> bool:
    return shot.get("state") != "ok" and previous.get("state") == shot.get("state")


def _same_answer(previous: dict[str, Any], shot: dict[str, Any]) -> bool:
    return (
        previous.get("state") == "ok"
        and shot.get("state") == "ok"
        and previous.get("content_hash") == shot.get("content_hash")
    )


def _seen_again(first: dict[str, Any], again: dict[str, Any]) -> dict[str, Any]:
    """The first snapshot of an answer, fetched again: its date and reading from the later."""
    seen = {**first, "fetched_at": _newer(first, again)["fetched_at"]}
    seen.setdefault("first_seen", first["fetched_at"])
    for reading in ("authors", "problems"):  # left out of the stored form when empty
        if reading in again:
            seen[reading] = again[reading]
        else:
            seen.pop(reading, None)
    return seen


# ---- the files ----------------------------------------------------------------------------------

_FINER: dict[str, dict[str, dict[str, FieldMerge]]] = {
    TEAM: {table: {} for table, _key, _attribute in TEAM_TABLES},
    ARTICLES: {ARTICLES: {"authors": _authors}},
    SNAPSHOTS: {SNAPSHOTS: {"history": _history}},
    BASELINE: {"findings": {}},
}


def merge_records(
    kind: str, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """Return the merge of three versions of a records file of `kind` (documents' TEAM,
    ARTICLES, …), and its conflicts. A file that is one record (office.json, format.json) is
    merged field by field."""
    merge = _Merge()
    tables = _FINER.get(kind)
    if tables is None:
        merged = merge.record("the file", base, ours, theirs)
        return merged, merge.conflicts
    merged = {}
    for name in sorted(base.keys() | ours.keys() | theirs.keys()):
        sides = (base.get(name, ABSENT), ours.get(name, ABSENT), theirs.get(name, ABSENT))
        if name in tables:
            value = merge.table(name, *sides, fields=tables[name])
        else:
            value = merge.value("the file", name, *sides)
        if value is not ABSENT:
            merged[name] = value
    return merged, merge.conflicts
