"""The benchmark's synthetic store is in the store's format, and the check at scale streams it."""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from pathlib import Path

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import check_articles, run_check, shard_items
from credit_tracker.store.folder import Store
from tests.conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("make_store", ROOT / "bench" / "make_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_store_round_trips_byte_for_byte(tmp_path: Path) -> None:
    folder = _generator().generate(tmp_path / "store", articles=300, authors=8)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    store = Store(folder)
    with store.transaction() as records:  # a full load and save rewrites nothing
        assert len(records.articles) == 300
    assert store.bytes_written == 0
    comparison = filecmp.dircmp(folder, copy, ignore=[".lock"])
    assert not comparison.diff_files and not comparison.left_only
    assert "Synthetic" in (folder / "SYNTHETIC.md").read_text()


def test_streamed_check_equals_the_in_memory_check(tmp_path: Path) -> None:
    store = Store(_generator().generate(tmp_path / "store", articles=400, authors=8))
    records = store.load()
    whole = run_check(records, sorted(records.articles), FailPolicy())
    streamed = check_articles(
        store.load_team(), shard_items(store.shards(), store.read_shard), FailPolicy()
    )
    assert streamed.model_dump() == whole.model_dump()
    # one article in 20 carries each deliberate flaw; names and order are wrong in both sources,
    # which is one finding each (with both sources)
    assert whole.summary.by_rule == {"author-order": 20, "name-spelling": 20, "role-missing": 20}


def test_the_parallel_check_equals_the_serial_one(tmp_path: Path, monkeypatch) -> None:
    from credit_tracker.services import pool as check

    store = Store(_generator().generate(tmp_path / "store", articles=300, authors=8))
    serial = check.check_shards(
        store.load_team(), store.shards(), store.read_shard, FailPolicy(), workers=1
    )
    monkeypatch.setattr(check, "PARALLEL_FROM", 1)
    parallel = check.check_shards(
        store.load_team(), store.shards(), store.read_shard, FailPolicy(), workers=2
    )
    assert serial.summary.findings == 45
    assert parallel.model_dump() == serial.model_dump()
