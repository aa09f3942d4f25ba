"""Failures while fetching: retried when transient, recorded with the reason, stopped when many."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import FetchState, SourceKind
from credit_tracker.standin import Limits
from tests.services.test_fetch import PLOS, make_fetcher, make_records


def test_retries_honour_retry_after_and_slow_down(standin, tmp_path: Path) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(3)]
    store = make_records(tmp_path, dois)
    standin.inject("429", where="list", retry_after="1")
    standin.inject("503", where="list")
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    fetcher = make_fetcher(max_backoff=5.0, sleep=sleep)
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    # Retry-After: 1 was waited out whole; the other waits are the 503's backoff (at most 0.01 s)
    # and the rate window's steps (at most 0.2 s)
    assert slept.count(1.0) == 1 and all(s <= 0.2 for s in slept if s != 1.0)
    assert summary.fetched == 3 and summary.failed == 0
    assert standin.counts["list"] == 3 and fetcher.crossref.client.counters.retries == 2
    assert fetcher.crossref.client.gate("list").penalty > 1.0  # slowed down after the 429


@pytest.mark.parametrize("fault", ["500", "502", "504", "reset"])
def test_transient_faults_are_retried(standin, tmp_path: Path, fault: str) -> None:
    dois = ["10.5555/synthetic.1"]
    store = make_records(tmp_path, dois)
    standin.inject(fault, where="list")
    fetcher = make_fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    assert summary.fetched == 1 and fetcher.crossref.client.counters.retries == 1
    assert store.load().snapshots[dois[0]][-1].state is FetchState.OK


@pytest.mark.parametrize(
    ("fault", "reason"),
    [("truncated", "the answer was not JSON"), ("html", "the answer was an HTML page (text/html)")],
)
def test_unusable_answers_are_failures_with_the_reason(
    standin, tmp_path: Path, fault: str, reason: str
) -> None:
    dois = ["10.5555/synthetic.1"]
    store = make_records(tmp_path, dois)
    fetcher = make_fetcher()
    fetcher.publisher = None
    fetcher.run(store, dois)
    earlier = store.load().snapshots[dois[0]][0]
    standin.inject(fault, where="list")
    summary = fetcher.run(store, dois)
    assert summary.failed == 1 and reason in summary.failures[dois[0]]
    history = store.load().snapshots[dois[0]]
    assert history[0] == earlier and history[-1].state is FetchState.FAILED


def test_a_timeout_is_retried(standin, tmp_path: Path) -> None:
    store = make_records(tmp_path, ["10.5555/synthetic.1"])
    # The stand-in holds the first request until the client gives up, however long that takes;
    # the timeout is generous so that the retry's ordinary answer never exceeds it.
    standin.inject("timeout", where="list")
    fetcher = make_fetcher(timeout=2.0)
    fetcher.publisher = None
    assert fetcher.run(store, ["10.5555/synthetic.1"]).fetched == 1
    assert fetcher.crossref.client.counters.retries >= 1


def test_400_and_404_are_never_retried(standin, tmp_path: Path) -> None:
    store = make_records(tmp_path, ["10.1371/notarealdoi"])
    fetcher = make_fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, ["10.1371/notarealdoi"])
    assert summary.not_found == 1 and standin.counts == {"list": 1, "single": 1}
    shot = store.load().snapshots["10.1371/notarealdoi"][0]
    assert shot.state is FetchState.NOT_FOUND and "404" in shot.reason


def test_an_answer_about_another_doi_is_a_failure(standin, tmp_path: Path) -> None:
    store = make_records(tmp_path, ["10.9999/missing-x"])
    standin.inject("wrong-doi", where="single")
    fetcher = make_fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, ["10.9999/missing-x"])
    assert summary.failed == 1 and "another DOI" in summary.failures["10.9999/missing-x"]


def test_xml_that_is_not_jats_is_a_failure_and_keeps_the_earlier_snapshot(
    fast_xml, tmp_path: Path
) -> None:
    store = make_records(tmp_path, PLOS[:1])
    make_fetcher().run(store, PLOS[:1])
    fast_xml.inject("not-jats", where="plos")
    fetcher = make_fetcher()
    fetcher.xml_max_age = timedelta(0)
    fetcher.run(store, PLOS[:1])
    jats = [s for s in store.load().snapshots[PLOS[0]] if s.source is SourceKind.JATS]
    assert [s.state for s in jats] == [FetchState.OK, FetchState.FAILED]
    assert "not a JATS article" in jats[-1].reason and len(jats[0].authors) == 12


def test_the_stop_rule_keeps_what_was_fetched(standin, tmp_path: Path) -> None:
    good = [f"10.5555/synthetic.{n}" for n in range(50)]
    doomed = [f"10.5555/synthetic.{n}" for n in range(50, 250)]
    standin.limits = Limits(rate={"list": 20, "single": 20})  # the stop, not the pace, is tested
    store = make_records(tmp_path, good + doomed)
    fetcher = make_fetcher(backoff=0.001)
    fetcher.publisher = None
    fetcher.run(store, good)  # an earlier good run
    before = store.load().snapshots
    standin.inject("503", times=-1)
    summary = fetcher.run(store, good + doomed)
    # it gave the server up rather than trying all five batches five times, and says so once
    assert standin.counts["list"] < 5 * 5 + 5
    (outage,) = summary.outages
    assert (outage.service, outage.reason, outage.kept) == (
        "Crossref",
        "HTTP 503, after 5 tries",
        50,
    )
    assert outage.dois == sorted(good + doomed) and summary.failed == 250
    assert not summary.stopped  # the run went on: only this server was given up
    after = store.load().snapshots
    for doi in good:
        usable = [s for s in after[doi] if s.usable]
        assert (
            usable
            and usable[-1].model_dump() == [s for s in before[doi] if s.usable][-1].model_dump()
        )
    assert all(after[doi][-1].state is FetchState.FAILED for doi in doomed)


def test_fetch_command_reports_failures_with_exit_3(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    from tests.cli.test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.5555/synthetic.7", str(EXAMPLE)])
    standin.inject("500", times=-1)
    result = runner.invoke(cli, ["fetch", "--quiet"], env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 3
    # every request failed: the service is down, said in one line, not one per article
    assert (
        "  Crossref unreachable: 1 article(s) not verified in this run (HTTP 500, after 5 tries); "
        "no earlier reading to keep\n" in result.stderr
    )
    assert "could not fetch 10." not in result.stderr  # no line per article


def test_the_publisher_xml_does_not_wait_on_crossref(fast_xml, tmp_path: Path) -> None:
    """Crossref fails for the DOI; its XML, due tonight, is read all the same: PLOS's address is
    made from the DOI alone."""
    store = make_records(tmp_path, PLOS[:1])
    make_fetcher().run(store, PLOS[:1])
    fast_xml.inject("503", where="list", times=-1)
    fast_xml.inject("503", where="single", times=-1)
    fast_xml.reset_counts()
    fetcher = make_fetcher(backoff=0.001)
    fetcher.xml_max_age = timedelta(0)
    summary = fetcher.run(store, PLOS[:1])
    assert summary.failed == 1 and summary.xml_downloads == 1 and summary.xml_failed == 0
    assert fast_xml.counts.get("plos") == 1
    (outage,) = summary.outages
    assert (outage.service, outage.dois, outage.kept) == ("Crossref", PLOS[:1], 1)
