"""The store: deterministic files, atomic writes, one write per operation, locks, corrupt files."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from credit_tracker.domain.errors import StoreError, StoreLockedError
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import Store
from credit_tracker.store.tinydb_files import CanonicalJSONStorage


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
    # document ids are stable: the first person keeps id 1 although the second sorts first
    assert data["people"]["1"]["id"] == "zed" and data["people"]["2"]["id"] == "amy"


def test_one_write_per_operation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)
    store.init()
    writes: list[str] = []
    original = CanonicalJSONStorage.write
    monkeypatch.setattr(
        CanonicalJSONStorage,
        "write",
        lambda self, data: (writes.append(self.path.name), original(self, data)),
    )
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
    store.team_path.write_text('{\n  "people": {\n    "1": {"id": "a",,}\n', encoding="utf-8")
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
                "people": {"1": {"id": "a", "name": {"given": "A"}}},
                "acknowledgements": {},
            }
        )
    )
    with pytest.raises(StoreError, match=r"table people, document 1, field name\.family"):
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
        with pytest.raises(StoreLockedError, match="another credit-tracker process"):
            _add_person(Store(tmp_path, lock_timeout=0.3), "a", "Alwan")
    finally:
        release.set()
        holder.join(SAFETY)
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
