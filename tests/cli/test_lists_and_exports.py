"""Lists for people and scripts (`--format text|csv|json`), and the whole team as one sheet that
`records import` reads back unchanged; through the CLI on the shipped example and real Crossref
records served by the stand-in."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
PLUIJM = "10.1371/journal.pbio.0050002"  # 17 authors, particles, no ORCID iDs
SHUM = "10.1371/journal.pone.0289221"  # 5 authors, ORCID iDs


def _run(runner: CliRunner, *args: str):
    result = runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    ("command", "fields"),
    [
        (("records", "list"), ["doi", "year", "title", "journal", "authors", "draft", "sources"]),
        (("person", "list"), ["id", "name", "given", "family", "orcid", "member"]),
        (
            ("correction", "list", "--as-of", "2025-06-15"),
            ["id", "doi", "person", "state", "kinds", "sent", "stale_on", "detail"],
        ),
    ],
    ids=["records", "person", "correction"],
)
def test_each_list_is_text_csv_or_json_with_the_same_rows(
    command: tuple[str, ...], fields: list[str], runner: CliRunner, example_records: Path
) -> None:
    _run(runner, "correction", "draft", AIMMS)
    _run(runner, "correction", "mark", AIMMS, "sent", "--date", "2025-06-01")
    text = _run(runner, *command).stdout.splitlines()
    as_json = json.loads(_run(runner, *command, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(_run(runner, *command, "--format", "csv").stdout)))
    assert len(text) == len(as_json) == len(rows) > 0
    assert [list(item) for item in as_json] == [fields] * len(as_json)
    assert list(rows[0]) == fields
    key = fields[0]
    assert [r[key] for r in rows] == [item[key] for item in as_json]
    assert [line.split("\t")[0] for line in text] == [item[key] for item in as_json]


def test_the_lists_say_what_a_script_needs(runner: CliRunner, example_records: Path) -> None:
    _run(runner, "correction", "draft", AIMMS)
    _run(runner, "correction", "mark", AIMMS, "sent", "--date", "2025-06-01")
    (article,) = json.loads(_run(runner, "records", "list", "--format", "json").stdout)
    assert (article["doi"], article["year"], article["draft"]) == (AIMMS, None, False)
    assert article["authors"] == 15 and article["sources"][0].startswith("jats ok ")
    people = json.loads(_run(runner, "person", "list", "--format", "json").stdout)
    illes = next(p for p in people if p["id"] == "jane-illes")
    assert (illes["given"], illes["family"], illes["member"]) == ("Jane", "Illés", True)
    (request,) = json.loads(
        _run(runner, "correction", "list", "--as-of", "2025-06-15", "--format", "json").stdout
    )
    assert (request["state"], request["sent"], request["stale_on"]) == (
        "sent",
        "2025-06-01",
        "2025-08-01",
    )
    assert request["kinds"] == ["metadata", "contributions"] and request["person"] is None


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_team_sheet_imports_back_unchanged(
    extension: str, standin, runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    _run(runner, "records", "add", "--quiet", PLUIJM, SHUM)
    sheet = tmp_path / f"team.{extension}"
    exported = _run(runner, "records", "export", "--all", "--output", str(sheet))
    assert exported.stderr == "exported 3 article(s) as one sheet\n"
    before = Store(example_records).load()
    again = _run(runner, "records", "import", str(sheet))
    assert again.stderr == "records import: 3 unchanged, 0 changed, 0 created\n"
    assert Store(example_records).load().articles == before.articles
    fresh = tmp_path / "fresh"
    Store(fresh).init()
    into = _run(runner, "--records", str(fresh), "records", "import", str(sheet))
    assert into.stderr.endswith("records import: 0 unchanged, 0 changed, 3 created\n")
    copied = Store(fresh).load().articles
    for doi, record in before.articles.items():
        assert [a.printed for a in copied[doi].authors] == [a.printed for a in record.authors]
        assert [a.roles for a in copied[doi].authors] == [a.roles for a in record.authors]


def test_an_xlsx_sheet_needs_a_file_and_one_article_needs_its_formats(
    runner: CliRunner, example_records: Path
) -> None:
    for args, message in (
        (["records", "export", "--all", "--format", "xlsx"], "needs --output FILE.xlsx"),
        (["records", "export", AIMMS, "--format", "xlsx"], "--format xlsx is for --all"),
        (["records", "export", "--all", "--format", "jats"], "--all writes csv or xlsx"),
        (["records", "export"], "name the article's DOI, or give --all"),
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2 and message in result.stderr, args
