"""Small edits through the CLI: roles and degrees, removing records, merging and removing people."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import ArticleRecord, Person, TeamAuthor
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import ARTICLES, Store, shard_of
from tests.conftest import FIXTURES

AIMMS = "10.5555/aimms-mentoring-2025"
EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
HEADER = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _run(runner: CliRunner, *args: str, code: int = 0) -> list[str]:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()


def _refused(runner: CliRunner, folder: Path, *args: str) -> str:
    """Run a command that must be refused: exit 2, one line, nothing written."""
    before = _tree(folder)
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("credit-tracker: error: "), lines
    assert _tree(folder) == before
    return lines[0].removeprefix("credit-tracker: error: ")


def _row(order: int, given: str, family: str, roles: str = "NA", orcid: str = "NA") -> str:
    cells = [str(order), given, "NA", family, *[roles] * 14, "NA", "NA", "NA", "NA", orcid]
    return ",".join([*cells, "NA", "FALSE", "NA"])


def _import(runner: CliRunner, tmp_path: Path, doi: str, *rows: str, members: str = "") -> None:
    table = tmp_path / f"{doi.rsplit('/', 1)[-1]}.synthetic.csv"
    table.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    extra = ["--members", members] if members else []
    result = runner.invoke(cli, ["records", "import", doi, str(table), *extra])
    assert result.exit_code == 0, result.output


def test_roles_and_degrees_one_command_each(runner: CliRunner, example_records: Path) -> None:
    assert _run(
        runner, "records", "set-roles", AIMMS, "Woodrow", "Methodology=lead", "software"
    ) == [f"{AIMMS}: Mirembe Woodrow: roles not recorded → Methodology (lead); Software"]
    assert _run(runner, "records", "add-role", AIMMS, "mirembe-woodrow", "Conceptualisation") == [
        f"{AIMMS}: Mirembe Woodrow: roles Methodology (lead); Software → Conceptualization; "
        "Methodology (lead); Software"
    ]
    assert _run(runner, "records", "add-role", AIMMS, "Woodrow M", "Software (supporting)") == [
        f"{AIMMS}: Mirembe Woodrow: roles Conceptualization; Methodology (lead); Software → "
        "Conceptualization; Methodology (lead); Software (supporting)"
    ]
    assert _run(runner, "records", "remove-role", AIMMS, "M. Woodrow", "Methodology") == [
        f"{AIMMS}: Mirembe Woodrow: roles Conceptualization; Methodology (lead); Software "
        "(supporting) → Conceptualization; Software (supporting)"
    ]
    assert _run(runner, "records", "remove-role", AIMMS, "Woodrow", "Methodology") == [
        f"{AIMMS}: no changes"
    ]
    assert _run(runner, "records", "set-roles", AIMMS, "Woodrow", "--none") == [
        f"{AIMMS}: Mirembe Woodrow: roles Conceptualization; Software (supporting) → none"
    ]
    record = Store(example_records).load().articles[AIMMS]
    assert record.authors[0].roles == []
    shown = runner.invoke(cli, ["records", "show", AIMMS]).stdout.splitlines()
    assert shown[2].startswith(  # the office's edit, on the day it was made
        "  1. Mirembe Woodrow [mirembe-woodrow]: no roles — edited by the office with 'records "
        "set-roles' on "
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["set-roles", AIMMS, "Woodrow", "Methodolgy"], "ROLE: 'Methodolgy' is not a CRediT role"),
        (["set-roles", AIMMS, "Woodrow", "Methodology=first"], "ROLE: 'first' is not a degree"),
        (["set-roles", AIMMS, "Nobody", "Software"], f"no author of {AIMMS} matches 'Nobody'"),
        (["set-roles", AIMMS, "Woodrow"], "ROLE: give the roles, or --none, or --not-recorded"),
        (["add-role", "10.5555/absent", "Woodrow", "Software"], "no record for 10.5555/absent"),
        (["add-role", "10.5555", "Woodrow", "Software"], "DOI: '10.5555' is not a DOI"),
        (["remove-role", AIMMS, "Woodrow", "Software"], "ROLE: Mirembe Woodrow's roles on"),
        (["remove", AIMMS, "10.5555/absent"], "no record for 10.5555/absent"),
    ],
)
def test_bad_edits_are_refused_whole(
    args: list[str], error: str, runner: CliRunner, example_records: Path
) -> None:
    assert _refused(runner, example_records, "records", *args).startswith(error)


def test_an_edit_writes_only_its_article_and_team_json(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    for n in range(12):
        _import(runner, tmp_path, f"10.5555/edit.{n}", _row(1, "Ana", f"Lima{n}"))
    before = _tree(records_dir)
    _run(runner, "records", "set-roles", "10.5555/edit.3", "Lima3", "Software")
    changed = {path for path, digest in _tree(records_dir).items() if before.get(path) != digest}
    shard = next(p for p in changed if p.startswith("articles/") and p.endswith(".json"))
    assert changed <= {"team.json", "team.json.bak", shard, shard + ".bak"}
    assert "10.5555/edit.3" in (records_dir / shard).read_text(encoding="utf-8")


def test_a_draft_ends_once_its_team_members_roles_are_recorded(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    doi = "10.1371/journal.pone.0289221"
    added = runner.invoke(cli, ["records", "add", doi, "--members", "Shum", "--quiet"])
    assert added.exit_code == 0, added.output
    assert _run(runner, "records", "set-roles", doi, "Shum", "Investigation")[1:] == [
        f"{doi}: roles recorded; no longer a draft"
    ]
    record = Store(records_dir).load().articles[doi]
    assert not record.draft and record.note is None
    assert "[draft" not in runner.invoke(cli, ["records", "list"]).stdout


def test_removing_a_record_keeps_history_and_people_until_removed(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _import(runner, tmp_path, "10.5555/gone", _row(1, "Ana", "Lima"), _row(2, "Bo", "Berg"))
    _import(runner, tmp_path, "10.5555/kept", _row(1, "Bo", "Berg"))
    error = _refused(runner, records_dir, "person", "remove", "Ana Lima")
    assert (
        error == "ana-lima is an author of 10.5555/gone; remove them from the record or merge "
        "them into another person first"
    )
    assert _run(runner, "records", "remove", "10.5555/gone") == [
        "removed 10.5555/gone: 2 author(s)"
    ]
    records = Store(records_dir).load()
    assert set(records.articles) == {"10.5555/kept"} and "ana-lima" in records.people
    shard = Store(records_dir).shard_path(ARTICLES, shard_of("10.5555/gone"))
    assert not shard.exists() and shard.with_name(f"{shard.name}.bak").exists()  # its last one
    assert _run(runner, "person", "remove", "Lima") == ["removed ana-lima (Ana Lima)"]
    assert "bo-berg is an author of 10.5555/kept" in _refused(
        runner, records_dir, "person", "remove", "bo-berg"
    )
    assert "ana-lima" not in Store(records_dir).load().people


def test_membership_one_command_each(runner: CliRunner, records_dir: Path, tmp_path: Path) -> None:
    _import(runner, tmp_path, "10.5555/m", _row(1, "Ana", "Lima"), _row(2, "Bo", "Berg"))
    assert _run(runner, "person", "set-member", "Lima", "bo-berg") == [
        "ana-lima: now a team member",
        "bo-berg: now a team member",
    ]
    assert _run(runner, "person", "unset-member", "Bo Berg") == [
        "bo-berg: now a co-author, not a team member"
    ]
    assert _run(runner, "person", "set-member", "ana-lima") == ["ana-lima: already a team member"]
    listed = runner.invoke(cli, ["person", "list", "--members"]).stdout
    assert listed == "ana-lima\tAna Lima\t\tmember\n"
    everyone = runner.invoke(cli, ["person", "list"]).stdout.splitlines()
    assert everyone == ["ana-lima\tAna Lima\t\tmember", "bo-berg\tBo Berg\t\tco-author"]


def _duplicate_of_jane(folder: Path) -> None:
    """A second record of Jane Illés, as a second table would have made it, on another article."""
    with Store(folder).transaction() as records:
        records.people["illes-jane"] = Person(
            id="illes-jane", name=PersonName(given="Jane", family="Illés"), team_member=False
        )
        records.articles["10.5555/second"] = ArticleRecord(
            doi="10.5555/second",
            title="A second article",
            authors=[
                TeamAuthor(person="illes-jane", printed=PersonName(given="J.", family="Illés"))
            ],
        )


def test_a_merge_moves_spellings_articles_acknowledgements_and_requests(
    runner: CliRunner, example_records: Path
) -> None:
    _duplicate_of_jane(example_records)
    _run(runner, "person", "add-former-name", "jane-illes", "Jane Kowalczyk")
    report = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    about_jane = [f for f in report["findings"] if f["author"]["person"] == "jane-illes"]
    acknowledged = about_jane[0]
    _run(runner, "ack", acknowledged["id"], "--note", "asked PLOS")
    drafted = runner.invoke(cli, ["correction", "draft", AIMMS, "--author", "jane-illes"])
    assert drafted.exit_code == 0, drafted.output
    result = runner.invoke(cli, ["person", "merge", "illes-jane", "jane-illes"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:4] == [
        "merged jane-illes into illes-jane",
        "illes-jane: 1 former name(s) (confidential, not shown)",
        "illes-jane: now a team member",
        f"{AIMMS} \u2018I cannot be what I don\u2019t see\u2019: an evaluation of Academic "
        "Intersectionality Mentoring in medical schools (AIMMS Mentoring): author 4 is now "
        "illes-jane",
    ]
    assert f"correction request {AIMMS}#jane-illes is now {AIMMS}#illes-jane" in lines
    assert any(
        line.startswith(f"acknowledgement {acknowledged['id']} is now ct-") for line in lines
    )
    assert "Kowalczyk" not in result.output
    after = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    acked = [a["finding"] for a in after["acknowledged"]]
    assert [(f["author"]["person"], f["rule"], f["source"]) for f in acked] == [
        ("illes-jane", acknowledged["rule"], acknowledged["source"])
    ]
    assert all(f["author"]["person"] != "jane-illes" for f in after["findings"])
    records = Store(example_records).load()
    assert "jane-illes" not in records.people
    kept = records.people["illes-jane"]
    assert kept.team_member and kept.former_names == ["Jane Kowalczyk"]
    assert records.articles[AIMMS].authors[3].person == "illes-jane"
    assert set(records.corrections) == {f"{AIMMS}#illes-jane"}
    assert runner.invoke(cli, ["author", "illes-jane"]).exit_code == 0


def test_a_merge_that_cannot_be_clean_writes_nothing(
    runner: CliRunner, example_records: Path
) -> None:
    _duplicate_of_jane(example_records)
    _run(runner, "person", "set-orcid", "illes-jane", "0000-0002-1825-0097")
    _run(runner, "person", "set-orcid", "jane-illes", "0000-0003-1444-9135")
    assert "two ORCID iDs are two people" in _refused(
        runner, example_records, "person", "merge", "illes-jane", "jane-illes"
    )
    assert "both authors of 10.5555/aimms-mentoring-2025" in _refused(
        runner, example_records, "person", "merge", "jane-illes", "mirembe-woodrow"
    )
    assert "could be 2 people: illes-jane (Jane Illés), jane-illes (Jane Illés)" in _refused(
        runner, example_records, "person", "merge", "Jane Illés", "mirembe-woodrow"
    )


def test_snapshots_of_a_removed_record_are_kept_for_when_it_comes_back(
    runner: CliRunner, example_records: Path
) -> None:
    shots = len(Store(example_records).load().snapshots[AIMMS])
    lines = _run(runner, "records", "remove", AIMMS)
    assert lines[0].startswith(f"removed {AIMMS} \u2018I cannot be") and lines[0].endswith(
        f": 15 author(s); kept {shots} snapshot(s)"
    )
    records = Store(example_records).load()
    assert AIMMS not in records.articles and len(records.snapshots[AIMMS]) == shots


def test_a_shard_holding_only_the_removed_record_is_rewritten(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _import(runner, tmp_path, "10.5555/alone", _row(1, "Ana", "Lima"))
    assert _run(runner, "records", "remove", "10.5555/alone") == [
        "removed 10.5555/alone: 1 author(s)"
    ]
    assert Store(records_dir).load().articles == {}
