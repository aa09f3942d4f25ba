"""One person per human: onboarding links a member's iD-less papers to them, keeps the iD
Crossref registers, reports the same-name people it cannot settle; `person rename` moves every
reference; a roster sets the team up first. Through the CLI on Carl Boettiger's real Crossref
records (tests/data/fixtures/SOURCES.md, habanero)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.baseline import Baseline, BaselineEntry
from credit_tracker.store.baseline_file import read_baseline, write_baseline
from credit_tracker.store.folder import Store

BOETTIGER = "0000-0002-1642-628X"
TREEBASE = "10.1111/j.2041-210x.2012.00247.x"  # 2012: 'Carl Boettiger' without an iD
FORECAST = "10.1111/ele.14024"  # 2022: with his iD
SHINY = "10.1111/2041-210x.13501"  # 2020: with his iD
AIMMS = "10.5555/aimms-mentoring-2025"


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})


def _boettigers(folder: Path) -> list[tuple[str, str | None, bool]]:
    people = Store(folder).load_team().people.values()
    return sorted((p.id, p.orcid, p.team_member) for p in people if p.name.family == "Boettiger")


def test_a_member_named_by_id_is_one_person_on_his_papers_without_the_id(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    added = _run(runner, "records", "add", "--quiet", TREEBASE, FORECAST, "--members", BOETTIGER)
    assert added.exit_code == 0, added.output
    assert _boettigers(records_dir) == [("carl-boettiger", BOETTIGER, True)]
    records = Store(records_dir).load()
    on = [a.person for a in records.articles[TREEBASE].authors if "Boettiger" in a.printed.family]
    assert on == ["carl-boettiger"]


def test_named_by_id_and_by_name_is_one_member(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    added = _run(
        runner,
        "records",
        "add",
        "--quiet",
        TREEBASE,
        FORECAST,
        "--members",
        f"{BOETTIGER},Carl Boettiger",
    )
    assert added.exit_code == 0, added.output
    assert _boettigers(records_dir) == [("carl-boettiger", BOETTIGER, True)]


def test_a_member_named_by_name_keeps_the_id_crossref_registers(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    added = _run(
        runner, "records", "add", "--quiet", TREEBASE, FORECAST, "--members", "Carl Boettiger"
    )
    assert added.exit_code == 0, added.output
    assert _boettigers(records_dir) == [("carl-boettiger", BOETTIGER, True)]


def test_a_same_name_person_left_over_is_reported_with_the_merge_to_run(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    first = _run(runner, "records", "add", "--quiet", TREEBASE)  # no member named: a co-author
    assert first.exit_code == 0 and _boettigers(records_dir) == [("carl-boettiger", None, False)]
    second = _run(runner, "records", "add", "--quiet", FORECAST, "--members", BOETTIGER)
    assert second.exit_code == 0, second.output
    assert (
        "  possible duplicate: `credit-tracker person merge carl-boettiger-2 carl-boettiger`: "
        "both are named 'Carl Boettiger'; carl-boettiger-2 is a team member with ORCID iD "
        f"{BOETTIGER}; carl-boettiger is a co-author with no ORCID iD"
    ) in second.stderr.splitlines()
    merged = _run(runner, "person", "merge", "carl-boettiger-2", "carl-boettiger")
    assert merged.exit_code == 0, merged.output
    renamed = _run(runner, "person", "rename", "carl-boettiger-2", "carl-boettiger")
    assert renamed.exit_code == 0, renamed.output
    assert _boettigers(records_dir) == [("carl-boettiger", BOETTIGER, True)]


def test_rename_moves_bylines_acknowledgements_requests_and_the_baseline(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    before = json.loads(_run(runner, "check", "--format", "json").stdout)["findings"]
    ids = [f["id"] for f in before]
    assert _run(runner, "ack", ids[0], "--note", "asked").exit_code == 0
    assert _run(runner, "correction", "draft", AIMMS, "--author", "jane-illes").exit_code == 0
    baseline = tmp_path / "baseline.json"
    entry = BaselineEntry(doi=AIMMS, rule="name-initials", note="known", since="2025-06-01")
    write_baseline(baseline, Baseline(findings={ids[2]: entry}))
    renamed = _run(
        runner, "person", "rename", "Jane Illés", "jane-p-illes", "--baseline", str(baseline)
    )
    assert renamed.exit_code == 0, renamed.output
    assert renamed.stderr.splitlines()[0] == "renamed jane-illes to jane-p-illes"
    records = Store(example_records).load()
    assert "jane-illes" not in records.people and "jane-p-illes" in records.people
    assert "jane-illes" not in (example_records / "articles").joinpath("4ba.json").read_text()
    after = json.loads(_run(runner, "check", "--format", "json").stdout)
    new_ids = [f["id"] for f in after["findings"]]
    (acked,) = [a["finding"]["id"] for a in after["acknowledged"]]
    assert acked not in ids  # the finding's id follows the person's, and the ack with it
    assert after["summary"]["acknowledged"] == 1 and len(new_ids) == len(ids) - 1
    (request,) = records.corrections.values()
    assert request.id == f"{AIMMS}#jane-p-illes" and request.person == "jane-p-illes"
    assert set(request.finding_ids) <= set(_all_ids(after))
    (moved,) = read_baseline(baseline).findings
    assert moved in new_ids and moved != ids[2]
    taken = _run(runner, "person", "rename", "jane-p-illes", "nisreen-a-alwan")
    assert taken.exit_code == 2 and "nisreen-a-alwan is taken" in taken.stderr
    bad = _run(runner, "person", "rename", "jane-p-illes", "Jane Illés")
    assert bad.exit_code == 2 and "is not a person id" in bad.stderr


def _all_ids(report: dict) -> list[str]:
    return [f["id"] for f in report["findings"]] + [
        a["finding"]["id"] for a in report["acknowledged"]
    ]


def test_a_roster_sets_up_the_team_before_onboarding(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.synthetic.csv"  # invented roster rows, real people's names
    roster.write_text(
        "Name,ORCID iD,Member,Spellings\n"
        f'"Boettiger, Carl",{BOETTIGER},yes,C. Boettiger\n'
        "Dr Marcus Lapeyrolerie,,yes,\n"
        '"Chamberlain, Scott",,no,\n',
        encoding="utf-8",
    )
    imported = _run(runner, "person", "import", str(roster))
    assert imported.exit_code == 0, imported.output
    assert imported.stderr.splitlines() == [
        "carl-boettiger (Carl Boettiger): new team member; accepted spelling C. Boettiger",
        "marcus-lapeyrolerie (Marcus Lapeyrolerie): new team member",
        "scott-chamberlain (Scott Chamberlain): new co-author",
        "person import: 3 person(s) made or changed",
    ]
    again = _run(runner, "person", "import", str(roster))
    assert again.stderr == "person import: 0 person(s) made or changed\n"
    added = _run(runner, "records", "add", "--quiet", TREEBASE, FORECAST)
    assert added.exit_code == 0, added.output
    assert _boettigers(records_dir) == [("carl-boettiger", BOETTIGER, True)]
    bad = tmp_path / "bad.synthetic.csv"
    bad.write_text("Name,ORCID iD\nJane Illés,0000-0002-1825-0098\n", encoding="utf-8")
    refused = _run(runner, "person", "import", str(bad))
    assert refused.exit_code == 2 and f"{bad}:2: ORCID iD:" in refused.stderr


SAMPLE_ID = "0000-0002-1825-0097"  # ORCID's documented sample iD (a valid checksum, nobody's)


def test_a_roster_finds_people_by_id_then_by_name_and_sets_what_it_says(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.synthetic.csv"  # invented rows about the example's people
    roster.write_text(
        "name,orcid,member,spellings\n"
        f'"Illés, Jane",{SAMPLE_ID},no,\n'
        "Prof. Nisreen A Alwan,,,N. A. Alwan\n",
        encoding="utf-8",
    )
    first = _run(runner, "person", "import", str(roster))
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines() == [
        f"jane-illes (Jane Illés): ORCID iD {SAMPLE_ID}; now a co-author",
        "nisreen-a-alwan (Nisreen A Alwan): accepted spelling N. A. Alwan",
        "person import: 2 person(s) made or changed",
    ]
    # found by the iD first: another spelling of the name does not make a second person
    roster.write_text(f"name,ORCID iD,member\nJ. Illés-Smith,{SAMPLE_ID},yes\n", encoding="utf-8")
    second = _run(runner, "person", "import", str(roster))
    assert second.exit_code == 0, second.output
    assert second.stderr.splitlines()[0] == "jane-illes (Jane Illés): now a team member"
    people = Store(example_records).load_team().people
    assert len(people) == 15 and people["jane-illes"].orcid == SAMPLE_ID
    assert people["nisreen-a-alwan"].accepted_spellings == ["N. A. Alwan"]


def test_a_roster_with_one_bad_row_changes_nothing(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    team = example_records / "team.json"
    before = team.read_bytes()
    roster = tmp_path / "roster.synthetic.csv"
    for rows, error in (
        ("Name,Member\nAda Newcomer,yes\nBea Newcomer,perhaps\n", ":3: member: member 'perhaps'"),
        ("Name\nAda Newcomer\nMary Illés\nIllés\n", ":4: name: 'Illés' could be 2 people"),
    ):
        roster.write_text(rows, encoding="utf-8")
        refused = _run(runner, "person", "import", str(roster))
        assert refused.exit_code == 2 and f"{roster}{error}" in refused.stderr, refused.output
        assert team.read_bytes() == before


def test_a_refused_rename_changes_nothing_and_a_person_is_found_by_id(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    assert _run(runner, "person", "set-orcid", "jane-illes", SAMPLE_ID).exit_code == 0
    files = sorted(p for p in example_records.rglob("*.json") if ".index" not in p.parts)
    before = [p.read_bytes() for p in files]
    for new in ("nisreen-a-alwan", "Jane-Illes", "jane--illes"):
        refused = _run(runner, "person", "rename", SAMPLE_ID, new)
        assert refused.exit_code == 2, refused.output
        assert [p.read_bytes() for p in files] == before
    missing = tmp_path / "no-baseline-yet.json"  # a missing baseline is an empty one
    renamed = _run(
        runner, "person", "rename", SAMPLE_ID, "jane-p-illes", "--baseline", str(missing)
    )
    assert renamed.exit_code == 0, renamed.output
    assert not missing.exists()
    assert Store(example_records).load_team().people["jane-p-illes"].orcid == SAMPLE_ID
