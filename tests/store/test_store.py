"""The store: deterministic files, atomic writes, one write per operation, locks, corrupt files."""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from credit_tracker.domain.errors import StoreError, StoreLockedError
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName
from credit_tracker.store import folder
from credit_tracker.store.folder import Store


def _add_person(store: Store, pid: str, family: str) -> None:
    with store.transaction() as records:
        records.people[pid] = Person(id=pid, name=PersonName(given="Ana", family=family))


def test_init_creates_an_empty_loadable_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "records")
    assert store.init() is True
    assert store.init() is False
    records = store.load()
    assert records.articles == {} and records.people == {} and records.snapshots == {}


def test_files_are_sorted_indented_json(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.init()
    _add_person(store, "zed", "Zamani")
    _add_person(store, "amy", "Alwan")
    text = store.team_path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    # each person under their own id, never a counter: two clones adding two people add two keys
    assert data["people"]["zed"]["id"] == "zed" and data["people"]["amy"]["id"] == "amy"
    assert list(data["people"]) == ["amy", "zed"]


def test_one_write_per_operation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)
    store.init()
    writes: list[str] = []
    original = folder.write_files

    def counted(changes):
        writes.extend(path.name for path, _text in changes)
        return original(changes)

    monkeypatch.setattr(folder, "write_files", counted)
    with store.transaction() as records:
        for n in range(2000):  # TinyDB would write 2,000 times if inserted one by one
            records.people[f"p{n}"] = Person(id=f"p{n}", name=PersonName(family=f"F{n}"))
    assert writes == ["team.json"]
    writes.clear()
    with store.transaction():
        pass  # nothing changed: nothing written
    assert writes == []
    assert len(Store(tmp_path).load().people) == 2000


def test_a_failing_write_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    store.init()
    _add_person(store, "a", "Alwan")
    before = store.team_path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(
        StoreError,
        match=r"team.json: could not write \(No space left on device\); "
        r"the previous file is intact",
    ):
        _add_person(Store(tmp_path), "b", "Benedikz")
    monkeypatch.undo()
    assert store.team_path.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))
    assert set(Store(tmp_path).load().people) == {"a"}


def test_a_corrupt_file_is_reported_with_its_position_and_kept(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.init()
    _add_person(store, "a", "Alwan")
    store.team_path.write_text('{\n  "people": {\n    "a": {"id": "a",,}\n', encoding="utf-8")
    broken = store.team_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(tmp_path).load()
    message = str(caught.value)
    assert str(store.team_path) + ":3:" in message and "team.json.bak" in message
    with pytest.raises(StoreError):
        _add_person(Store(tmp_path), "b", "Benedikz")
    assert store.team_path.read_bytes() == broken  # never silently replaced
    # the copy from before the last write is kept beside it, and it parses
    assert {"people", "acknowledgements"} <= set(
        json.loads((tmp_path / "team.json.bak").read_text())
    )


def test_a_document_with_a_bad_field_names_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.init()
    store.team_path.write_text(
        json.dumps(
            {
                "articles": {},
                "people": {"a": {"id": "a", "name": {"given": "A"}}},
                "acknowledgements": {},
            }
        )
    )
    with pytest.raises(StoreError, match=r"table people, document a, field name\.family"):
        store.load()


def test_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="credit-tracker init"):
        Store(tmp_path / "nowhere").load()


# spawn, not fork: forking a test process that runs threads can deadlock the child, and spawn is
# what Windows does anyway
_SPAWN = multiprocessing.get_context("spawn")
SAFETY = 60.0  # seconds; a safety limit that fails loudly, never what a test measures


def _hold_lock(folder: str, ready: Any, release: Any) -> None:
    with Store(Path(folder)).locked():
        ready.set()
        release.wait(SAFETY)


def _holder(folder: Path) -> tuple[Any, Any]:
    """Start a process that holds the records' lock until told to release it."""
    ready, release = _SPAWN.Event(), _SPAWN.Event()
    holder = _SPAWN.Process(target=_hold_lock, args=(str(folder), ready, release))
    holder.start()
    assert ready.wait(SAFETY), "the holder never took the lock"
    return holder, release


def test_a_second_writer_waits_then_fails_clearly(tmp_path: Path) -> None:
    Store(tmp_path).init()
    holder, release = _holder(tmp_path)
    try:
        with pytest.raises(StoreLockedError, match="another credit-tracker process") as caught:
            _add_person(Store(tmp_path, lock_timeout=0.3), "a", "Alwan")
        # the message names the holder: its command, process id and since when
        assert re.search(rf", pid {holder.pid}, since \d{{4}}-\d\d-\d\dT", str(caught.value))
    finally:
        release.set()
        holder.join(SAFETY)
    assert not (tmp_path / ".lock-holder").exists()  # gone with the lock
    _add_person(Store(tmp_path, lock_timeout=0.3), "a", "Alwan")  # free again
    assert set(Store(tmp_path).load().people) == {"a"}


def test_a_second_writer_goes_ahead_once_the_first_has_finished(tmp_path: Path) -> None:
    Store(tmp_path).init()
    holder, release = _holder(tmp_path)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            _add_person(Store(tmp_path, lock_timeout=SAFETY), "b", "Benedikz")
        except BaseException as exc:
            errors.append(exc)

    waiter = threading.Thread(target=write)
    waiter.start()
    assert "b" not in Store(tmp_path).load().people  # waiting: the holder has not let go
    release.set()
    holder.join(SAFETY)
    waiter.join(SAFETY)
    assert not errors and set(Store(tmp_path).load().people) == {"b"}


def test_a_killed_writer_leaves_the_records_unlocked(tmp_path: Path) -> None:
    Store(tmp_path).init()
    holder, _release = _holder(tmp_path)
    holder.kill()
    holder.join(SAFETY)
    _add_person(Store(tmp_path, lock_timeout=0.3), "a", "Alwan")
    assert set(Store(tmp_path).load().people) == {"a"}


def _add_many(folder: str, prefix: str) -> None:
    for n in range(15):
        _add_person(Store(Path(folder), lock_timeout=SAFETY), f"{prefix}{n}", f"F{n}")


def test_concurrent_writers_lose_no_update(tmp_path: Path) -> None:
    Store(tmp_path).init()
    workers = [_SPAWN.Process(target=_add_many, args=(str(tmp_path), p)) for p in "abc"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(SAFETY)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert len(Store(tmp_path).load().people) == 45


def test_removing_a_shards_last_article_removes_the_shard(tmp_path: Path) -> None:
    from credit_tracker.domain.models import ArticleRecord, FetchState, SourceKind, SourceSnapshot
    from credit_tracker.store.folder import ARTICLES, SNAPSHOTS, shard_of

    store = Store(tmp_path)
    store.init()
    gone, kept = "10.5555/gone", "10.5555/kept"
    assert shard_of(gone) != shard_of(kept)
    shot = SourceSnapshot(
        doi=gone, source=SourceKind.CROSSREF, state=FetchState.OK, fetched_at="2026-11-01T00:00Z"
    )
    with store.transaction() as records:
        for doi in (gone, kept):
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
        records.snapshots[gone] = [shot]
    shard = store.shard_path(ARTICLES, shard_of(gone))
    before = shard.read_bytes()
    other = store.shard_path(ARTICLES, shard_of(kept)).stat()
    with store.locked():
        records = store.load([gone])  # only its shard: the store is not loaded whole
        del records.articles[gone]
        store.save(records)
    assert not shard.exists() and shard.with_name(shard.name + ".bak").read_bytes() == before
    assert store.shard_path(ARTICLES, shard_of(kept)).stat().st_mtime_ns == other.st_mtime_ns
    after = Store(tmp_path).load()
    assert set(after.articles) == {kept} and after.snapshots[gone] == [shot]
    assert store.shard_path(SNAPSHOTS, shard_of(gone)).exists()  # the history is kept


@pytest.mark.parametrize("files", [5, 40])  # synced one by one; together (syncfs, on Linux)
def test_a_failure_in_a_batch_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: int
) -> None:
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.store import files as store_files

    store = Store(tmp_path)
    store.init()
    synced = []
    real_fsync = os.fsync

    def fails_at_the_third(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    def disk_full(fd: int) -> int:  # as syncfs(2) fails: -1, with errno set
        ctypes.set_errno(28)
        return -1

    monkeypatch.setattr(store_files.os, "fsync", fails_at_the_third)
    monkeypatch.setattr(store_files, "_syncfs", store_files._syncfs and disk_full)
    with (
        pytest.raises(StoreError, match="No space left on device"),
        store.transaction() as records,
    ):
        for n in range(files):
            doi = f"10.5555/batch.{n}"
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    monkeypatch.undo()
    assert not list(tmp_path.rglob("*.tmp"))
    assert Store(tmp_path).load().articles == {}  # nothing renamed: every file synced first


@pytest.mark.parametrize(
    "data",
    [
        {"b": [1, {"z": None, "a": True}], "a": {}, "c": [], "é": "ünïcødé – “quotes”"},
        {"text": "".join(chr(n) for n in range(0x20)) + '"\\/\x7f\u2028\u2029\ufeff\U0001f600'},
        {"big": 2**70, "neg": -3, "zero": 0, "false": False},
        {"float": 1e16, "small": 0.1},  # floats: the standard encoder's spelling
        {"1": "x", "10": "y", "2": "z"},
    ],
)
def test_the_canonical_json_is_exactly_json_dumps(data: dict[str, Any]) -> None:
    from credit_tracker.store.files import dump_json

    expected = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dump_json(data) == expected


def test_a_write_makes_a_hand_edited_file_canonical_again(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.init()
    _add_person(store, "zed", "Zamani")
    data = json.loads(store.team_path.read_text(encoding="utf-8"))
    by_hand = {
        "publishers": {},
        "people": {"zed": {"name": {"given": "Ana", "family": "Zamani"}, "id": "zed"}},
        "corrections": {},
        "acknowledgements": {},
    }
    store.team_path.write_text(json.dumps(by_hand, indent=4), encoding="utf-8")
    _add_person(store, "amy", "Alwan")
    text = store.team_path.read_text(encoding="utf-8")
    data["people"]["amy"] = {"id": "amy", "name": {"family": "Alwan", "given": "Ana"}}
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
