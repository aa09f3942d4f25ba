"""Crossref's full-text links: read from real records, tried in the documented order; and the
coverage totals (pure)."""

from __future__ import annotations

import json

from credit_tracker.domain.coverage import (
    Channel,
    Lack,
    RoleSourceMissing,
    RoleSourceRead,
    coverage,
    first_lack,
)
from credit_tracker.domain.fulltext import FullTextLink, LinkFormat, ranked
from credit_tracker.parse.crossref import parse_work
from credit_tracker.standin.cassettes import load_cassette
from tests.conftest import PUBLISHERS

RUBY = PUBLISHERS / (
    "front-matter+commonmeta-ruby/spec/fixtures/vcr_cassettes/Commonmeta_Metadata/"
    "get_crossref_metadata"
)


def _work(cassette, doi: str):
    for url, recording in load_cassette(cassette):
        if url.endswith(f"/works/{doi}") or url.lower().endswith(f"/works/{doi}".lower()):
            return parse_work(json.loads(recording.body)["message"])
    raise AssertionError(f"{doi} not in {cassette}")


def test_the_record_gives_the_publishers_name_member_and_links() -> None:
    work = _work(RUBY / "multiple_titles_with_missing.yml", "10.1186/1471-2164-7-187")
    assert (work.publisher, work.member) == ("Springer Science and Business Media LLC", "297")
    assert [(link.format, link.application) for link in work.links] == [
        (LinkFormat.PDF, "text-mining"),
        (LinkFormat.HTML, "text-mining"),
        (LinkFormat.PDF, "similarity-checking"),
    ]


def test_a_transferred_title_keeps_its_prefix_but_names_its_new_publisher() -> None:
    cassette = PUBLISHERS / (
        "ropensci+crminer/tests/fixtures/crm_text_plain_elsevier_doi_transfer.derived.yml"
    )
    work = _work(cassette, "10.1016/j.intacc.2003.09.001")
    assert work.publisher == "World Scientific Pub Co Pte Lt" and work.member == "219"
    assert {urlhost(link.url) for link in work.links} == {"api.elsevier.com"}


def urlhost(url: str) -> str:
    return url.split("/")[2]


def test_links_are_tried_version_of_record_first_then_xml_pdf_text_and_never_pages() -> None:
    peerj = _work(
        PUBLISHERS / "ropensci+crminer/tests/fixtures/crm_links.yml", "10.7717/peerj.1268"
    )
    assert [link.url for link in ranked(peerj.links)] == [
        "https://peerj.com/articles/1268.xml",
        "https://peerj.com/articles/1268.pdf",  # text-mining, before its similarity-checking twin
    ]
    links = [
        FullTextLink(url="https://x.org/am.xml", content_type="application/xml", version="am"),
        FullTextLink(url="https://x.org/vor.txt", content_type="text/plain", version="vor"),
        FullTextLink(url="https://x.org/vor.pdf", content_type="application/pdf", version="vor"),
        FullTextLink(url="https://x.org/page", content_type="text/html", version="vor"),
    ]
    assert [link.url for link in ranked(links)] == [
        "https://x.org/vor.pdf",
        "https://x.org/vor.txt",
        "https://x.org/am.xml",
    ]


def test_similarity_checking_links_are_tried_only_where_they_name_a_file() -> None:
    mdpi = _work(RUBY / "missing_contributor.yml", "10.3390/publications6020015")
    assert [link.url for link in ranked(mdpi.links)] == [
        "https://www.mdpi.com/2304-6775/6/2/15/pdf"
    ]
    frontiers = _work(RUBY / "journal_article_with_funding.yml", "10.3389/fpls.2019.00816")
    assert frontiers.links and ranked(frontiers.links) == []  # '…/full' is a page


def test_coverage_totals_by_publisher() -> None:
    read = RoleSourceRead(channel=Channel.LINK_PDF, roles_stated=True)
    closed = RoleSourceMissing(lack=Lack.NO_ACCESS)
    totals = coverage(
        [("Wiley", read), ("Wiley", closed), ("Wiley", None), ("MDPI AG", read), ("PLOS", closed)]
    )
    assert [(p.publisher, p.articles) for p in totals.publishers] == [
        ("Wiley", 3),
        ("MDPI AG", 1),
        ("PLOS", 1),
    ]
    wiley = totals.publishers[0]
    assert (wiley.with_source, wiley.without_source, wiley.not_asked) == (1, 1, 1)
    assert totals.total.read == {Channel.LINK_PDF: 2} and totals.total.missing == {
        Lack.NO_ACCESS: 2
    }


def test_the_most_telling_reason_wins() -> None:
    reasons = [
        RoleSourceMissing(lack=Lack.NO_LINK),
        RoleSourceMissing(lack=Lack.NO_ACCESS),
        RoleSourceMissing(lack=Lack.NO_KEY),
    ]
    assert first_lack(reasons) == RoleSourceMissing(lack=Lack.NO_KEY)
    assert first_lack([*reasons, RoleSourceMissing(lack=Lack.FAILED)]).lack is Lack.FAILED
    assert first_lack([]) is None
