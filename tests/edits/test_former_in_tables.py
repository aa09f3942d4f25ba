"""A team's own table, record or typed printed name that spells a person by a confidential former
name is refused, naming the row and the person but never the name; a draft from Crossref that
prints a former name keeps the name used now, so the check reports the print.

The tables here are made in the test (synthetic), over a copy of the shipped example records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store
from tests.parse.test_team_table import COLUMNS, TAIL

AIMMS = "10.5555/aimms-mentoring-2025"
FORMER = "Kowalczyk"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".index" not in p.parts and p.name != ".lock"
    }


@pytest.fixture
def former(example_records: Path, runner: CliRunner) -> Path:
    """Jane Illés, a team member, was Jane Kowalczyk."""
    added = runner.invoke(cli, ["person", "add-former-name", "jane-illes", f"Jane {FORMER}"])
    assert added.exit_code == 0, added.output
    return example_records


def _team_table(tmp_path: Path, given: str, family: str) -> Path:
    rows = [["1", "Ana", "NA", "Berg"], ["2", given, "NA", family]]
    lines = [",".join(["DOI", *COLUMNS])] + [
        ",".join(["10.5555/former-table", *row, *(["FALSE"] * 14), *TAIL]) for row in rows
    ]
    path = tmp_path / "team.synthetic.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _refused(result: object, where: str) -> str:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"credit-tracker: error: {where}: "), line
    assert "a confidential former name of jane-illes" in line and FORMER not in line
    return line


@pytest.mark.parametrize("spelled", [("Jane", FORMER), ("J.", FORMER)], ids=["whole", "initial"])
def test_a_table_row_spelling_a_former_name_is_refused_naming_the_row(
    former: Path, runner: CliRunner, tmp_path: Path, spelled: tuple[str, str]
) -> None:
    before = _tree(former)
    table = _team_table(tmp_path, *spelled)
    result = runner.invoke(cli, ["records", "import", str(table)])
    _refused(result, f"{table}:3: Surname")
    assert _tree(former) == before


def test_a_row_spelling_someone_elses_former_name_never_names_it_either(
    former: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """Jane is no member here: the row would become a new co-author named by her former name."""
    assert runner.invoke(cli, ["person", "unset-member", "jane-illes"]).exit_code == 0
    before = _tree(former)
    table = _team_table(tmp_path, "Jane", FORMER)
    _refused(runner.invoke(cli, ["records", "import", str(table)]), f"{table}:3: Surname")
    assert _tree(former) == before


def test_an_exported_record_holding_a_former_name_is_refused(
    former: Path, runner: CliRunner, tmp_path: Path
) -> None:
    exported = runner.invoke(cli, ["records", "export", AIMMS, "--format", "json"])
    record = json.loads(exported.stdout)
    n = next(i for i, a in enumerate(record["authors"]) if a["person"] == "jane-illes")
    record["authors"][n]["printed"]["family"] = FORMER
    path = tmp_path / "aimms.synthetic.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    before = _tree(former)
    result = runner.invoke(cli, ["records", "import", str(path)])
    _refused(result, f"{path}: authors.{n}.printed")
    assert _tree(former) == before


def test_set_printed_refuses_a_former_name(former: Path, runner: CliRunner) -> None:
    before = _tree(former)
    for given in ("Jane", "J."):
        args = ["records", "set-printed", AIMMS, "jane-illes", "--given", given, "--family", FORMER]
        _refused(runner.invoke(cli, args), "--family")
    assert _tree(former) == before


def test_a_crossref_draft_printing_a_former_name_keeps_the_name_used_now(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from credit_tracker.standin import synthetic_work
    from tests.services.test_harvest_orcid import _member_with_a_former_name

    _member_with_a_former_name(runner, tmp_path)
    doi = "10.5555/synthetic.former"
    work = synthetic_work(doi)
    work["author"] = [
        {"given": "C.", "family": "Oldname", "ORCID": "https://orcid.org/0000-0002-1642-628X"}
    ]
    monkeypatch.setattr(standin.catalogue, "works", {doi: work})
    added = runner.invoke(cli, ["harvest", "--add"])
    assert added.exit_code == 0, added.output
    record = Store(records_dir).load([doi]).articles[doi]
    assert [a.printed.display() for a in record.authors] == ["Carl Boettiger"]
    for args in (["records", "show", doi], ["records", "export", doi], ["author", "Boettiger"]):
        shown = runner.invoke(cli, args)
        assert shown.exit_code == 0 and "Oldname" not in shown.output, args
