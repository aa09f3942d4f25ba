"""A source read once and then not found or not readable: the last reading is still compared,
the article is unverified (exit 3), and a fix is seen only in a snapshot that was read.

Every date is given (--date, --as-of, snapshot times): nothing here reads the wall clock.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import FetchState, SourceKind, SourceRole, SourceSnapshot
from credit_tracker.store.folder import Store
from tests.conftest import EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
IDS = ["ct-d11e628cff3a", "ct-06f9a3fb8522", "ct-3a6ad50e8471"]
GONE = (
    "found on 2025-05-22, not found on 2025-07-01; the findings of the last reading are still"
    " reported"
)
JULY, AUGUST = datetime(2025, 7, 1, tzinfo=UTC), datetime(2025, 8, 1, tzinfo=UTC)


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args))


def _jats_not_found(records_dir: Path, fix_statement: bool = False) -> None:
    """The publisher's XML answers 404 on 2025-07-01 (the shipped JATS was read on 2025-05-22)."""
    with Store(records_dir).transaction() as records:
        records.snapshots[AIMMS].append(
            SourceSnapshot(
                doi=AIMMS,
                source=SourceKind.JATS,
                state=FetchState.NOT_FOUND,
                reason="HTTP 404",
                fetched_at=JULY,
                first_seen=JULY,
            )
        )
        if fix_statement:
            statement = records.snapshots[AIMMS][1]
            records.snapshots[AIMMS].append(
                statement.model_copy(
                    update={
                        "authors": [statement.authors[0].model_copy(update={"raw": "Jane Illés"})],
                        "fetched_at": JULY,
                        "first_seen": JULY,
                        "content_hash": "fixed",
                    }
                )
            )


def _jats_fixed(records_dir: Path) -> None:
    """On 2025-08-01 the XML is back, with Jane Illés's roles."""
    with Store(records_dir).transaction() as records:
        jats = records.snapshots[AIMMS][0]
        roles = [
            SourceRole(role="conceptualization", label="Conceptualization"),
            SourceRole(role="writing-review-editing", label="Writing – review & editing"),
        ]
        illes = jats.authors[3].model_copy(update={"roles": roles})
        authors = [*jats.authors[:3], illes, *jats.authors[4:]]
        update = {"authors": authors, "fetched_at": AUGUST, "first_seen": AUGUST}
        records.snapshots[AIMMS].append(jats.model_copy(update=update | {"content_hash": "fixed"}))


def _sent(runner: CliRunner) -> None:
    assert _run(runner, "correction", "draft", AIMMS).exit_code == 0
    marked = _run(runner, "correction", "mark", AIMMS, "sent", "--date", "2025-06-01")
    assert marked.exit_code == 0, marked.output


def test_not_found_after_found_keeps_the_findings_and_exits_3(
    runner: CliRunner, example_records: Path
) -> None:
    _jats_not_found(example_records)
    result = _run(runner, "check", "--format", "json", "--as-of", "2025-07-15")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["findings"]] == IDS
    assert report["unverified"] == [{"doi": AIMMS, "source": "jats", "reason": GONE}]
    assert report["summary"]["verified"] == 0 and report["summary"]["unverified"] == 1
    text = _run(runner, "check", "--as-of", "2025-07-15", "--fail-on", "never")
    assert text.exit_code == 3
    assert text.stdout.splitlines()[-4:] == [
        f"{AIMMS}: UNVERIFIED (jats): {GONE}",
        EXAMPLE_ROLES_COMPARED,
        # the last reading found nothing, so it states no roles now
        "role sources: 1 article(s): a role source read for 1 (1 read where not recorded; stating "
        "roles: 0)",
        "1 article(s); 3 finding(s); 3 error; 0 acknowledged; 1 unverified",
    ]


def test_a_sent_request_sees_no_fix_in_a_source_that_was_not_read(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    _jats_not_found(example_records, fix_statement=True)
    result = _run(runner, "check", "--format", "json", "--as-of", "2025-07-15")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    (status,) = report["corrections"]
    assert (status["state"], status["detail"]) == (
        "sent",
        "2 of 3 errors still open; pending correction until 2025-08-01",
    )
    listed = _run(runner, "correction", "list", "--as-of", "2025-07-15")
    assert listed.stdout == (
        f"{AIMMS}\tsent\tmetadata, contributions\t2 of 3 errors still open; pending correction"
        " until 2025-08-01\n"
    )


def test_the_fix_is_first_seen_when_the_source_is_read_again(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner)
    _jats_not_found(example_records, fix_statement=True)
    _jats_fixed(example_records)
    result = _run(runner, "check", "--format", "json", "--as-of", "2025-08-15")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (status,) = report["corrections"]
    assert (status["state"], status["fix_seen"]) == ("resolved (fix seen)", "2025-08-01")
    assert report["unverified"] == [] and report["findings"] == []
