"""The check command on the shipped example: formats, exit codes, acknowledgements."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import xmlschema
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot
from credit_tracker.store.folder import Store
from tests.conftest import DATA, EXAMPLE_ROLE_SOURCES, EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
# The three findings' ids: stable from run to run and release to release (scripts key on them).
IDS = ["ct-d11e628cff3a", "ct-06f9a3fb8522", "ct-3a6ad50e8471"]
JUNIT_SCHEMA = xmlschema.XMLSchema(DATA / "junit" / "junit-10.xsd")


def _check(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["check", *args])


def test_the_readme_main_command_on_the_shipped_records(
    runner: CliRunner, example_records: Path
) -> None:
    result = _check(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        AIMMS,
        "  Jane Illés",
        "    error role-missing [jats] Jane Illés: jats does not list Conceptualization "
        "(ct-d11e628cff3a)",
        "    error role-missing [jats] Jane Illés: jats does not list Writing – review & editing "
        "(ct-06f9a3fb8522)",
        "    error name-initials [statement] Jane Illés: printed 'Jane P. Illés': given name "
        "'Jane P.' has an initial or name the team's record ('Jane') does not (ct-3a6ad50e8471)",
        EXAMPLE_ROLES_COMPARED,
        EXAMPLE_ROLE_SOURCES,
        "1 article(s); 3 finding(s); 3 error; 0 acknowledged",
    ]


def test_json_matches_the_documented_shape(runner: CliRunner, example_records: Path) -> None:
    result = _check(runner, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert list(report) == [
        "version",
        "summary",
        "findings",
        "regressed",
        "pending",
        "unverified",
        "acknowledged",
        "resolved",
        "corrections",
        "coverage",
        "roles_compared",
    ]  # and "outages", from nightly, when a service answered nothing
    assert report["roles_compared"] == {
        "articles": 1,
        "compared": 1,
        "confirmed": 0,
        "waiting": 0,
        "never_asked": 15,
        "no_role_source": 0,
    }
    assert report["version"] == 1
    # the shipped snapshots are reconstructed from reports: where they were read is not recorded
    (example,) = report["coverage"]["publishers"]
    assert example == {
        "publisher": "PLOS",  # its journal is PLOS ONE, configured (no Crossref record stored)
        "articles": 1,
        "read": {"earlier": 1},
        "roles_stated": 1,
        "missing": {},
        "not_asked": 0,
    }
    assert report["summary"]["findings"] == 3 and report["summary"]["failing"] == 3
    finding = report["findings"][0]
    assert set(finding) == {
        "id",
        "rule",
        "severity",
        "doi",
        "sources",
        "source",
        "author",
        "expected",
        "observed",
        "message",
    }
    assert finding["author"] == {
        "name": "Jane Illés",
        "person": "jane-illes",
        "orcid": None,
        "position": 4,
    }
    assert (
        finding["expected"]
        == "Conceptualization <https://credit.niso.org/contributor-roles/conceptualization/>"
    )
    assert "1 article(s); 3 finding(s)" in result.stderr  # the summary goes to stderr


def test_every_format_reports_the_same_findings(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    findings = json.loads(_check(runner, "--format", "json").stdout)["findings"]
    assert [f["id"] for f in findings] == IDS
    junit = _check(runner, "--format", "junit").stdout
    JUNIT_SCHEMA.validate(junit)
    assert all(i in junit for i in IDS) and junit.count("<failure") == 3
    markdown = _check(runner, "--format", "markdown").stdout
    assert (
        all(i in markdown for i in IDS)
        and (
            "| error | `role-missing` | 10.5555/aimms-mentoring-2025 | Jane Illés | jats | "
            "Conceptualization |  | open | `ct-d11e628cff3a` |"
        )
        in markdown
    )
    github = _check(runner, "--format", "github").stdout
    assert github.splitlines()[0] == (
        "::error title=role-missing 10.5555/aimms-mentoring-2025::"
        "Jane Illés: jats does not list Conceptualization (ct-d11e628cff3a)"
    )
    assert github.count("::error title=") == 3 and github.count("::warning title=") == 0
    rows = list(csv.DictReader(io.StringIO(_check(runner, "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == IDS and rows[0]["status"] == "open"
    text = _check(runner).stdout
    assert all(i in text for i in IDS)
    out = tmp_path / "report.xml"
    by_extension = _check(runner, "--output", str(out))
    assert by_extension.stdout == "" and out.read_text().startswith(
        '<?xml version="1.0" encoding="UTF-8"?>'
    )
    JUNIT_SCHEMA.validate(str(out))


def test_github_summary_goes_to_the_step_summary(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = runner.invoke(
        cli, ["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    assert summary.read_text().startswith("# credit-tracker check")


def test_fail_on_and_severity_overrides(runner: CliRunner, example_records: Path) -> None:
    assert _check(runner, "--fail-on", "never").exit_code == 0
    assert _check(runner, "--fail-on", "author-missing").exit_code == 0
    assert _check(runner, "--fail-on", "name-initials").exit_code == 1
    downgraded = _check(
        runner,
        "--fail-on",
        "error",
        "--severity",
        "role-missing=info",
        "--severity",
        "name-initials=warning",
    )
    assert downgraded.exit_code == 0
    bad = _check(runner, "--fail-on", "everything")
    assert bad.exit_code == 2 and "unknown: everything" in bad.stderr
    assert _check(runner, "--severity", "role-missing=fatal").exit_code == 2


def test_acknowledged_findings_do_not_fail_and_resolved_ones_are_reported(
    runner: CliRunner, example_records: Path
) -> None:
    for finding_id in IDS:
        ack = runner.invoke(
            cli, ["ack", finding_id, "--note", "correction requested from PLOS on 2025-06-01"]
        )
        assert ack.exit_code == 0, ack.stderr
    after = _check(runner, "--format", "json")
    report = json.loads(after.stdout)
    assert (
        after.exit_code == 0 and report["summary"]["acknowledged"] == 3 and report["findings"] == []
    )
    assert "3 acknowledged" in after.stderr
    # the publisher fixes the name in the statement: that finding is resolved
    store = Store(example_records)
    with store.transaction() as records:
        statement = records.snapshots[AIMMS][1]
        fixed = statement.authors[0].model_copy(update={"raw": "Jane Illés"})
        records.snapshots[AIMMS][1] = statement.model_copy(update={"authors": [fixed]})
    report = json.loads(_check(runner, "--format", "json").stdout)
    assert report["summary"]["resolved"] == 1 and report["summary"]["acknowledged"] == 2
    unknown = runner.invoke(cli, ["ack", "ct-000000000000", "--note", "x"])
    assert unknown.exit_code == 2 and "no current finding has the id" in unknown.stderr


def test_an_unverified_doi_exits_3_and_is_never_clean(
    runner: CliRunner, example_records: Path
) -> None:
    store = Store(example_records)
    with store.transaction() as records:
        records.snapshots[AIMMS].append(
            SourceSnapshot(
                doi=AIMMS,
                source=SourceKind.JATS,
                state=FetchState.FAILED,
                fetched_at=records.snapshots[AIMMS][0].fetched_at.replace(year=2026),
                reason="HTTP 503 (after 5 tries)",
            )
        )
    result = _check(runner, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["unverified"] == [
        {
            "doi": AIMMS,
            "source": "jats",
            "reason": "found on 2025-05-22, could not be read on 2026-05-22 (HTTP 503 (after 5"
            " tries)); the findings of the last reading are still reported",
        }
    ]
    # the failed source's last reading is still compared: its findings stay
    assert [f["source"] for f in report["findings"]] == [
        "jats",
        "jats",
        "statement",
    ]
    JUNIT_SCHEMA.validate(_check(runner, "--format", "junit").stdout)


def test_a_doi_never_fetched_is_unverified(runner: CliRunner, records_dir: Path) -> None:
    from tests.cli.test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.5555/new", str(EXAMPLE)])
    result = _check(runner)
    assert result.exit_code == 3
    assert "10.5555/new: UNVERIFIED: no snapshot yet; run 'credit-tracker fetch'" in result.stdout


def test_check_named_dois_and_unknown_ones(runner: CliRunner, example_records: Path) -> None:
    assert _check(runner, "https://doi.org/10.5555/AIMMS-Mentoring-2025").exit_code == 1
    result = _check(runner, "10.5555/unknown")
    assert result.exit_code == 2 and "10.5555/unknown is not in the team's records" in result.stderr


def test_colour_only_when_asked(example_records: Path, runner: CliRunner) -> None:
    from credit_tracker.check.policy import FailPolicy
    from credit_tracker.check.run import run_check
    from credit_tracker.render.formats.text import TextFormat

    assert "\033[" not in _check(runner).stdout  # CliRunner's stdout is not a terminal
    report = run_check(Store(example_records).load(), [AIMMS], FailPolicy())
    assert "\033[31merror\033[0m role-missing" in TextFormat(color=True).format(report)
    assert "\033[" not in TextFormat(color=False).format(report)


def test_check_refresh_fetches_first(standin, runner: CliRunner, records_dir: Path) -> None:
    from tests.cli.test_cli_records import EXAMPLE
    from tests.conftest import FIXTURES

    runner.invoke(cli, ["records", "import", "10.1371/journal.pone.0185809", str(EXAMPLE)])
    offline = _check(runner)
    assert offline.exit_code == 3  # never fetched
    refreshed = _check(runner, "--refresh", "--format", "json")
    assert refreshed.exit_code == 1, refreshed.output
    report = json.loads(refreshed.stdout)
    assert report["unverified"] == [] and report["summary"]["verified"] == 1
    assert {"author-missing", "author-extra"} <= set(
        report["summary"]["by_rule"]
    )  # tenzing's example people are not the authors
    assert (FIXTURES / "allofplos" / "journal.pone.0185809.xml").exists()
