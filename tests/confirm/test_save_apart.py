"""An import that changes hundreds of shards works out their new text on every core (forked
workers) from the bytes read under the lock: the same bytes as a save that reads each shard
again and works it out here, and the lock still held when the workers have ended."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from credit_tracker.services import forked, session
from credit_tracker.services.forked import can_fork
from credit_tracker.store.folder import shard_of
from credit_tracker.store.lock import LOCK_FILE
from tests.store.test_held_bytes import answered, files_of, save_reading_again, store_pair

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Saves of two shards or more spread over forked workers; each spread's shard count."""
    monkeypatch.setattr(session, "SAVED_APART_FROM", 2)
    spread: list[int] = []
    real = forked.forked

    def counted(work, chunks, workers, **state) -> Iterator:
        spread.append(sum(map(len, chunks)))
        return real(work, chunks, workers, **state)

    monkeypatch.setattr(forked, "forked", counted)
    return spread


def test_shards_worked_out_apart_are_the_bytes_worked_out_here(
    tmp_path: Path, forks: list[int]
) -> None:
    apart, here, dois = store_pair(tmp_path)
    save_reading_again(here, dois)
    with session.editing_articles(apart, dois) as records:
        answered(records, dois)
    assert forks == [len({shard_of(doi) for doi in dois})]  # every shard, on the workers
    assert files_of(apart.root) == files_of(here.root)


def test_the_records_stay_locked_while_and_after_the_workers_work(
    tmp_path: Path, forks: list[int]
) -> None:
    """The workers inherit the lock's descriptor; ending, they must not let the lock go."""
    apart, _here, dois = store_pair(tmp_path)
    with apart.locked():
        records = apart.load([])
        apart.load_articles(records, dois)
        answered(records, dois)
        apart.save(records, only=dois, spread=session.on_every_core)
        assert forks, "the save was not spread"
        assert not _free(apart.root)  # its workers have ended; the lock is still held
    assert _free(apart.root)


def _free(root: Path) -> bool:
    """Whether another holder could take the records' lock now (a lock of its own)."""
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)
