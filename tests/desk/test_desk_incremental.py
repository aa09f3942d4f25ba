"""The desk's whole-store survey is kept between views and compared again only where it must be.

After each kind of write (an acknowledgement, a correction request drafted and marked, a role
edit, a new spelling, a merge, a nightly fetch's new snapshot, a publisher, a removed article,
another day) the kept survey equals a fresh full check of the same files; the shards compared
again are counted (never timed).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import Options
from credit_tracker.compare.article import compare_article, latest_by_source
from credit_tracker.desk import changes as operations
from credit_tracker.domain.models import Person, Publisher, RequestState
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.survey import Survey
from credit_tracker.services import pool as check
from credit_tracker.services.pool import survey_shards
from credit_tracker.services.survey_cache import SurveyCache
from credit_tracker.store.folder import Store, shard_of
from tests.conftest import ROOT
from tests.desk.test_desk import follow, make_client, post

TODAY = date(2025, 6, 15)


@pytest.fixture
def synthetic(tmp_path: Path) -> Store:
    """300 generated articles in about 270 shards, one in 20 with a deliberate flaw."""
    spec = importlib.util.spec_from_file_location("make_store", ROOT / "bench" / "make_store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Store(module.generate(tmp_path / "store", articles=300, authors=8))


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The DOIs of every shard the cache compares, one entry per shard compared."""
    seen: list[str] = []
    real = check.compare_shard

    def counted(*args: Any) -> Any:
        _people, _publishers, articles, _snapshots, _severities = args
        seen.append(",".join(sorted(articles)))
        return real(*args)

    monkeypatch.setattr(check, "compare_shard", counted)
    yield seen


def _full(store: Store, today: date) -> Survey:
    options = Options(today=today)
    return survey_shards(
        store.load_team(), store.shards(), store.read_shard, FailPolicy(), options, workers=1
    )


def _kept(cache: SurveyCache, compared: list[str], today: date = TODAY) -> tuple[Survey, int]:
    """The kept survey, asserted equal to a full check; and how many shards it compared."""
    compared.clear()
    got = cache.survey(FailPolicy(), Options(today=today))
    full = _full(cache.store, today)
    assert got.report.model_dump() == full.report.model_dump()
    assert got.articles == full.articles
    assert got.trend == full.trend
    assert len(compared) == len(cache.last_compared)
    return got, len(compared)


def _first_finding(survey: Survey, rule: str) -> str:
    return next(f.id for f in survey.report.findings if f.rule == rule)


def test_the_first_survey_compares_every_shard_once(synthetic: Store, compared: list[str]) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, count = _kept(cache, compared)
    assert count == len(synthetic.shards()) > 200
    assert survey.report.summary.findings == 45
    assert _kept(cache, compared)[1] == 0  # nothing changed: nothing compared again


def test_an_acknowledgement_compares_nothing_again(synthetic: Store, compared: list[str]) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    finding = _first_finding(survey, "role-missing")
    operations.acknowledge(synthetic, [finding], "asked the journal", TODAY)
    after, count = _kept(cache, compared)
    assert count == 0
    assert [a.finding.id for a in after.report.acknowledged] == [finding]
    assert after.report.summary.findings == 44


def test_a_request_drafted_marked_and_gone_stale_compares_nothing_again(
    synthetic: Store, compared: list[str]
) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    doi = next(f.doi for f in survey.report.findings if f.rule == "role-missing")
    request, _errors = operations.draft_request(synthetic, doi, [], TODAY)
    assert _kept(cache, compared)[1] == 0
    operations.mark_request(synthetic, request.id, RequestState.SENT, TODAY, "sent by mail")
    pending, count = _kept(cache, compared)
    assert count == 0 and pending.report.summary.pending > 0
    later, count = _kept(cache, compared, today=TODAY + timedelta(days=90))
    assert count == 0 and later.report.summary.pending == 0  # stale: open again


def _no_roles_for_the_first_author(store: Store, doi: str) -> None:
    byline = [author.person for author in store.load([doi]).articles[doi].authors]
    operations.save_roles(store, doi, {byline[0]: []}, byline)


def test_a_role_edit_compares_its_own_shard_only(synthetic: Store, compared: list[str]) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    doi = next(f.doi for f in survey.report.findings if f.rule == "role-missing")
    _no_roles_for_the_first_author(synthetic, doi)
    after, count = _kept(cache, compared)
    assert count == 1 and doi in compared[0].split(",")
    assert after.report.summary != survey.report.summary


def test_a_new_spelling_compares_the_shards_naming_that_person(
    synthetic: Store, compared: list[str]
) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    finding = next(f for f in survey.report.findings if f.rule == "name-spelling")
    assert finding.author is not None and finding.observed
    person = finding.author.person
    records = synthetic.load()
    naming = {
        shard_of(doi)
        for doi, record in records.articles.items()
        if any(a.person == person for a in record.authors)
    }
    operations.add_spelling(synthetic, person, finding.observed)
    after, count = _kept(cache, compared)
    assert count == len(naming) < len(synthetic.shards())
    assert finding.id not in {f.id for f in after.report.findings}


def _nightly(store: Store, doi: str, fixed: bool) -> date:
    """Store each source's next reading, a day after the last, as a nightly fetch would: the
    byline in the team's order (`fixed`), or as the source first printed it. Returns its day."""
    records = store.load([doi])
    history = records.snapshots[doi]
    at = max(shot.fetched_at for shot in history) + timedelta(days=1)
    first = {shot.source: shot for shot in reversed(history)}  # the oldest reading of each
    for kind, shot in latest_by_source(history).items():
        authors = first[kind].authors
        if fixed:
            pairs = compare_article(records.articles[doi], records.people, [shot]).pairs
            order = sorted(pairs[kind.value], key=lambda pair: pair.team)
            authors = [shot.authors[pair.source] for pair in order]
        history.append(
            shot.model_copy(update={"authors": authors, "fetched_at": at, "first_seen": at})
        )
    store.save(records, only=[doi])
    return at.date()


def test_nightly_fetches_fixing_then_undoing_compare_one_shard_each(
    synthetic: Store, compared: list[str]
) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    finding = next(f for f in survey.report.findings if f.rule == "author-order")
    operations.acknowledge(synthetic, [finding.id], "asked the journal", TODAY)
    assert _kept(cache, compared)[1] == 0
    day = _nightly(synthetic, finding.doi, fixed=True)
    fixed, count = _kept(cache, compared, today=day)
    assert count == 1
    assert [r.id for r in fixed.report.resolved] == [finding.id]
    assert finding.doi in fixed.articles  # tracked, with no finding left: still labelled
    day = _nightly(synthetic, finding.doi, fixed=False)
    undone, count = _kept(cache, compared, today=day)
    assert count == 1
    assert [r.finding.id for r in undone.report.regressed] == [finding.id]
    assert undone.trend != survey.trend


def test_a_publisher_or_a_removed_article_is_seen(synthetic: Store, compared: list[str]) -> None:
    cache = SurveyCache(synthetic, workers=1)
    survey, _ = _kept(cache, compared)
    with synthetic.transaction() as records:
        records.publishers["example"] = Publisher(
            id="example", name="Example Press", doi_prefixes=["10.5555"]
        )
    after, count = _kept(cache, compared)
    assert count == len(synthetic.shards())  # every article's label may name the publisher
    assert {info.publisher for info in after.articles.values()} == {"Example Press"}
    doi = survey.report.findings[0].doi
    with synthetic.transaction() as records:
        del records.articles[doi]
        records.snapshots.pop(doi, None)
    gone, count = _kept(cache, compared)
    assert count <= 1 and doi not in {f.doi for f in gone.report.findings}


def test_a_merge_in_the_example_records_equals_a_full_check(
    example_records: Path, compared: list[str]
) -> None:
    store = Store(example_records)
    cache = SurveyCache(store, workers=1)
    _kept(cache, compared)
    with store.transaction() as records:  # a duplicate on no byline: nothing to compare again
        duplicate = Person(id="j-illes", name=PersonName(given="J.", family="Illés"))
        records.people[duplicate.id] = duplicate
    assert _kept(cache, compared)[1] == 0
    operations.merge(store, "jane-illes", "j-illes")
    _kept(cache, compared)
    operations.add_spelling(store, "jane-illes", "Jane P. Illés")
    assert _kept(cache, compared)[1] == 1


def test_the_desk_compares_nothing_after_an_ack_and_one_shard_after_a_role_edit(
    synthetic: Store, compared: list[str]
) -> None:
    with make_client(synthetic.root) as desk:
        assert desk.get("/").status_code == 200
        assert len(compared) == len(synthetic.shards())
        survey = _full(synthetic, TODAY)
        finding = _first_finding(survey, "role-missing")
        compared.clear()
        follow(desk, post(desk, "/findings", {"finding": finding, "note": "known", "do": "ack"}))
        assert "acknowledged" in desk.get("/findings?state=acknowledged").text
        assert desk.get("/").status_code == 200
        assert compared == []
        doi = next(f.doi for f in survey.report.findings if f.rule == "author-order")
        _no_roles_for_the_first_author(synthetic, doi)
        assert desk.get("/findings").status_code == 200
        assert len(compared) == 1


def test_an_acknowledgement_checks_only_the_articles_of_its_findings(
    synthetic: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_tracker.services import acknowledging as shared

    checked: list[list[str]] = []
    real = shared.run_check

    def counted(records: Any, dois: list[str], *args: Any, **kwargs: Any) -> Any:
        checked.append(list(dois))
        return real(records, dois, *args, **kwargs)

    monkeypatch.setattr(shared, "run_check", counted)
    survey = _full(synthetic, TODAY)
    finding = next(f for f in survey.report.findings if f.rule == "role-missing")
    with make_client(synthetic.root) as desk:
        follow(desk, post(desk, "/findings", {"finding": finding.id, "note": "known", "do": "ack"}))
        assert "acknowledged" in desk.get("/findings?state=acknowledged").text
    assert checked == [[finding.doi]]  # the queue knows each finding's article: one is checked
    assert finding.id in Store(synthetic.root).load_team().acknowledgements
    # by article alone, the command checks only that article too
    other = next(f for f in survey.report.findings if f.doi != finding.doi)
    shared.acknowledge(synthetic, [], "asked", TODAY, dois=[other.doi])
    assert checked[-1] == [other.doi]
