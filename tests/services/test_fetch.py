"""Fetching through the real path (requests + habanero's filter syntax) against the stand-in.

Failures, retries and the stop rule are in test_fetch_faults.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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
from credit_tracker.store.folder import Store

PLOS = [
    "10.1371/journal.pone.0185809",
    "10.1371/journal.pbio.2002399",
    "10.1371/journal.pone.0160653",
]
EPMC = ["10.7554/elife.05031"]


def make_records(folder: Path, dois: list[str]) -> Store:
    """A records folder with an empty record for each DOI."""
    store = Store(folder)
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    return store


def make_fetcher(
    backoff: float = 0.01,
    timeout: float = 5.0,
    max_backoff: float = 0.2,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetcher:
    """A fetcher pointed at the stand-in, with quick retries."""
    services = Services.from_env("tests@example.org")
    client = PoliteClient(
        user_agent(services.mailto, "test"),
        backoff_base=backoff,
        max_backoff=max_backoff,
        timeout=timeout,
        sleep=sleep,
    )
    return Fetcher(
        crossref=CrossrefClient(client, services.crossref_url, services.mailto),
        publisher=PublisherClient(client, services.plos_url, services.europepmc_url),
    )


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
    store = make_records(tmp_path, dois)
    summary = make_fetcher().run(store, dois)
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
    again = make_fetcher().run(store, dois)
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
    store = make_records(tmp_path, PLOS[:1])
    make_fetcher().run(store, PLOS[:1])
    work = fast_xml.catalogue.works[PLOS[0]]
    monkeypatch.setitem(fast_xml.catalogue.works, PLOS[0], dict(work, title=["A corrected title"]))
    fast_xml.reset_counts()
    summary = make_fetcher().run(store, PLOS[:1])
    assert summary.changed == 1 and fast_xml.counts.get("plos") == 1
    history = [s for s in store.load().snapshots[PLOS[0]] if s.source is SourceKind.CROSSREF]
    assert [s.title for s in history] == [
        work["title"][0],
        "A corrected title",
    ]  # the earlier snapshot is kept


def test_old_xml_is_refetched_after_the_maximum_age(fast_xml, tmp_path: Path) -> None:
    store = make_records(tmp_path, PLOS[:1])
    fetcher = make_fetcher()
    fetcher.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    fetcher.run(store, PLOS[:1])
    fast_xml.reset_counts()
    later = make_fetcher()
    later.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=31)
    later.run(store, PLOS[:1])
    assert fast_xml.counts.get("plos") == 1


def test_recorded_answers_are_replayed_byte_for_byte(standin, tmp_path: Path) -> None:
    """The recorded multi-DOI list query (rcrossref) is answered from the recording itself."""
    dois = ["10.1007/s11192-025-05390-3", "10.1162/qss_a_00348", "10.1007/10452.1573-5125"]
    store = make_records(tmp_path, dois)
    fetcher = make_fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    assert summary.fetched == 3 and standin.counts == {"list": 1}
    shots = store.load().snapshots
    assert shots["10.1162/qss_a_00348"][0].authors[0].orcid_authenticated is True


def test_user_agent_and_mailto_are_sent(standin, tmp_path: Path) -> None:
    store = make_records(tmp_path, ["10.5555/synthetic.1"])
    fetcher = make_fetcher()
    fetcher.publisher = None
    fetcher.run(store, ["10.5555/synthetic.1"])
    (seen,) = standin.seen
    agent = seen.headers["user-agent"]
    assert agent.startswith("credit-tracker/0.1.0 (") and "mailto:tests@example.org" in agent
    assert "mailto=tests%40example.org" in seen.path
    assert "filter=doi%3A10.5555%2Fsynthetic.1" in seen.path


def test_fetch_command_end_to_end(standin, runner: CliRunner, records_dir: Path) -> None:
    from tests.cli.test_cli_records import EXAMPLE

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
    from tests.cli.test_cli_records import EXAMPLE
    from tests.conftest import FIXTURES

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


def test_a_correction_known_only_by_its_title_is_attached_to_its_article(
    standin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_tracker.check.policy import FailPolicy
    from credit_tracker.check.run import run_check
    from credit_tracker.standin import synthetic_work

    article, notice = "10.7717/peerj.4580", "10.7717/peerj.4580/correction-1"
    # The real correction is recorded; the article itself is not, so the stand-in gets a synthetic
    # one.
    monkeypatch.setitem(standin.catalogue.works, article, synthetic_work(article))
    store = make_records(tmp_path, [article, notice])
    fetcher = make_fetcher()
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
        "this DOI is a correction or retraction notice about 10.7717/peerj.4580, not an article; "
        "track the article instead"
    ]


def test_refresh_xml_reads_the_publisher_again_for_those_dois_only(
    fast_xml, tmp_path: Path
) -> None:
    store = make_records(tmp_path, PLOS)
    assert make_fetcher().run(store, PLOS).xml_downloads == len(PLOS)
    fetcher = make_fetcher()
    fetcher.refresh_xml = frozenset(PLOS[:1])
    plos_before = fast_xml.counts["plos"]
    again = fetcher.run(store, PLOS)
    # Crossref shows no change and the copies are new: only the DOI asked for is read again
    assert again.xml_downloads == 1 and fast_xml.counts["plos"] == plos_before + 1
    jats = [s for s in store.load().snapshots[PLOS[0]] if s.source is SourceKind.JATS]
    assert len(jats) >= 1 and jats[-1].state is FetchState.OK


def test_fetch_fills_missing_titles_journals_and_years_and_keeps_what_was_typed(
    fast_xml, runner: CliRunner, records_dir: Path
) -> None:
    from tests.cli.test_cli_records import EXAMPLE

    # two recorded Crossref items: one's recording carries no dates, the other's 'issued' 2016
    typed, bare = PLOS[0], "10.1002/ece3.2314"
    runner.invoke(cli, ["records", "import", typed, str(EXAMPLE), "--title", "Our own title"])
    runner.invoke(cli, ["records", "import", bare, str(EXAMPLE)])
    result = runner.invoke(cli, ["fetch", "--no-xml"], env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 0, result.output
    assert "2 record(s) given their title, journal or year from Crossref" in result.stderr
    articles = Store(records_dir).load().articles
    assert articles[typed].title == "Our own title" and articles[typed].journal == "PLOS ONE"
    assert articles[typed].year is None  # the recording has no dates: nothing is made up
    crossref = [
        s for s in Store(records_dir).load().snapshots[bare] if s.source is SourceKind.CROSSREF
    ][-1]
    assert articles[bare].title == crossref.title and crossref.title
    assert (articles[bare].journal, articles[bare].year) == ("Ecology and Evolution", 2016)
    shown = runner.invoke(cli, ["records", "show", bare]).stdout
    assert crossref.title in shown
    again = runner.invoke(cli, ["fetch", "--no-xml"], env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert "given their title" not in again.stderr  # filled once; nothing left to fill


def test_xml_put_back_as_an_earlier_copy_counts_as_changed_and_says_which_copy(
    fast_xml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publisher that reverts its article file serves bytes the store has seen before, but not
    the last time: that is a change (back to the earlier copy), never "0 changed"."""
    from credit_tracker.render.lines import fetch_line

    store = make_records(tmp_path, PLOS[:1])
    original = fast_xml.catalogue.xml[PLOS[0]]
    nights = [datetime(2026, 12, day, 3, tzinfo=UTC) for day in (8, 9, 10, 11)]

    def night(n: int):
        fetcher = make_fetcher()
        fetcher.clock = lambda: nights[n]
        fetcher.xml_max_age = timedelta(0)
        return fetcher.run(store, PLOS[:1])

    assert night(0).changed == 1  # the first reading
    assert night(1).changed == 0  # the same bytes again
    edited = original.replace(b"<given-names>Caspar A.", b"<given-names>Caspar", 1)
    assert edited != original
    monkeypatch.setitem(fast_xml.catalogue.xml, PLOS[0], edited)
    changed = night(2)
    assert changed.changed == 1 and changed.reverted == []
    assert "1 changed, 0 not found" in fetch_line(changed)
    monkeypatch.setitem(fast_xml.catalogue.xml, PLOS[0], original)
    back = night(3)
    assert back.changed == 1
    assert [(r.doi, r.source, r.copy_of.isoformat()) for r in back.reverted] == [
        (PLOS[0], SourceKind.JATS, "2026-12-08")
    ]
    assert fetch_line(back).startswith(
        "fetch: 1 fetched, 1 changed (publisher XML back to the 2026-12-08 copy), 0 not found"
    )
