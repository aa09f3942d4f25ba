"""A records folder written by an earlier version: it is read, checked and written back as then."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import SourceSnapshot
from credit_tracker.domain.problems import Note, TranslationDiffers, Unread
from credit_tracker.store.folder import Store
from tests.conftest import DATA

V0_1_0 = DATA / "store-v0.1.0.derived"  # see its NOTE.md


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    shutil.copytree(V0_1_0 / "records", folder)
    return folder


def test_a_store_written_by_0_1_0_is_checked_as_0_1_0_checked_it(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = _copy(tmp_path)
    args = ["--records", str(folder), "check", "--format", "json", "--as-of", "2026-03-01"]
    result = runner.invoke(cli, [*args, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    expected = json.loads((V0_1_0 / "check.json").read_text(encoding="utf-8"))
    report = json.loads(result.stdout)
    # what 0.1.0 did not report: where each article's roles could be read (its snapshots say
    # neither where they were read nor the publisher's name)
    coverage = report.pop("coverage")
    assert report == expected
    assert [p["publisher"] for p in coverage["publishers"]] == ["DOI prefix 10.1590"]


def test_its_snapshots_are_written_back_as_they_were_stored() -> None:
    """Every stored snapshot, problems and all, reads into the model and out to the same JSON:
    a folder shared with a 0.1.0 nightly job stays readable by it."""
    stored = [
        entry
        for shard in sorted((V0_1_0 / "records" / "snapshots").glob("*.json"))
        for table in json.loads(shard.read_text(encoding="utf-8")).values()
        for item in table.values()
        for entry in item["history"]
    ]
    assert {len(entry.get("problems", [])) for entry in stored} == {1, 3}
    for entry in stored:
        shot = SourceSnapshot.model_validate(entry)
        assert shot.model_dump(mode="json", exclude_defaults=True) == entry


def test_its_problems_are_read_by_kind(tmp_path: Path) -> None:
    """The text 0.1.0 stored is read once, into the kind of problem it is."""
    records = Store(_copy(tmp_path)).load()
    (history,) = records.snapshots.values()
    read = [(type(p), getattr(p, "position", None)) for s in history for p in s.problems]
    assert read == [
        (TranslationDiffers, None),  # the translation lacks an author: about no one
        (TranslationDiffers, 1),
        (Note, None),
        (Unread, None),
        (Unread, None),
    ]
    assert history[1].problems[0].text.startswith("the pt translation lists Resources")
