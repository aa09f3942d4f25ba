"""Crossref work records from the real recordings, parsed, checked against values read by hand."""

from __future__ import annotations

import json

import pytest

from credit_tracker.parse.crossref import content_hash, is_notice, notice_target, parse_work
from credit_tracker.sources.crossref import doi_filter
from tests.conftest import DATA
from tests.crossref_data import works_in

HTTPX2 = "habanero/httpx2-2026-06-16_HEAD/"
REQ2024 = "habanero/requests-2024-01-15_67279bd/"


def test_plos_2012_with_a_correction_linked_by_updated_by() -> None:
    work = parse_work(
        works_in(HTTPX2 + "test_works_with_one_id.yaml")["10.1371/journal.pone.0033693"]
    )
    assert [a.raw for a in work.authors][:2] == ["Shankar Sadasivan", "Brooks B. Pond"]
    assert len(work.authors) == 6
    assert all(
        a.roles is None for a in work.authors
    )  # vocabulary 'crossref' ('author') is not CRediT
    assert [(n.doi, n.kind, n.date) for n in work.notices] == [
        ("10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda", "correction", "2012-05-08")
    ]
    older = parse_work(
        works_in(REQ2024 + "test_works_with_one_id.yaml")["10.1371/journal.pone.0033693"]
    )
    assert older.notices == []  # the 2024 recording had no updated-by yet


def test_organisation_authors_keep_their_raw_text() -> None:
    gtex = parse_work(works_in("commonmeta-ruby/author_literal.yml")["10.1038/ng.3834"])
    assert (
        gtex.authors[1].organisation
        and gtex.authors[1].raw == "GTEx Consortium"
        and gtex.authors[1].position == 2
    )
    assert (
        gtex.authors[2].orcid == "0000-0002-1930-9265"
        and gtex.authors[2].orcid_authenticated is False
    )
    efsa = parse_work(works_in("commonmeta-ruby/OP.yml")["10.2903/j.efsa.2018.5239"])
    panel = next(a for a in efsa.authors if a.organisation)
    assert (
        panel.raw == "EFSA Panel\u00a0on Food Additives and Nutrient Sources added to Food (ANS)"
    )  # NBSP kept
    survey = parse_work(works_in("rcrossref/cr_works__parses_links.yml")["10.4095/110861"])
    assert [(a.raw, a.organisation) for a in survey.authors] == [
        ("Geological Survey of Canada", True)
    ]


def test_authenticated_orcids_and_a_self_pointing_new_version() -> None:
    message = works_in("commonmeta-py/test_article_with_pages.yaml")["10.1371/journal.ppat.1008184"]
    work = parse_work(message)
    assert [a.raw for a in work.authors] == [
        "Christian Twittenhoff",
        "Ann Kathrin Heroven",
        "Sabrina Mühlen",
        "Petra Dersch",
        "Franz Narberhaus",
    ]
    assert (work.authors[3].orcid, work.authors[3].orcid_authenticated) == (
        "0000-0001-8177-3280",
        True,
    )
    assert work.notices == [] and not is_notice(message)  # update-to new_version points at itself


def test_the_same_orcid_authenticated_in_one_record_and_not_in_another() -> None:
    works = works_in("rcrossref/tests/fixtures/cr_works_doi_filter.yml")
    assert parse_work(works["10.1162/qss_a_00348"]).authors[0].orcid_authenticated is True
    assert parse_work(works["10.1007/s11192-025-05390-3"]).authors[0].orcid_authenticated is False
    assert parse_work(works["10.1007/10452.1573-5125"]).authors == []


def test_particles_and_diacritics() -> None:
    prefix = works_in(REQ2024 + "test_prefixes_field_queries.yaml")
    first = parse_work(prefix["10.1371/journal.pbio.0050002"]).authors[0]
    assert (first.name.given, first.name.particle, first.name.family) == (
        "Ingrid",
        "van der",
        "Pluijm",
    )
    assert (
        parse_work(prefix["10.1371/journal.pone.0289221"]).authors[1].raw == "Janine Wäge-Recchioni"
    )
    assert (
        parse_work(works_in("rcrossref/cr_works_warns_well.yml")["10.1038/nnano.2014.279"])
        .authors[1]
        .raw
        == "Günter Reiss"
    )


def test_a_correction_recognisable_only_by_its_title() -> None:
    message = works_in(REQ2024 + "test_journals_mixed_ids_works_warn.yaml")[
        "10.7717/peerj.4580/correction-1"
    ]
    assert message.get("update-to") is None
    assert is_notice(message)
    assert notice_target(message) == "10.7717/peerj.4580"


def test_crossref_credit_roles_schema_5_5() -> None:
    """No real record carries vocabulary 'credit' yet; the derived file adds one (see its note)."""
    message = json.loads(
        (DATA / "crossref" / "work-with-credit-roles.derived.json").read_text(encoding="utf-8")
    )
    work = parse_work(message)
    dersch = work.authors[3]
    assert [(r.role, r.label) for r in dersch.roles] == [
        ("conceptualization", "conceptualization"),
        ("writing-review-editing", "writing-review-editing"),
    ]
    assert work.authors[0].roles == []  # the record carries roles, just none for this author


def test_content_hash_ignores_bookkeeping() -> None:
    message = works_in("commonmeta-py/test_article_with_pages.yaml")["10.1371/journal.ppat.1008184"]
    changed = dict(message, indexed={"date-time": "2030-01-01T00:00:00Z"}, score=99)
    assert content_hash(changed) == content_hash(message)
    assert content_hash(dict(message, title=["Another title"])) != content_hash(message)


def test_doi_filter_uses_habaneros_syntax() -> None:
    assert doi_filter(["10.1/a", "10.2/b"]) == "doi:10.1/a,doi:10.2/b"


CASSETTE_AUTHORS = [
    # (cassette, DOI, number of authors, {index: (raw, orcid, authenticated)}), read by hand
    (
        HTTPX2 + "test_workscontainer_with_two_ids.yaml",
        "10.1136/jclinpath-2020-206745",
        15,
        {0: ("Jun Xu", None, None)},
    ),
    (
        HTTPX2 + "test_workscontainer_with_two_ids.yaml",
        "10.1136/esmoopen-2020-000776",
        13,
        {0: ("Satoru Iwasa", "0000-0003-3863-9582", False)},
    ),
    (
        REQ2024 + "test_works_mixed_ids_warn.yaml",
        "10.1371/journal.pone.0020476",
        5,
        {0: ("Rym Boulkedid", None, None)},
    ),
    (
        REQ2024 + "test_works_field_queries.yaml",
        "10.1111/2041-210x.13501",
        None,
        {1: ("Iadine Chadès", "0000-0002-7442-2850", False)},
    ),
    (
        "habanero/test/cassettes/test-works/test_works_field_queries.yaml",
        "10.32614/cran.package.rfishbase",
        None,
        {
            0: ("Carl Boettiger", "0000-0002-1642-628X", True),
            1: ("Scott Chamberlain", "0000-0003-1444-9135", True),
        },
    ),
    (
        "rcrossref/cr_works_empty_funder.yml",
        "10.3389/fgene.2017.00147",
        3,
        {0: ("Josef Pánek", None, None), 1: ("Martin Modrák", None, None)},
    ),
]


@pytest.mark.parametrize(
    ("cassette", "doi", "count", "expected"), CASSETTE_AUTHORS, ids=[c[1] for c in CASSETTE_AUTHORS]
)
def test_recorded_works(cassette: str, doi: str, count: int | None, expected: dict) -> None:
    work = parse_work(works_in(cassette)[doi])
    if count is not None:
        assert len(work.authors) == count
    for index, (raw, orcid, authenticated) in expected.items():
        author = work.authors[index] if index < len(work.authors) else None
        if raw == "Iadine Chadès":
            author = next(a for a in work.authors if a.raw == raw)
        assert (author.raw, author.orcid, author.orcid_authenticated) == (raw, orcid, authenticated)


def test_member_works_cassette_parses() -> None:
    works = works_in("habanero/test/cassettes/test-members/test_members_field_queries.yaml")
    assert len(works) == 7
    assert all(parse_work(message).title for message in works.values())
