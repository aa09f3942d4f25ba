"""Correction-aware states through the CLI: pending correction, stale, regressed; exit codes.

Every date is given (--date, --as-of, snapshot times): nothing here reads the wall clock.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.cli import cli
from credit_tracker.domain.findings import FindingState
from credit_tracker.domain.models import SourceRole, SourceSnapshot
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.store.folder import Store
from tests.conftest import EXAMPLE_ROLE_SOURCES, EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
ROLES = ["ct-d11e628cff3a", "ct-06f9a3fb8522"]  # role-missing x2 (jats)
NAME = "ct-3a6ad50e8471"  # name-initials (statement)
PENDING = "[pending correction: request sent 2025-06-01, failing again from 2025-08-01]"


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args))


def _sent(runner: CliRunner) -> None:
    assert _run(runner, "correction", "draft", AIMMS).exit_code == 0
    marked = _run(runner, "correction", "mark", AIMMS, "sent", "--date", "2025-06-01")
    assert marked.exit_code == 0, marked.output


def test_a_sent_request_makes_its_findings_pending(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    text = _run(runner, "check", "--as-of", "2025-06-15", "--fail-on", "error")
    assert text.exit_code == 0, text.output  # the three errors wait on the request
    assert text.stdout.splitlines() == [
        AIMMS,
        "  Jane Illés",
        "    error role-missing [jats] Jane Illés: jats does not list Conceptualization "
        f"(ct-d11e628cff3a) {PENDING}",
        "    error role-missing [jats] Jane Illés: jats does not list Writing – review & editing "
        f"(ct-06f9a3fb8522) {PENDING}",
        "    error name-initials [statement] Jane Illés: printed 'Jane P. Illés': given name "
        "'Jane P.' has an initial or name the team's record ('Jane') does not "
        f"(ct-3a6ad50e8471) {PENDING}",
        f"correction request {AIMMS}: sent: 3 of 3 errors still open; pending correction until "
        "2025-08-01",
        EXAMPLE_ROLES_COMPARED,
        EXAMPLE_ROLE_SOURCES,
        "1 article(s); 0 finding(s); 3 pending correction; 0 acknowledged",
    ]
    report = json.loads(_run(runner, "check", "--as-of", "2025-06-15", "--format", "json").stdout)
    assert report["findings"] == []
    assert [
        (p["finding"]["id"], p["request"], p["sent"], p["stale_on"]) for p in report["pending"]
    ] == [(i, AIMMS, "2025-06-01", "2025-08-01") for i in (*ROLES, NAME)]
    assert report["summary"]["pending"] == 3 and report["summary"]["failing"] == 0
    junit = _run(runner, "check", "--as-of", "2025-06-15", "--format", "junit").stdout
    assert junit.count("<skipped") == 3 and junit.count("<failure") == 0


def test_a_request_goes_stale_and_its_findings_fail_again(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    on_time = _run(runner, "check", "--as-of", "2025-07-31", "--fail-on", "error")
    assert on_time.exit_code == 0
    late = _run(runner, "check", "--as-of", "2025-08-01", "--fail-on", "error", "--format", "json")
    assert late.exit_code == 1
    report = json.loads(late.stdout)
    assert report["pending"] == [] and len(report["findings"]) == 3
    (status,) = report["corrections"]
    assert status["state"] == "stale" and status["detail"] == (
        "sent 2025-06-01, 61 days ago, and nothing has changed: 3 of 3 errors still open"
    )
    sooner = _run(
        runner, "check", "--as-of", "2025-06-15", "--stale-after", "10", "--fail-on", "error"
    )
    assert sooner.exit_code == 1
    listed = _run(runner, "correction", "list", "--as-of", "2025-08-01").stdout
    assert listed == (
        f"{AIMMS}\tstale\tmetadata, contributions\tsent 2025-06-01, 61 days ago, and nothing has "
        "changed: 3 of 3 errors still open\n"
    )


def _later(shot: SourceSnapshot, when: datetime, tag: str, **changes) -> SourceSnapshot:
    return shot.model_copy(
        update={"fetched_at": when, "first_seen": when, "content_hash": tag, **changes}
    )


def _fix_then_undo(records: Records) -> None:
    """The publisher fixes both sources on 1 July, then puts the old XML back on 10 August."""
    jats, statement = records.snapshots[AIMMS]
    illes = jats.authors[3].model_copy(
        update={
            "roles": [
                SourceRole(role="conceptualization", label="Conceptualization"),
                SourceRole(role="writing-review-editing", label="Writing – review & editing"),
            ]
        }
    )
    fixed_authors = [*jats.authors[:3], illes, *jats.authors[4:]]
    july, august = datetime(2025, 7, 1, tzinfo=UTC), datetime(2025, 8, 10, tzinfo=UTC)
    named = [statement.authors[0].model_copy(update={"raw": "Jane Illés"})]
    records.snapshots[AIMMS] += [
        _later(jats, july, "fixed", authors=fixed_authors),
        _later(statement, july, "fixed", authors=named),
        _later(jats, august, jats.content_hash or "old"),
    ]


def test_a_fix_seen_and_undone_is_regressed_never_stale(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    with Store(example_records).transaction() as records:
        _fix_then_undo(records)
    result = _run(
        runner, "check", "--as-of", "2026-01-01", "--fail-on", "error", "--format", "json"
    )
    assert result.exit_code == 1  # regressed is an error, whatever the request's age
    report = json.loads(result.stdout)
    assert [
        (r["finding"]["id"], r["finding"]["severity"], r["fixed"], r["undone"], r["request"])
        for r in report["regressed"]
    ] == [(i, "error", "2025-07-01", "2025-08-10", AIMMS) for i in ROLES]
    assert report["findings"] == [] and report["pending"] == []
    (status,) = report["corrections"]
    assert (status["state"], status["fix_seen"], status["undone"]) == (
        "regressed",
        "2025-07-01",
        "2025-08-10",
    )
    text = _run(runner, "check", "--as-of", "2026-01-01").stdout.splitlines()
    assert text[2] == (
        "    error role-missing [jats] Jane Illés: jats does not list Conceptualization "
        "(ct-d11e628cff3a) [regressed: fix seen 2025-07-01, back 2025-08-10]"
    )
    assert text[-1] == "1 article(s); 0 finding(s); 2 regressed; 0 acknowledged"
    listed = _run(runner, "correction", "list", "--as-of", "2026-01-01").stdout
    assert listed == (
        f"{AIMMS}\tregressed\tmetadata, contributions\tthe fix was seen on 2025-07-01 and undone "
        "by 2025-08-10: 2 of 3 errors are back\n"
    )
    junit = _run(runner, "check", "--as-of", "2026-01-01", "--format", "junit").stdout
    assert (
        'message="regressed: fix seen 2025-07-01, back 2025-08-10: Jane Illés: jats does not list '
        'Conceptualization"' in junit
    )


def test_an_acknowledgement_after_the_return_settles_a_regression(example_records: Path) -> None:
    store = Store(example_records)
    records = store.load()
    _fix_then_undo(records)
    for at, expected in (
        ("2025-08-09", FindingState.REGRESSED),
        ("2025-08-10", FindingState.ACKNOWLEDGED),
    ):
        records.acknowledgements[ROLES[0]] = Acknowledgement(
            finding_id=ROLES[0], doi=AIMMS, rule="role-missing", note="known", at=at
        )
        report = run_check(records, [AIMMS], FailPolicy(), today=date(2026, 1, 1))
        regressed = [r.finding.id for r in report.regressed]
        acknowledged = [a.finding.id for a in report.acknowledged]
        assert (ROLES[0] in regressed, ROLES[0] in acknowledged) == (
            expected is FindingState.REGRESSED,
            expected is FindingState.ACKNOWLEDGED,
        )
        assert ROLES[1] in regressed  # tracked because its article has an acknowledgement


def test_a_fix_that_stays_is_resolved_with_its_date(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    with Store(example_records).transaction() as records:
        _fix_then_undo(records)
        records.snapshots[AIMMS].pop()  # the old XML never came back
    report = json.loads(_run(runner, "check", "--as-of", "2026-01-01", "--format", "json").stdout)
    (status,) = report["corrections"]
    assert (status["state"], status["fix_seen"]) == ("resolved (fix seen)", "2025-07-01")
    assert report["regressed"] == [] and report["findings"] == []
