"""The bad-input corpus: each case exits 2 (3 for a corrupt store), one clear line, no change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from tests.conftest import DATA

CORPUS = DATA / "bad"
CASES = [
    json.loads(line) for line in (CORPUS / "cases.jsonl").read_text(encoding="utf-8").splitlines()
]


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the records tree (team.json, articles/ and snapshots/ shards, sources/, any
    .bak) by relative path, with its SHA-256: a write anywhere below the folder shows."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_the_corpus_has_at_least_100_cases() -> None:
    assert len(CASES) >= 100
    assert all(
        (CORPUS / "files" / c["case"]).exists() for c in CASES if "{file}" in " ".join(c["args"])
    )


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case: dict, example_records: Path, runner: CliRunner) -> None:
    path = str(CORPUS / "files" / case["case"])
    args = [arg.replace("{file}", path) for arg in case["args"]]
    before = _fingerprint(example_records)
    result = runner.invoke(cli, args)
    assert result.exit_code == case["exit"], result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    expected = "credit-tracker: error: " + case["error"].replace("{file}", path)
    assert lines[0].startswith(expected), f"\n{lines[0]}\n{expected}"
    assert _fingerprint(example_records) == before


def test_the_fingerprint_sees_a_write_into_a_shard(example_records: Path) -> None:
    before = _fingerprint(example_records)
    assert {"team.json", "articles/4ba.json", "snapshots/4ba.json"} <= set(before)
    shard = example_records / "snapshots" / "4ba.json"
    shard.write_bytes(shard.read_bytes() + b" ")
    assert _fingerprint(example_records) != before


def test_a_very_large_table_is_refused(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.synthetic.csv"
    huge.write_bytes(b"x" * (6 * 1024 * 1024))
    result = runner.invoke(cli, ["records", "import", "10.5555/big", str(huge)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"credit-tracker: error: {huge}: the file is larger than 5 MiB; "
        "a contributors table is far smaller\n"
    )
