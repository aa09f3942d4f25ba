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
    # the file put back is a change (to the copy first seen on night 1, dated by the clock)
    back = r"fetch: 2 fetched, 1 changed \(publisher XML back to the \d{4}-\d{2}-\d{2} copy\)"
    assert re.search(back, fourth.stderr), fourth.stderr


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


def test_a_github_night_prints_the_coverage_lines_the_text_report_ends_with(
    team, runner: CliRunner, tmp_path: Path
) -> None:
    """With --github the report on stdout is annotations; the text report's closing coverage
    lines (roles compared, role sources read) go to stderr instead, both of them."""
    github = _night(runner, tmp_path, "2026-03-01", "--no-harvest")[0]
    _ok(github, 1)
    text = runner.invoke(cli, ["nightly", "--as-of", "2026-03-01", "--no-harvest"])
    _ok(text, 1)
    closing = [line for line in text.stdout.splitlines() if line.startswith(("roles ", "role "))]
    assert closing[0].startswith("roles compared on 2 of 2 articles (")
    assert closing[1].startswith("role sources: 2 article(s): a role source read for 2")
    assert len(closing) == 2
    for line in closing:
        assert line in github.stderr.splitlines(), (line, github.stderr)


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


def test_the_first_night_writes_the_baseline_and_passes_and_later_nights_read_it(
    team, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    first, out = _night(runner, tmp_path, "2026-03-01", "--no-harvest", "--bootstrap-baseline")
    _ok(first)  # both role-missing errors are known from tonight on
    written = json.loads(baseline.read_text())["findings"]
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["failing"] == 0
    assert {f["severity"] for f in report["findings"]} == {"info"}  # info never fails: not in it
    known = {a["finding"]["id"] for a in report["acknowledged"]}
    assert set(written) == known and len(known) == 2
    assert {e["since"] for e in written.values()} == {"2026-03-01"}
    line = (
        f"first night: no baseline yet, so {baseline} was written from tonight's findings "
        "(2 known); they do not fail this night or later ones, new findings will"
    )
    assert line in first.stderr.splitlines()
    assert f"- **{line}**" in (out / "summary.md").read_text().replace("\\", "")
    assert "failure" not in _cases(out / "report.xml").values()
    # Night 2: the file exists; the flag changes nothing but says so. A new finding fails.
    _ok(runner.invoke(cli, ["records", "add-role", PBIO, "Rodríguez-Esteban", "Validation"]))
    before = baseline.read_bytes()
    second, out = _night(runner, tmp_path, "2026-03-02", "--no-harvest", "--bootstrap-baseline")
    _ok(second, 1)
    assert baseline.read_bytes() == before
    assert (
        f"--bootstrap-baseline: {baseline} exists: an ordinary night, nothing written"
        in second.stderr.splitlines()
    )
    findings = json.loads((out / "report.json").read_text())["findings"]
    (new,) = [f for f in findings if f["severity"] != "info"]
    assert new["doi"] == PBIO and new["rule"] == "role-missing" and new["id"] not in written


def test_bootstrapping_needs_a_baseline_file(team, runner: CliRunner) -> None:
    team.reset_counts()
    result = runner.invoke(cli, ["nightly", "--bootstrap-baseline"])
    _ok(result, 2)
    assert result.stderr == (
        "credit-tracker: error: --bootstrap-baseline: --bootstrap-baseline needs --baseline FILE "
        "(the file to write the first night)\n"
    )
    assert team.counts == {}


def _closed_port_url() -> str:
    """An address on loopback where nothing listens: every connection is refused."""
    import socket

    with socket.create_server(("127.0.0.1", 0)) as held:
        port = held.getsockname()[1]
    return f"http://127.0.0.1:{port}/crossref"


def test_a_crossref_outage_pages_once_and_the_publishers_are_still_read(
    team, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crossref refuses every connection for 102 articles (three list queries' worth): one
    annotation and one summary line say so with a clean reason, the publishers' XML is read
    all the same, and the run exits 3. Articles read before keep their last good reading."""
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.store.folder import Store

    _ok(_night(runner, tmp_path, "2026-03-01", "--no-harvest")[0], 1)  # a good night first
    synthetic = [f"10.5555/synthetic.{n}" for n in range(100)]
    with Store(records_dir).transaction() as records:
        for doi in synthetic:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    monkeypatch.setenv("CREDIT_TRACKER_CROSSREF_URL", _closed_port_url())
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.001")
    team.reset_counts()
    result, out = _night(runner, tmp_path, "2026-03-02", "--no-harvest")
    _ok(result, 3)
    line = (
        "Crossref unreachable: 102 article(s) not verified tonight (connection refused, "
        "after 5 tries); last good reading kept for 2 of them, the others never read"
    )
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::error")]
    assert annotations[0] == f"::error title=Crossref unreachable::{line}"
    assert not [a for a in annotations if "unverified" in a]
    assert (
        result.stderr.count("Crossref unreachable") == 1 and "could not fetch" not in result.stderr
    )
    summary = (out / "summary.md").read_text()
    assert summary.count("Crossref unreachable") == 1 and f"**{line}**" in summary
    assert "synthetic" not in summary.split("## Unverified", 1)[1].split("##", 1)[0]
    # the publishers were asked, Crossref's failure notwithstanding: both PLOS articles' XML
    # (read nightly for their open errors) and Europe PMC for the articles never read
    assert team.counts.get("plos") == 2 and team.counts.get("europepmc", 0) >= 1
    report = json.loads((out / "report.json").read_text())
    (outage,) = report["outages"]
    assert outage["service"] == "Crossref" and len(outage["dois"]) == 102
    assert len(report["unverified"]) == 102  # every article, each in the JSON as before
    assert [f["rule"] for f in report["findings"] if f["severity"] == "error"] == [
        "role-missing",
        "role-missing",
    ]  # the last good readings are still checked


def test_the_job_summary_keeps_within_the_limit_the_command_gives_it(
    team, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's summary is the one render/job_summary.py makes, under its limit: shrunk
    here to a few kilobytes, it still ends with the run's section and says what it left out
    (the same at 1 MiB: tests/render/test_job_summary.py)."""
    from credit_tracker.render import job_summary

    whole = _night(runner, tmp_path, "2026-03-01", "--no-harvest", "--show", "info")[1]
    size = (whole / "summary.md").stat().st_size
    monkeypatch.setattr(job_summary, "SUMMARY_LIMIT", size - 200)
    result, out = _night(runner, tmp_path, "2026-03-02", "--no-harvest", "--show", "info")
    _ok(result, 1)
    text = (out / "summary.md").read_text()
    assert len(text.encode()) <= size - 200
    assert re.search(r"^\d+ more article\(s\) with findings are not shown here", text, re.M)
    assert "\n## This run\n" in text and "## New findings (2)" in text


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


def test_a_first_night_without_crossref_writes_what_was_read_and_exits_3(
    team, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crossref down on the first night: the XML is read all the same and its findings become
    the baseline; the run cannot pass (exit 3), and says what the baseline lacks."""
    baseline = tmp_path / "baseline.json"
    monkeypatch.setenv("CREDIT_TRACKER_CROSSREF_URL", _closed_port_url())
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.001")
    first, _ = _night(runner, tmp_path, "2026-03-01", "--no-harvest", "--bootstrap-baseline")
    _ok(first, 3)
    written = json.loads(baseline.read_text())["findings"]
    assert {e["rule"] for e in written.values()} == {"role-missing"}  # from the XML
    assert (
        f"first night: no baseline yet, so {baseline} was written from tonight's findings "
        "(2 known); they do not fail this night or later ones, new findings will; 2 article(s) "
        "could not be read tonight: what was not read is not in it"
    ) in first.stderr.splitlines()
