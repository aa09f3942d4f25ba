"""Kills and Ctrl-C at moments defined by the program's progress: nothing saved is ever lost.

Each child runs in lockstep with the test hook (tests/stepping.py) and is killed or interrupted
while it waits at a named checkpoint; the assertions are what the README's guarantees say for
that moment.
"""

from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path

import pytest

from credit_tracker.domain.models import SourceKind
from credit_tracker.standin import Limits
from credit_tracker.store.folder import ARTICLES, Store, shard_of
from tests.cli.test_cli_records import AIMMS_TABLE
from tests.services.test_fetch import make_records
from tests.stepping import Stepped, cli_args

BATCH = 50
BEFORE_RENAME = ("write:temp-written", "write:temp-synced", "write:backup-kept")
AFTER_RENAME = ("write:renamed", "write:done")
MOMENTS = (*BEFORE_RENAME, *AFTER_RENAME)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fetched(folder: Path) -> set[str]:
    """The DOIs with a usable Crossref snapshot on disk (loading the store, which must work)."""
    return {
        doi
        for doi, history in Store(folder).load().snapshots.items()
        if any(s.usable and s.source is SourceKind.CROSSREF for s in history)
    }


def _usable(folder: Path) -> set[tuple[str, str]]:
    return {
        (doi, s.source.value)
        for doi, history in Store(folder).load().snapshots.items()
        for s in history
        if s.usable
    }


def _step_to(child: Stepped, name: str, nth: int) -> tuple[bool, dict[str, bytes | None]]:
    """Run the child to the `nth` checkpoint `name`; return whether it got there, and what each
    file it started writing held just before (read while the child waited at the checkpoint)."""
    before: dict[str, bytes | None] = {}
    seen = 0
    while (reached := child.next()) is not None:
        if reached[0] == "write:temp-written":
            before[reached[1]] = _read(Path(reached[1]))
        seen += reached[0] == name
        if seen == nth:
            return True, before
    return False, before


def _assert_write_guarantee(child: Stepped, before: dict[str, bytes | None]) -> None:
    """Killed before the rename: the old file is intact. After: the new file is complete and the
    one it replaced is its `.bak`."""
    moment, detail = child.passed[-1]
    if moment not in MOMENTS:
        return
    path = Path(detail)
    backup = _read(path.with_name(path.name + ".bak"))
    if moment in BEFORE_RENAME:
        assert _read(path) == before[detail], f"{path} changed before its rename"
        if moment == "write:backup-kept" and before[detail] is not None:
            assert backup == before[detail]
    else:
        now = _read(path)
        assert now is not None and now != before[detail], f"{path} was not replaced"
        json.loads(now)  # whole: it parses
        if before[detail] is not None:
            assert backup == before[detail]


def _saved_by_progress(child: Stepped, dois: list[str]) -> set[str]:
    """The DOIs the child reported saved, by the `fetch:batch-saved DONE/TOTAL` lines it passed."""
    done = [int(d.split("/")[0]) for name, d in child.passed if name == "fetch:batch-saved"]
    return set(sorted(dois)[: max(done, default=0)])


@pytest.fixture
def fetch_env(standin) -> dict[str, str]:
    standin.limits = Limits(rate={"list": 50, "single": 50}, concurrency=3)
    return {**os.environ, **standin.base_urls(), "CREDIT_TRACKER_BACKOFF": "0.01"}


@pytest.mark.parametrize("batches", [1, 2])
def test_a_fetch_killed_after_a_batch_was_saved_keeps_exactly_the_saved_batches(
    fetch_env, tmp_path: Path, batches: int
) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(3 * BATCH)]
    folder = tmp_path / "records"
    make_records(folder, dois)
    with Stepped(cli_args(folder, "fetch", "--quiet"), fetch_env) as child:
        assert child.run_to("fetch:batch-saved", batches), child.output()
        assert child.passed[-1][1] == f"{batches * BATCH}/{len(dois)}"
        child.kill()
    assert _fetched(folder) == set(sorted(dois)[: batches * BATCH])


def test_a_fetch_killed_at_each_kind_of_moment_loses_nothing(fetch_env, tmp_path: Path) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(3 * BATCH)]
    folder = tmp_path / "records"
    make_records(folder, dois)
    rng = random.Random(20261125)
    kept: set[tuple[str, str]] = set()
    for trial in range(30):
        moment = (*MOMENTS, "fetch:batch-saved")[trial % 6]
        nth = rng.randint(1, 2 * BATCH) if moment != "fetch:batch-saved" else rng.randint(1, 3)
        with Stepped(cli_args(folder, "fetch", "--quiet"), fetch_env) as child:
            reached, before = _step_to(child, moment, nth)
            if reached:
                child.kill()
                _assert_write_guarantee(child, before)
            else:  # the run ended first: everything is saved
                code, err = child.finish()
                assert code == 0, err
                assert _fetched(folder) == set(dois)
        assert _saved_by_progress(child, dois) <= _fetched(folder)
        now = _usable(folder)  # always loads
        assert kept <= now
        kept = now
    assert kept


def test_an_import_killed_at_each_kind_of_moment_is_whole_or_absent(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    store = Store(folder)
    store.init()
    imported: set[str] = set()
    for trial in range(30):
        # even trials import a new DOI; odd ones import the last one again under a new title,
        # replacing a file that exists (so that its old copy is kept as .bak)
        doi = f"10.5555/import.{trial - trial % 2}"
        title = f"Import {trial}"
        article = str(store.shard_path(ARTICLES, shard_of(doi)))
        moment = MOMENTS[trial % len(MOMENTS)]
        args = cli_args(folder, "records", "import", doi, str(AIMMS_TABLE), "--title", title)
        with Stepped(args, dict(os.environ)) as child:
            reached, before = _step_to(child, moment, 1)
            if reached:
                child.kill()
                _assert_write_guarantee(child, before)
            else:
                code, err = child.finish()
                assert code == 0, err
        records = Store(folder).load()
        assert imported <= set(records.articles)
        assert all(len(r.authors) == 15 for r in records.articles.values())  # whole or none
        replaced = ("write:renamed", article) in child.passed or not reached
        record = records.articles.get(doi)
        assert (record is not None and record.title == title) == replaced
        imported = set(records.articles)
    assert imported


def test_ctrl_c_after_a_batch_exits_130_with_the_saved_batches_kept(
    fetch_env, tmp_path: Path
) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(3 * BATCH)]
    folder = tmp_path / "records"
    make_records(folder, dois)
    with Stepped(cli_args(folder, "fetch", "--quiet"), fetch_env) as child:
        assert child.run_to("fetch:batch-saved", 1), child.output()
        child.process.send_signal(signal.SIGINT)
        code, err = child.finish()
    assert code == 130, err
    assert "Traceback" not in err
    saved = _saved_by_progress(child, dois)
    assert set(sorted(dois)[:BATCH]) <= saved < set(dois)  # the interrupt ended the run
    assert (
        f"credit-tracker: interrupted; {len(saved)} of {3 * BATCH} article(s) fetched and saved; "
        "run the same command again to continue" in err
    )
    assert _fetched(folder) == saved


def test_ctrl_c_during_a_write_leaves_the_old_file_and_no_temporary_file(
    fetch_env, tmp_path: Path
) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(2 * BATCH)]
    folder = tmp_path / "records"
    make_records(folder, dois)
    with Stepped(cli_args(folder, "fetch", "--quiet"), fetch_env) as child:
        reached, before = _step_to(child, "write:temp-synced", 3)
        assert reached, child.output()
        path = child.passed[-1][1]
        child.process.send_signal(signal.SIGINT)
        code, err = child.finish()
    assert code == 130, err
    assert _read(Path(path)) == before[path]
    assert not list(folder.rglob("*.tmp"))
    # interrupted inside the first batch: at most that batch's files that were already replaced
    assert _fetched(folder) <= set(sorted(dois)[:BATCH])
