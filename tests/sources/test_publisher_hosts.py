"""Publisher hosts in the transport and the full-text client: each its own, keys kept to their
publisher, an announced quota honoured, a failing host left without stopping the run."""

from __future__ import annotations

import pytest

from credit_tracker.domain.coverage import Channel
from credit_tracker.domain.errors import HostRefused, TransportFailure
from credit_tracker.domain.fulltext import FullTextLink
from credit_tracker.sources.fulltext import FullTextClient
from credit_tracker.sources.limits import quota_used_up
from credit_tracker.sources.results import Fetched, NoAccess
from credit_tracker.sources.settings import PublisherSettings, Services
from credit_tracker.sources.transport import PoliteClient
from credit_tracker.standin import Limits, StandIn
from credit_tracker.standin.cassettes import load_cassette
from tests.conftest import PUBLISHERS

SCOPUS = PUBLISHERS / "ropensci+fulltext/tests/fixtures/ft_search_scopus.yml"


def client(backoff: float = 0.01) -> PoliteClient:
    return PoliteClient("credit-tracker tests", backoff_base=backoff, max_backoff=0.2)


def test_elseviers_announced_quota_is_read_from_its_real_answer() -> None:
    ((_, answer),) = load_cassette(SCOPUS)
    assert answer.headers["x-ratelimit-remaining"] == "19880"
    assert quota_used_up(answer.headers) is None
    used_up = {**answer.headers, "x-ratelimit-remaining": "0"}
    assert quota_used_up(used_up) == (
        "the key's quota of 20000 requests is used up until 2020-07-08 12:17 UTC "
        "(x-ratelimit-remaining: 0)"
    )


def test_a_host_whose_quota_is_used_up_is_not_asked_again(standin: StandIn) -> None:
    standin.limits = Limits(quota={"api.elsevier.com": 0})
    http = client()
    url = f"{standin.url}/elsevier/content/article/doi/10.1/a"
    assert http.get(url, kind="api.elsevier.com", host="api.elsevier.com").status == 404
    with pytest.raises(HostRefused, match=r"api\.elsevier\.com: the key's quota of 20000 requests"):
        http.get(url, kind="api.elsevier.com", host="api.elsevier.com")
    assert standin.counts["api.elsevier.com"] == 1 and not http.stopped


def test_a_failing_publisher_host_is_left_and_the_run_goes_on(standin: StandIn) -> None:
    http = client()
    standin.inject("503", where="flaky.example", times=-1)
    url = f"{standin.url}/links/flaky.example/a.pdf"
    for _ in range(2):
        with pytest.raises(TransportFailure) as failed:
            http.get(url, kind="flaky.example", host="flaky.example")
        assert failed.value.status == 503
    with pytest.raises(HostRefused, match=r"flaky\.example failed repeatedly this run"):
        http.get(url, kind="flaky.example", host="flaky.example")
    assert not http.stopped  # Crossref's requests go on
    assert (
        http.get(f"{standin.url}/crossref/works/10.5555/synthetic.1", kind="single").status == 200
    )


def test_crossref_failing_is_given_up_alone_too(standin: StandIn) -> None:
    """The same failures on Crossref (no host named) give up Crossref's server, not the run:
    a publisher host is still asked."""
    http = client()
    standin.inject("503", where="single", times=-1)
    for _ in range(2):
        with pytest.raises(TransportFailure):
            http.get(f"{standin.url}/crossref/works/10.5555/synthetic.1", kind="single")
    with pytest.raises(HostRefused, match="failed repeatedly this run"):
        http.get(f"{standin.url}/crossref/works/10.5555/synthetic.1", kind="single")
    assert not http.stopped
    url = f"{standin.url}/links/flaky.example/a.pdf"
    assert http.get(url, kind="flaky.example", host="flaky.example").status == 404


def test_keys_attach_only_to_their_publishers_hosts(standin: StandIn) -> None:
    settings = PublisherSettings(
        links_url=f"{standin.url}/links",
        elsevier_url=f"{standin.url}/elsevier",
        elsevier_key="TESTKEY-E",
        wiley_url=f"{standin.url}/wiley",
    )
    fulltext = FullTextClient(client(), settings)
    links = [
        FullTextLink(
            url="https://api.wiley.com/onlinelibrary/tdm/v1/articles/10.1%2Fa", version="vor"
        ),
        FullTextLink(
            url="https://api.elsevier.com/content/article/PII:S1?httpAccept=text/xml",
            content_type="text/xml",
            version="vor",
        ),
        FullTextLink(url="https://peerj.com/articles/1.pdf", content_type="application/pdf"),
    ]
    usable, no_keys = fulltext.candidates("10.1/a", "78", links)
    assert [(c.host, c.api.key if c.api else None) for c in usable] == [
        ("api.elsevier.com", "TESTKEY-E"),
        ("peerj.com", None),
    ]
    assert [entry.api.channel for entry in no_keys] == [Channel.WILEY_TDM]
    assert usable[0].channel is Channel.ELSEVIER_API and usable[1].channel is Channel.LINK_PDF


def test_a_refusal_is_no_access_and_an_answer_keeps_the_publishers_address(
    standin: StandIn,
) -> None:
    services = Services.from_env()
    assert services.publishers is not None
    fulltext = FullTextClient(client(), services.publishers)
    link = FullTextLink(
        url="https://www.mdpi.com/2072-6694/14/19/4849/pdf",
        application="similarity-checking",
    )
    (candidate,), _ = fulltext.candidates("10.3390/cancers14194849", "1968", [link])
    found = fulltext.fetch("10.3390/cancers14194849", candidate)
    assert isinstance(found, Fetched) and found.url == link.url
    assert found.content.body.startswith(b"%PDF")
    standin.inject("403", where="www.mdpi.com")
    refused = fulltext.fetch("10.3390/cancers14194849", candidate)
    assert refused == NoAccess(
        "10.3390/cancers14194849", link.url, "refused: HTTP 403 at www.mdpi.com"
    )
