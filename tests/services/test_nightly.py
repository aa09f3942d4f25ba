"""`credit-tracker nightly` over several simulated nights against the stand-in.

The publisher "fixes" and "reverts" an article by the stand-in serving changed JATS while
Crossref stays the same. Every day the run judges is given (--as-of, ack --date): the baseline's
dates never come from the wall clock, and no assertion reads a snapshot's time.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from click.testing import CliRunner

from credit_tracker.cli import cli
from tests.conftest import DATA

PONE = "10.1371/journal.pone.0185809"
PBIO = "10.1371/journal.pbio.2002399"
JUNIT_SCHEMA = xmlschema.XMLSchema(DATA / "junit" / "junit-10.xsd")
HALLMANN_ROLES = [
    "Conceptualization",
    "Formal analysis",
    "Investigation",
    "Methodology",
    "Software",
    "Validation",
    "Visualization",
    "Writing – original draft",
    "Writing – review & editing",
]
ROLE = '<role content-type="http://credit.casrai.org/">{}</role>'
HALLMANN = "<given-names>Caspar A.</given-names></name>\n"


def _ok(result, code: int = 0):
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _night(runner: CliRunner, tmp_path: Path, day: str, *extra: str):
    """One night's run with every report; returns the result and the parsed reports."""
    out = tmp_path / day
    out.mkdir()
    result = runner.invoke(
        cli,
        [
            "nightly",
            "--as-of",
            day,
            "--baseline",
            str(tmp_path / "baseline.json"),
            "--junit",
            str(out / "report.xml"),
            "--json",
            str(out / "report.json"),
            "--summary",
            str(out / "summary.md"),
            "--github",
            *extra,
        ],
    )
    return result, out


def _cases(junit: Path) -> dict[str, str]:
    """Each test case's name → 'failure', 'skipped', 'error' or 'pass'."""
    JUNIT_SCHEMA.validate(str(junit))
    verdicts = {}
    for case in ElementTree.parse(junit).iter("testcase"):
        kinds = [child.tag for child in case if child.tag != "system-out"]
        verdicts[f"{case.get('classname')} {case.get('name')}"] = kinds[0] if kinds else "pass"
    return verdicts


@pytest.fixture
def team(fast_xml, runner: CliRunner, records_dir: Path):
    """Two PLOS articles: Hallmann recorded with one role the XML lacks (a role-missing error),
    and Rodríguez-Esteban with Software, which the XML does not list either."""
    _ok(runner.invoke(cli, ["records", "add", PONE, PBIO, "--members", "Caspar A. Hallmann"]))
    roles = [*HALLMANN_ROLES, "Funding acquisition"]
    _ok(runner.invoke(cli, ["records", "set-roles", PONE, "Hallmann", *roles]))
    _ok(runner.invoke(cli, ["records", "set-roles", PBIO, "Rodríguez-Esteban", "Methodology"]))
    _ok(runner.invoke(cli, ["records", "add-role", PBIO, "Rodríguez-Esteban", "Software"]))
    return fast_xml


def _publisher_adds_funding(standin, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The publisher fixes Hallmann's roles in the article XML alone (Crossref unchanged)."""
    original = standin.catalogue.xml[PONE]
    text = original.decode("utf-8")
    # the first is the byline's <contrib> (the reference list names him too)
    fixed = text.replace(HALLMANN, HALLMANN + ROLE.format("Funding acquisition") + "\n", 1)
    monkeypatch.setitem(standin.catalogue.xml, PONE, fixed.encode("utf-8"))
    return original


def test_nights_new_baselined_acknowledged_fixed_and_reverted(
    team, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    # Night 1: two new errors fail the run; every author of both articles is a test case.
    first, out = _night(runner, tmp_path, "2026-03-01")
    _ok(first, 1)
    report = json.loads((out / "report.json").read_text())
    by_rule = {(f["doi"], f["rule"]): f["id"] for f in report["findings"]}
    pone_id, pbio_id = by_rule[(PONE, "role-missing")], by_rule[(PBIO, "role-missing")]
    cases = _cases(out / "report.xml")
    assert len(cases) == 12 + 1 + 5 + 1  # authors and each article's own case
    assert cases[f"{PONE} 1. Caspar A. Hallmann: role-missing [jats] {pone_id}"] == "failure"
    assert cases[f"{PONE} 2. Martin Sorg"] == "pass" and cases[f"{PONE} article"] == "pass"
    assert sorted(cases.values()).count("failure") == 2
    assert first.stdout.count("::error title=role-missing") == 2
    summary = (out / "summary.md").read_text()
    assert summary.startswith("# credit-tracker check\n\n| failing |")
    assert "## New findings (2)" in summary and f"`{pone_id}`" in summary
    assert not baseline.exists()  # nothing is ever added to a baseline by the nightly run

    # The team acknowledges one and baselines the other.
    _ok(runner.invoke(cli, ["ack", pbio_id, "--note", "asked PLOS", "--date", "2026-03-01"]))
    updated = runner.invoke(
        cli, ["check", "--baseline", str(baseline), "--update-baseline", "--as-of", "2026-03-01"]
    )
    _ok(updated)
    assert list(json.loads(baseline.read_text())["findings"]) == [pone_id]

    # Night 2: both known; nothing fails; JUnit skips both with their notes. Both articles'
    # XML is read again although Crossref shows no change and the copies are a day old.
    team.reset_counts()
    second, out = _night(runner, tmp_path, "2026-03-02")
    _ok(second)
    assert team.counts.get("plos") == 2
    cases = _cases(out / "report.xml")
    assert "failure" not in cases.values()
    junit = (out / "report.xml").read_text()
    assert 'message="acknowledged: asked PLOS"' in junit
    assert 'message="acknowledged: baseline since 2026-03-01: known when the baseline' in junit
    assert "::error" not in second.stdout
    assert "## New findings: none" in (out / "summary.md").read_text()

    # Night 3: the publisher fixes the XML alone; the fix is seen that night and dated.
    original = _publisher_adds_funding(team, monkeypatch)
    third, out = _night(runner, tmp_path, "2026-03-03")
    _ok(third)
    report = json.loads((out / "report.json").read_text())
    assert pone_id in [r["id"] for r in report["resolved"]]
    assert json.loads(baseline.read_text())["findings"][pone_id]["fixed"] == "2026-03-03"
    assert _cases(out / "report.xml")[f"{PONE} 1. Caspar A. Hallmann"] == "pass"
    assert "seen fixed tonight" in (out / "summary.md").read_text()

    # Night 4: the publisher puts the old XML back: the finding is regressed and fails again.
    monkeypatch.setitem(team.catalogue.xml, PONE, original)
    team.reset_counts()
    fourth, out = _night(runner, tmp_path, "2026-03-04")
    _ok(fourth, 1)
    assert team.counts.get("plos") == 2  # a fixed entry keeps its article's XML read nightly
    report = json.loads((out / "report.json").read_text())
    assert [(r["finding"]["id"], r["fixed"], r["undone"]) for r in report["regressed"]] == [
        (pone_id, "2026-03-03", "2026-03-04")
    ]
    cases = _cases(out / "report.xml")
    assert cases[f"{PONE} 1. Caspar A. Hallmann: role-missing [jats] {pone_id}"] == "failure"
    assert "::error title=role-missing 10.1371/journal.pone.0185809::" in fourth.stdout


def test_articles_without_open_findings_wait_for_the_maximum_age(
    team, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hallmann's record matches the XML: nothing open on PONE, so its XML is not read again.
    _ok(runner.invoke(cli, ["records", "set-roles", PONE, "Hallmann", *HALLMANN_ROLES]))
    _ok(_night(runner, tmp_path, "2026-03-01", "--no-harvest")[0], 1)  # PBIO's error is new
    team.reset_counts()
    _ok(_night(runner, tmp_path, "2026-03-02", "--no-harvest")[0], 1)
    assert team.counts.get("plos") == 1  # PBIO only
    team.reset_counts()
    again = _night(runner, tmp_path, "2026-03-03", "--no-harvest", "--xml-max-age", "0")[0]
    _ok(again, 1)
    assert team.counts.get("plos") == 2


def test_a_run_that_cannot_fetch_exits_3_and_says_so_everywhere(
    team, runner: CliRunner, tmp_path: Path
) -> None:
    team.inject("not-jats", where="plos", times=-1)
    result, out = _night(runner, tmp_path, "2026-03-01", "--no-harvest")
    _ok(result, 3)
    cases = _cases(out / "report.xml")
    assert "error" in cases.values()
    assert "::error title=unverified" in result.stdout
    assert "| **" in (out / "summary.md").read_text()


def test_nightly_help_has_examples_and_exit_codes(runner: CliRunner) -> None:
    text = _ok(runner.invoke(cli, ["nightly", "--help"])).stdout
    assert "credit-tracker nightly --baseline" in text and "Exit codes" in text
    assert "1 new findings" in text


def test_a_bad_baseline_is_named_and_nothing_is_fetched(
    team, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "baseline.json").write_text(
        '{"version": 1, "findings": {"ct-000000000001": {"doi": 3}}}'
    )
    team.reset_counts()
    result, out = _night(runner, tmp_path, "2026-03-01")
    _ok(result, 2)
    assert result.stderr.startswith(f"credit-tracker: error: {tmp_path / 'baseline.json'}: ")
    assert "findings.ct-000000000001.doi" in result.stderr and len(result.stderr.splitlines()) == 1
    assert team.counts == {} and not (out / "report.xml").exists()


def test_the_xml_read_every_night_is_for_open_findings_requests_and_fixed_entries() -> None:
    from credit_tracker.check.policy import FailPolicy
    from credit_tracker.domain.baseline import Baseline, BaselineEntry
    from credit_tracker.domain.findings import AcknowledgedFinding, CheckReport, Severity, Summary
    from credit_tracker.domain.models import CorrectionRequest, RequestState, StateChange
    from credit_tracker.domain.records import Records
    from credit_tracker.services.nightly import refresh_set
    from tests.render.test_nightly_formats import _finding, _report

    def request(doi: str, state: RequestState) -> CorrectionRequest:
        change = StateChange(state=state, date="2026-01-01")
        return CorrectionRequest(id=doi, doi=doi, finding_ids=[], kinds=[], history=[change])

    team = Records(
        corrections={
            "10.5555/sent": request("10.5555/sent", RequestState.SENT),
            "10.5555/done": request("10.5555/done", RequestState.WONT_FIX),
        }
    )
    report = _report(1, 1, 1)  # an error on /b, a warning on /a, info on /c
    assert refresh_set(report, team, FailPolicy()) == {"10.5555/a", "10.5555/b", "10.5555/sent"}
    assert refresh_set(report, team, FailPolicy.parse("error")) == {"10.5555/b", "10.5555/sent"}
    fixed = BaselineEntry(
        doi="10.5555/f", rule="role-missing", note="", since="2025-01-01", fixed="2025-02-01"
    )
    known = BaselineEntry(doi="10.5555/k", rule="role-missing", note="", since="2025-01-01")
    baseline = Baseline(findings={"ct-00000000000f": fixed, "ct-000000000001": known})
    empty = CheckReport(summary=Summary(), findings=[], unverified=[], acknowledged=[])
    assert refresh_set(empty, Records(), FailPolicy(), baseline) == {"10.5555/f"}
    ack = AcknowledgedFinding(finding=_finding(1, Severity.ERROR, "10.5555/k"), note="n", at="d")
    acked = empty.model_copy(update={"acknowledged": [ack]})
    assert refresh_set(acked, Records(), FailPolicy()) == {"10.5555/k"}


def test_a_report_path_in_no_folder_is_refused_before_fetching(
    team, runner: CliRunner, tmp_path: Path
) -> None:
    team.reset_counts()
    where = tmp_path / "missing" / "report.xml"
    result = runner.invoke(cli, ["nightly", "--junit", str(where)])
    _ok(result, 2)
    assert result.stderr == (
        f"credit-tracker: error: {where}: --junit: cannot create a file there (no such folder); "
        "give a path in an existing folder\n"
    )
    assert team.counts == {}


def test_new_works_are_listed_in_the_summary_and_never_fail_the_run(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.services.test_harvest_orcid import BOETTIGER

    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.01")
    _ok(runner.invoke(cli, ["records", "add", "10.1111/ele.14024", "--members", BOETTIGER]))
    first, out = _night(runner, tmp_path, "2026-03-01", "--harvest-since", "2000-01-01")
    assert first.exit_code in (0, 1), first.stderr  # the check decides; the harvest cannot
    summary = (out / "summary.md").read_text()
    listed = re.search(r"## New works by team members \((\d+)\)", summary)
    assert listed and int(listed.group(1)) > 10
    assert re.search(r"^harvest: \d+ new work\(s\)$", first.stderr, re.M)
    # Crossref cannot list the works: said in the summary and on stderr, the code unchanged
    standin.inject("500", where="orcid", times=-1)
    second, out = _night(runner, tmp_path, "2026-03-02", "--harvest-since", "2000-01-01")
    assert second.exit_code == first.exit_code, second.stderr
    assert "credit-tracker: warning: Crossref could not list the team's works" in second.stderr
    assert (
        "- new works could not be listed: Crossref could not list"
        in (out / "summary.md").read_text()
    )


def _bytes(folder: Path, *parts: str) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for part in parts
        for p in sorted(folder.glob(part))
        if p.is_file()
    }


def test_a_night_writes_the_snapshots_and_leaves_the_teams_files_byte_for_byte(
    fast_xml, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    """A night and a day's edits never touch one file: the run does not even fill a record's
    missing title from Crossref (the staff's `fetch` does)."""
    table = DATA / "fixtures" / "tenzing" / "contributors_table_example.csv"
    _ok(runner.invoke(cli, ["records", "import", PONE, str(table)]))  # no title, journal, year
    _ok(runner.invoke(cli, ["office", "set", "--name", "Research Office"]))
    team_files = ("team.json", "office.json", "format.json", "articles/*.json")
    before = _bytes(records_dir, *team_files)
    night, _out = _night(runner, tmp_path, "2026-03-01")
    assert night.exit_code in (0, 1), night.output
    assert _bytes(records_dir, *team_files) == before
    assert _bytes(records_dir, "snapshots/*.json")  # what the night fetched is kept
    # a staff member's fetch fills the title in
    _ok(runner.invoke(cli, ["fetch", PONE, "--quiet"]))
    assert _bytes(records_dir, "articles/*.json") != {
        k: v for k, v in before.items() if k.startswith("articles/")
    }


def test_a_night_on_an_earlier_versions_folder_rewrites_only_its_snapshots(
    fast_xml, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "records"
    shutil.copytree(DATA / "store-counter-keys.derived" / "records", folder)
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(folder))
    before = _bytes(folder, "team.json", "articles/*.json")
    night, _out = _night(runner, tmp_path, "2026-03-01")
    assert night.exit_code in (0, 1, 3), night.output
    assert "earlier version" not in night.stderr
    assert _bytes(folder, "team.json", "articles/*.json") == before
    assert not (folder / "format.json").exists()  # the staff's first command rewrites the rest
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("snapshots/*.json")]
    assert all(doi == doc["doi"] for shard in shards for doi, doc in shard["snapshots"].items())
