"""JSON nested deeper than a reader follows is one line naming the file, exit 2 for what the user
gives (a baseline, an exported record, the desk's upload) and 3 for the records' own files
(team.json, office.json, a shard), never a RecursionError. The nested files are synthetic,
written by the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.json_depth import MAX_DEPTH, loads
from credit_tracker.store.folder import ARTICLES, shard_of
from tests.desk.test_desk import AIMMS, make_client, upload_refused

DEEP = 100_000
"""Far past what json.loads follows (about a thousand levels): 200 KB of brackets."""


def _nested(levels: int, inner: str = "1") -> str:
    return "[" * levels + inner + "]" * levels


def _one_line(result: object, code: int, names: str) -> str:
    assert result.exit_code == code, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"credit-tracker: error: {names}"), line
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    return line


def test_loads_says_where_the_nesting_went_too_deep() -> None:
    assert loads(_nested(50)) == json.loads(_nested(50))
    with pytest.raises(json.JSONDecodeError) as refused:
        loads(f'{{"a": "[[[", "b": {_nested(DEEP)}}}')
    assert refused.value.msg == f"nested more than {MAX_DEPTH} levels deep"
    # the object is level 1, the brackets in the string are no levels: level 513 is the 512th [
    assert refused.value.colno == len('{"a": "[[[", "b": ') + MAX_DEPTH


def test_a_deep_baseline_is_one_line_exit_2(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "baseline.synthetic.json"
    path.write_text(_nested(DEEP), encoding="utf-8")
    for command in ("check", "nightly"):
        line = _one_line(runner.invoke(cli, [command, "--baseline", str(path)]), 2, f"{path}:1:")
        assert "nested more than 512 levels deep" in line


@pytest.mark.parametrize(("levels", "says"), [(DEEP, "not valid JSON"), (40, "nested more than")])
def test_a_deep_exported_record_is_one_line_exit_2(
    example_records: Path, runner: CliRunner, tmp_path: Path, levels: int, says: str
) -> None:
    path = tmp_path / "record.synthetic.json"
    path.write_text(f'{{"doi": "10.5555/deep", "authors": {_nested(levels)}}}', encoding="utf-8")
    line = _one_line(runner.invoke(cli, ["records", "import", str(path)]), 2, str(path))
    assert says in line


@pytest.mark.parametrize("levels", [DEEP, 300], ids=["past-json", "past-pydantic-core"])
def test_deep_records_files_are_one_line_exit_3(
    example_records: Path, runner: CliRunner, levels: int
) -> None:
    team = example_records / "team.json"
    shard = example_records / ARTICLES / f"{shard_of(AIMMS)}.json"
    office = example_records / "office.json"
    cases = [
        (team, f'{{"people": {_nested(levels)}}}', ["person", "list"]),
        (shard, f'{{"articles": {{"1": {_nested(levels)}}}}}', ["records", "list"]),
        (office, _nested(levels, "{}"), ["correction", "draft", AIMMS]),
    ]
    for path, text, args in cases:
        kept = path.read_bytes() if path.exists() else None
        path.write_text(text, encoding="utf-8")
        _one_line(runner.invoke(cli, args), 3, str(path))
        if kept is None:
            path.unlink()
        else:
            path.write_bytes(kept)


def test_a_deep_index_file_is_rebuilt(example_records: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["author", "jane-illes"]).exit_code == 0  # builds the index
    (example_records / ".index" / "stamps.json").write_text(_nested(DEEP), encoding="utf-8")
    again = runner.invoke(cli, ["author", "jane-illes", "--format", "json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["person"]["id"] == "jane-illes"


def test_the_desks_json_upload_is_refused_beside_the_field(example_records: Path) -> None:
    upload = f'{{"doi": "10.5555/deep", "authors": {_nested(DEEP)}}}'.encode()
    with make_client(example_records) as desk:
        error = upload_refused(desk, "record.synthetic.json", upload, "application/json")
    assert "nested more than 512 levels deep" in error
