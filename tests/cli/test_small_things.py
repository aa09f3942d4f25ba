"""The small stumbles of an office's day, each through the CLI on real recorded data: titles and
journals decoded, names typed 'Family, Given' or with a title, papers newest first, a request
about one author marked by its DOI, letters readable as .eml, an import summed up in a line."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.names import parse_display_name
from credit_tracker.domain.people import name_forms
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
BIG_DATA = "10.1177/2053951719836258"  # journal 'Big Data &amp; Society' as Crossref registers it
TREEBASE = "10.1111/j.2041-210x.2012.00247.x"  # title '<scp>T</scp>reebase: an <scp>R</scp> ...'
SHINY = "10.1111/2041-210x.13501"  # 2020, title 'A Shiny <scp>r</scp> app ...'
FORECAST = "10.1111/ele.14024"  # 2022


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})


def test_titles_and_journals_are_shown_decoded_wherever_they_are_shown(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    added = _run(
        runner, "records", "add", "--quiet", BIG_DATA, TREEBASE, "--members", "Boettiger, Carl"
    )
    assert added.exit_code == 0, added.output
    assert "Treebase: an R package for discovery" in added.stderr
    listed = _run(runner, "records", "list").stdout
    assert "Treebase: an R package" in listed and "<scp>" not in listed
    record = Store(records_dir).load().articles[BIG_DATA]
    assert record.journal == "Big Data & Society"
    shown = _run(runner, "person", "show", "carl-boettiger").stdout
    assert "Treebase: an R package" in shown and "&amp;" not in shown and "<scp>" not in shown


def test_names_typed_family_first_or_with_a_title_are_read_right(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    # before: 'Illés, Jane' gave the given name 'Illés,'; 'Dr Jane Illés' the given name 'Dr Jane'
    assert parse_display_name("Illés, Jane").model_dump() == {
        "given": "Jane",
        "family": "Illés",
        "particle": "",
        "suffix": "",
    }
    assert (
        parse_display_name("Prof. Nisreen A Alwan").given,
        parse_display_name("Prof. Nisreen A Alwan").family,
    ) == ("Nisreen A", "Alwan")
    assert ("Jane", "Illés") in [(f.given, f.family) for f in name_forms("Dr Jane Illés")]
    assert parse_display_name("Dean Smith").given == "Dean"  # a title only before two names
    added = _run(runner, "records", "add", "--quiet", FORECAST, "--members", "Boettiger, Carl")
    assert added.exit_code == 0, added.output
    assert "new team member: carl-boettiger" in added.stderr
    for query in ("Boettiger, Carl", "Dr Carl Boettiger", "Prof. Carl Boettiger"):
        shown = _run(runner, "person", "show", query)
        assert shown.exit_code == 0 and shown.stdout.startswith("carl-boettiger: "), query


def test_author_lists_papers_by_year_newest_first(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    dois = [TREEBASE, FORECAST, SHINY]  # 2012, 2022, 2020, in DOI order they are otherwise
    added = _run(runner, "records", "add", "--quiet", *dois, "--members", "0000-0002-1642-628X")
    assert added.exit_code == 0, added.output
    shown = _run(runner, "author", "carl-boettiger", "--format", "json")
    assert shown.exit_code == 0, shown.output
    view = json.loads(shown.stdout)
    assert [(p["doi"], p["year"]) for p in view["papers"]] == [
        (FORECAST, 2022),
        (SHINY, 2020),
        (TREEBASE, 2012),
    ]


def test_a_request_about_one_author_is_marked_by_its_doi(
    runner: CliRunner, example_records: Path
) -> None:
    assert _run(runner, "correction", "draft", AIMMS, "--author", "jane-illes").exit_code == 0
    marked = _run(runner, "correction", "mark", AIMMS, "sent", "--date", "2025-06-01")
    assert marked.exit_code == 0, marked.output
    request = Store(example_records).load_team().corrections[f"{AIMMS}#jane-illes"]
    assert request.state.value == "sent"


def test_marking_an_article_with_requests_about_two_authors_asks_which(
    runner: CliRunner, example_records: Path
) -> None:
    assert _run(runner, "correction", "draft", AIMMS, "--author", "jane-illes").exit_code == 0
    with Store(example_records).transaction() as records:  # as if a second author had errors
        first = records.corrections[f"{AIMMS}#jane-illes"]
        other = first.model_copy(
            update={"id": f"{AIMMS}#nidia-de-sousa", "person": "nidia-de-sousa"}
        )
        records.corrections[other.id] = other
    marked = _run(runner, "correction", "mark", AIMMS, "sent")
    assert marked.exit_code == 2
    assert "has requests about 2 authors (jane-illes, nidia-de-sousa); name one with --author" in (
        marked.stderr
    )


def test_the_eml_letter_is_readable_as_it_is(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    out = tmp_path / "request.eml"
    assert _run(runner, "correction", "draft", AIMMS, "--output", str(out)).exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert "Content-Transfer-Encoding: 8bit" in raw
    assert "Dear Editors," in raw and "Jane Illés" in raw  # the letter's own words, not base64
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    body = message.get_content().replace("\r\n", "\n")  # a message's lines end in CRLF
    assert body.startswith("Dear Editors,\n\nOn behalf of the authors") and "Illés" in body


def test_an_unchanged_import_is_one_line_and_a_dry_run_writes_nothing(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "aimms.csv"
    sheet.write_text(_run(runner, "records", "export", AIMMS).stdout, encoding="utf-8")
    again = _run(runner, "records", "import", AIMMS, str(sheet))
    assert again.exit_code == 0, again.output
    assert again.stderr == "records import: 1 unchanged, 0 changed, 0 created\n"
    changed = tmp_path / "changed.csv"
    changed.write_text(sheet.read_text(encoding="utf-8").replace("Illés", "Illes", 1))
    before = _files(example_records)
    dry = _run(runner, "records", "import", AIMMS, str(changed), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stderr.startswith(f"would replace the record for {AIMMS}")
    assert dry.stderr.endswith(
        "records import: 0 unchanged, 1 changed, 0 created (dry run: nothing written)\n"
    )
    assert _files(example_records) == before
    quiet = _run(runner, "records", "import", AIMMS, str(changed), "--quiet")
    assert quiet.stderr == "records import: 0 unchanged, 1 changed, 0 created\n"
    assert _files(example_records) != before


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if ".index" not in p.parts
    }
