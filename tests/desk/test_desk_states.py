"""One vocabulary of states and counts: an error is an open error in the CLI, the report and the
desk alike; a finding shows its request's state; the queue opens on what is open; a name's
difference is said in words. On the shipped example (its statement prints 'Jane P. Illés')."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store
from tests.desk.test_desk import AIMMS, make_client

STALE = "request sent 2025-03-01, stale after 60 days: send a reminder"


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args))


def _sent(runner: CliRunner, on: str) -> None:
    assert _run(runner, "correction", "draft", AIMMS).exit_code == 0
    assert _run(runner, "correction", "mark", AIMMS, "sent", "--date", on).exit_code == 0


def _cards(page: str) -> dict[str, int]:
    return {
        label: int(n)
        for n, label in re.findall(r'<div class="card[^"]*"><b>(\d+)</b> ([a-z -]+)</div>', page)
    }


def test_errors_waiting_on_a_request_are_counted_apart_everywhere(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    _sent(runner, "2025-06-01")
    cli_summary = _run(runner, "check", "--as-of", "2025-06-15").stdout.splitlines()[-1]
    assert cli_summary == "1 article(s); 0 finding(s); 3 pending correction; 0 acknowledged"
    report = tmp_path / "report.html"
    assert _run(runner, "report", "--output", str(report), "--as-of", "2025-06-15").exit_code == 0
    in_report = {
        label: int(n)
        for n, label in re.findall(
            r'<div class="card[^"]*"><span class="n">(\d+)</span> ([a-z -]+)</div>',
            report.read_text(encoding="utf-8"),
        )
    }
    assert in_report["error"] == 0 and in_report["pending-correction"] == 3
    with make_client(example_records) as desk:
        cards = _cards(desk.get("/").text)
    assert cards["error"] == 0 and cards["pending-correction"] == 3
    assert cards["acknowledged"] == 0


def test_the_queue_opens_on_what_is_open(runner: CliRunner, example_records: Path) -> None:
    _sent(runner, "2025-06-01")
    with make_client(example_records) as desk:
        default = desk.get("/findings").text
        every = desk.get("/findings?state=any").text
    assert re.search(r'id="count">0 shown', default)
    assert re.search(r'id="count">3 shown', every)
    assert '<option value="any" selected>any</option>' in every


def test_a_finding_in_a_stale_request_says_to_send_a_reminder(
    runner: CliRunner, example_records: Path
) -> None:
    _sent(runner, "2025-03-01")
    text = _run(runner, "check", "--as-of", "2025-06-15").stdout
    assert text.count(f"[{STALE}]") == 3
    with make_client(example_records) as desk:
        queue = desk.get("/findings").text
    assert queue.count(STALE) == 3


def test_a_drafted_request_is_shown_as_not_sent(runner: CliRunner, example_records: Path) -> None:
    assert _run(runner, "correction", "draft", AIMMS).exit_code == 0
    report = json.loads(_run(runner, "check", "--format", "json").stdout)
    assert "finding_ids" not in report["corrections"][0]  # the JSON report stays as documented
    text = _run(runner, "check").stdout
    assert text.count(f"[request {AIMMS} drafted, not sent yet]") == 3


def test_a_name_difference_is_said_in_words(example_records: Path) -> None:
    with Store(example_records).transaction() as records:  # the statement drops the accent too
        statement = records.snapshots[AIMMS][1]
        author = statement.authors[0].model_copy(update={"raw": "Jane P. Illes"})
        records.snapshots[AIMMS][1] = statement.model_copy(update={"authors": [author]})
    with make_client(example_records) as desk:
        page = desk.get("/findings?state=any").text
        article = desk.get(f"/article/{AIMMS}").text
    assert '<small class="change">P. added; é → e</small>' in page
    assert '<small class="change">P. added; é → e</small>' in article
