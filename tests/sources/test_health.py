"""The stop rule, one server at a time: a server that keeps failing is given up for the run, and
every other server is still asked; each kind of request's tally says which service answered."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import TransportFailure
from credit_tracker.sources.article_xml import EUROPEPMC, PLOS
from credit_tracker.sources.crossref import CROSSREF
from credit_tracker.sources.health import Service, Tally
from credit_tracker.sources.settings import user_agent
from credit_tracker.sources.transport import PoliteClient
from tests.sources.test_bounded_answers import SERVICES
from tests.sources.test_failures import _closed_port


def test_a_server_that_keeps_failing_is_given_up_and_the_others_are_still_asked(
    standin,
) -> None:
    client = PoliteClient(user_agent(None, "test"), timeout=5, backoff_base=0.001)
    dead = _closed_port()
    server = dead.split("/")[2]
    for _ in range(2):
        with pytest.raises(TransportFailure, match=r"^connection refused, after 5 tries$"):
            client.get(dead, kind="list")
    assert client.health.given_up == {server: "connection refused, after 5 tries"}
    # another server: asked as ever (the whole run stopped here before)
    answer = client.get(standin.url + SERVICES["plos"], kind="plos")
    assert answer.status == 200 and standin.counts == {"plos": 1}
    # the server given up: not asked again, failing at once with the first reason
    with pytest.raises(TransportFailure) as caught:
        client.get(dead, kind="single")
    assert caught.value.reason == (
        f"not asked: {server} failed repeatedly this run (connection refused, after 5 tries)"
    )
    assert client.counters.requests == 2 * 5 + 1 and not client.stopped
    tallies = client.tallies()
    assert tallies["list"] == Tally(answered=0, unanswered=2, reason=tallies["list"].reason)
    assert CROSSREF.unreachable(tallies) == "connection refused, after 5 tries"
    assert PLOS.unreachable(tallies) is None
    # a service on the same server, never sent a request: unreachable for the same reason
    with pytest.raises(TransportFailure, match=r"^not asked: "):
        client.get(dead.replace("/works", "/search"), kind="europepmc")
    assert EUROPEPMC.unreachable(client.tallies()) == "connection refused, after 5 tries"


@pytest.mark.parametrize(
    ("tallies", "reason"),
    [
        ({}, None),  # not asked
        (
            {"list": Tally(unanswered=3, reason="HTTP 503, after 5 tries")},
            "HTTP 503, after 5 tries",
        ),
        ({"list": Tally(unanswered=3, reason="x"), "single": Tally(answered=1)}, None),
        ({"single": Tally(unanswered=1)}, "no answer"),  # no reason known
    ],
)
def test_a_service_is_unreachable_when_asked_and_it_answered_nothing(
    tallies: dict[str, Tally], reason: str | None
) -> None:
    assert Service("Crossref", ("list", "single")).unreachable(tallies) == reason
