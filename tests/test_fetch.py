"""Fetching through the real path (requests + habanero's filter syntax) against the stand-in server."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import ArticleRecord, FetchState, SourceKind
from credit_tracker.services.fetch import Fetcher
from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.sources.settings import Services, user_agent
from credit_tracker.sources.transport import PoliteClient
from credit_tracker.standin import Limits
from credit_tracker.store.folder import Store

PLOS = [
    "10.1371/journal.pone.0185809",
    "10.1371/journal.pbio.2002399",
    "10.1371/journal.pone.0160653",
]
EPMC = ["10.7554/elife.05031"]


def _records(folder: Path, dois: list[str]) -> Store:
    store = Store(folder)
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    return store


def _fetcher(backoff: float = 0.01, timeout: float = 5.0) -> Fetcher:
    services = Services.from_env("tests@example.org")
    client = PoliteClient(
        user_agent(services.mailto, "test"), backoff_base=backoff, max_backoff=0.2, timeout=timeout
    )
    return Fetcher(
        crossref=CrossrefClient(client, services.crossref_url, services.mailto),
        publisher=PublisherClient(client, services.plos_url, services.europepmc_url),
    )


@pytest.fixture
def fast_xml(standin):
    """Let the stand-in announce limits for the publisher sites too, so tests run quickly."""
    standin.limits = Limits(rate={"list": 3, "single": 10, "plos": 20, "europepmc": 20})
    return standin


def test_200_dois_cost_at_most_5_list_requests_and_a_rerun_downloads_no_xml(
    fast_xml, catalogue, tmp_path: Path
) -> None:
    recorded = sorted(d for d in catalogue.works if d not in PLOS + EPMC)[:60]
    missing = [f"10.9999/missing-{n}" for n in range(6)]
    synthetic = [
        f"10.5555/synthetic.{n}"
        for n in range(200 - len(recorded) - len(missing) - len(PLOS) - len(EPMC))
    ]
    dois = PLOS + EPMC + recorded + missing + synthetic
    assert len(dois) == 200
    store = _records(tmp_path, dois)
    summary = _fetcher().run(store, dois)
    counts = dict(fast_xml.counts)
    assert counts["list"] <= 5
    assert counts["single"] == len(missing)  # only the DOIs missing from the batch answers
    assert summary.not_found == len(missing) and summary.failed == 0 and summary.fetched == 194
    records = store.load()
    pone = {s.source: s for s in records.snapshots["10.1371/journal.pone.0185809"]}
    assert pone[SourceKind.JATS].state is FetchState.OK and len(pone[SourceKind.JATS].authors) == 12
    assert pone[SourceKind.CROSSREF].state is FetchState.OK
    elife = {s.source: s for s in records.snapshots["10.7554/elife.05031"]}
    assert elife[SourceKind.JATS].url.endswith("/fullTextXML")
    assert fast_xml.violations == 0

    fast_xml.reset_counts()
    again = _fetcher().run(store, dois)
    assert again.xml_downloads == 0
    assert fast_xml.counts.get("plos", 0) == 0 and fast_xml.counts.get("europepmc", 0) == 0
    assert fast_xml.counts["list"] <= 5  # Crossref is asked again, in batches
    assert again.changed == 0
    assert (
        len(store.load().snapshots["10.1371/journal.pone.0185809"]) == 2
    )  # no copies of unchanged answers


def test_a_changed_crossref_record_refetches_its_xml(
    fast_xml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _records(tmp_path, PLOS[:1])
    _fetcher().run(store, PLOS[:1])
    work = fast_xml.catalogue.works[PLOS[0]]
    monkeypatch.setitem(fast_xml.catalogue.works, PLOS[0], dict(work, title=["A corrected title"]))
    fast_xml.reset_counts()
    summary = _fetcher().run(store, PLOS[:1])
    assert summary.changed == 1 and fast_xml.counts.get("plos") == 1
    history = [s for s in store.load().snapshots[PLOS[0]] if s.source is SourceKind.CROSSREF]
    assert [s.title for s in history] == [
        work["title"][0],
        "A corrected title",
    ]  # the earlier snapshot is kept


def test_old_xml_is_refetched_after_the_maximum_age(fast_xml, tmp_path: Path) -> None:
    store = _records(tmp_path, PLOS[:1])
    fetcher = _fetcher()
    fetcher.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    fetcher.run(store, PLOS[:1])
    fast_xml.reset_counts()
    later = _fetcher()
    later.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=31)
    later.run(store, PLOS[:1])
    assert fast_xml.counts.get("plos") == 1


def test_recorded_answers_are_replayed_byte_for_byte(standin, tmp_path: Path) -> None:
    """The recorded multi-DOI list query (rcrossref) is answered from the recording itself."""
    dois = ["10.1007/s11192-025-05390-3", "10.1162/qss_a_00348", "10.1007/10452.1573-5125"]
    store = _records(tmp_path, dois)
    fetcher = _fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    assert summary.fetched == 3 and standin.counts == {"list": 1}
    shots = store.load().snapshots
    assert shots["10.1162/qss_a_00348"][0].authors[0].orcid_authenticated is True


def test_retries_honour_retry_after_and_slow_down(standin, tmp_path: Path) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(3)]
    store = _records(tmp_path, dois)
    standin.inject("429", where="list", retry_after="1")
    standin.inject("503", where="list")
    fetcher = _fetcher()
    fetcher.publisher = None
    started = time.monotonic()
    summary = fetcher.run(store, dois)
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured
    assert summary.fetched == 3 and summary.failed == 0
    assert standin.counts["list"] == 3 and fetcher.crossref.client.counters.retries == 2
    assert fetcher.crossref.client.gate("list").penalty > 1.0  # slowed down after the 429


@pytest.mark.parametrize("fault", ["500", "502", "504", "reset"])
def test_transient_faults_are_retried(standin, tmp_path: Path, fault: str) -> None:
    dois = ["10.5555/synthetic.1"]
    store = _records(tmp_path, dois)
    standin.inject(fault, where="list")
    fetcher = _fetcher()
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
    store = _records(tmp_path, dois)
    fetcher = _fetcher()
    fetcher.publisher = None
    fetcher.run(store, dois)
    earlier = store.load().snapshots[dois[0]][0]
    standin.inject(fault, where="list")
    summary = fetcher.run(store, dois)
    assert summary.failed == 1 and reason in summary.failures[dois[0]]
    history = store.load().snapshots[dois[0]]
    assert history[0] == earlier and history[-1].state is FetchState.FAILED


def test_a_timeout_is_retried(standin, tmp_path: Path) -> None:
    store = _records(tmp_path, ["10.5555/synthetic.1"])
    standin.inject("timeout", where="list", seconds=1.0)
    fetcher = _fetcher(timeout=0.3)
    fetcher.publisher = None
    assert fetcher.run(store, ["10.5555/synthetic.1"]).fetched == 1
    assert fetcher.crossref.client.counters.retries >= 1


def test_400_and_404_are_never_retried(standin, tmp_path: Path) -> None:
    store = _records(tmp_path, ["10.1371/notarealdoi"])
    fetcher = _fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, ["10.1371/notarealdoi"])
    assert summary.not_found == 1 and standin.counts == {"list": 1, "single": 1}
    shot = store.load().snapshots["10.1371/notarealdoi"][0]
    assert shot.state is FetchState.NOT_FOUND and "404" in shot.reason


def test_an_answer_about_another_doi_is_a_failure(standin, tmp_path: Path) -> None:
    store = _records(tmp_path, ["10.9999/missing-x"])
    standin.inject("wrong-doi", where="single")
    fetcher = _fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, ["10.9999/missing-x"])
    assert summary.failed == 1 and "another DOI" in summary.failures["10.9999/missing-x"]


def test_xml_that_is_not_jats_is_a_failure_and_keeps_the_earlier_snapshot(
    fast_xml, tmp_path: Path
) -> None:
    store = _records(tmp_path, PLOS[:1])
    _fetcher().run(store, PLOS[:1])
    fast_xml.inject("not-jats", where="plos")
    fetcher = _fetcher()
    fetcher.xml_max_age = timedelta(0)
    fetcher.run(store, PLOS[:1])
    jats = [s for s in store.load().snapshots[PLOS[0]] if s.source is SourceKind.JATS]
    assert [s.state for s in jats] == [FetchState.OK, FetchState.FAILED]
    assert "not a JATS article" in jats[-1].reason and len(jats[0].authors) == 12


def test_the_stop_rule_keeps_what_was_fetched(standin, tmp_path: Path) -> None:
    good = [f"10.5555/synthetic.{n}" for n in range(50)]
    doomed = [f"10.5555/synthetic.{n}" for n in range(50, 250)]
    store = _records(tmp_path, good + doomed)
    fetcher = _fetcher(backoff=0.001)
    fetcher.publisher = None
    fetcher.run(store, good)  # an earlier good run
    before = store.load().snapshots
    standin.inject("503", times=-1)
    summary = fetcher.run(store, good + doomed)
    assert summary.stopped
    assert (
        standin.counts["list"] < 5 * 5 + 5
    )  # it stopped rather than trying all five batches five times
    after = store.load().snapshots
    for doi in good:
        usable = [s for s in after[doi] if s.usable]
        assert (
            usable
            and usable[-1].model_dump() == [s for s in before[doi] if s.usable][-1].model_dump()
        )
    assert all(after[doi][-1].state is FetchState.FAILED for doi in doomed)


def test_concurrency_and_rate_limits_are_respected(standin, tmp_path: Path) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(400)]
    store = _records(tmp_path, dois)
    standin.enforce = True
    fetcher = _fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    assert summary.fetched == 400 and standin.violations == 0 and standin.counts["list"] == 8


def test_user_agent_and_mailto_are_sent(standin, tmp_path: Path) -> None:
    seen: list[str] = []
    original = standin._server.RequestHandlerClass.do_GET

    def spy(handler):
        seen.append(handler.headers.get("User-Agent", ""))
        seen.append(handler.path)
        return original(handler)

    standin._server.RequestHandlerClass.do_GET = spy
    try:
        store = _records(tmp_path, ["10.5555/synthetic.1"])
        fetcher = _fetcher()
        fetcher.publisher = None
        fetcher.run(store, ["10.5555/synthetic.1"])
    finally:
        standin._server.RequestHandlerClass.do_GET = original
    assert seen[0].startswith("credit-tracker/0.1.0 (") and "mailto:tests@example.org" in seen[0]
    assert (
        "mailto=tests%40example.org" in seen[1] and "filter=doi%3A10.5555%2Fsynthetic.1" in seen[1]
    )


def test_fetch_command_end_to_end(standin, runner: CliRunner, records_dir: Path) -> None:
    from .test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.1371/journal.pone.0185809", str(EXAMPLE)])
    result = runner.invoke(cli, ["fetch"])
    assert result.exit_code == 0, result.stderr
    assert "warning: no --mailto given" in result.stderr
    assert (
        "fetch: 1 fetched, 1 changed, 0 not found, 0 failed, 1 XML download(s) (0 failed)"
        in result.stderr
    )
    quiet = runner.invoke(cli, ["fetch", "--quiet", "--mailto", "x@example.org"])
    assert (
        quiet.exit_code == 0 and "warning" not in quiet.stderr and "fetched 1/1" not in quiet.stderr
    )


def test_fetch_command_with_a_local_jats_file(runner: CliRunner, records_dir: Path) -> None:
    from .conftest import FIXTURES
    from .test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.1371/journal.pone.0185809", str(EXAMPLE)])
    path = FIXTURES / "allofplos" / "journal.pone.0185809.xml"
    result = runner.invoke(cli, ["fetch", "10.1371/journal.pone.0185809", "--jats", str(path)])
    assert result.exit_code == 0, result.stderr
    shot = Store(records_dir).load().snapshots["10.1371/journal.pone.0185809"][0]
    assert shot.url == f"file:{path}" and len(shot.authors) == 12
    wrong = runner.invoke(
        cli,
        [
            "fetch",
            "10.1371/journal.pone.0185809",
            "--jats",
            str(FIXTURES / "allofplos" / "journal.pbio.2002399.xml"),
        ],
    )
    assert (
        wrong.exit_code == 2 and "about another DOI (10.1371/journal.pbio.2002399)" in wrong.stderr
    )


def test_fetch_command_reports_failures_with_exit_3(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    from .test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.5555/synthetic.7", str(EXAMPLE)])
    standin.inject("500", times=-1)
    result = runner.invoke(cli, ["fetch", "--quiet"], env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 3
    assert "could not fetch 10.5555/synthetic.7: HTTP 500" in result.stderr


def test_a_correction_known_only_by_its_title_is_attached_to_its_article(
    standin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_tracker.rules.check import FailPolicy, run_check
    from credit_tracker.standin import synthetic_work

    article, notice = "10.7717/peerj.4580", "10.7717/peerj.4580/correction-1"
    # The real correction is recorded; the article itself is not, so the stand-in gets a synthetic
    # one.
    monkeypatch.setitem(standin.catalogue.works, article, synthetic_work(article))
    store = _records(tmp_path, [article, notice])
    fetcher = _fetcher()
    fetcher.publisher = None
    fetcher.run(store, [article, notice])
    records = store.load()
    crossref = [s for s in records.snapshots[article] if s.source is SourceKind.CROSSREF][-1]
    assert [(n.doi, n.kind, n.how) for n in crossref.notices] == [(notice, "correction", "title")]
    report = run_check(records, [article, notice], FailPolicy())
    corrections = [
        f for f in report.findings if f.doi == article and f.rule == "correction-published"
    ]
    assert [f.observed for f in corrections] == [notice]
    assert [u.reason for u in report.unverified if u.doi == notice] == [
        "this DOI is a correction or retraction notice about 10.7717/peerj.4580, not an article; track the article instead"
    ]
