"""Every answer is bounded: in size while it streams in, in total time, and in Retry-After waits.

The stand-in acts out each hostile server (a byte at a time for ever, a 1.5 GiB length announced,
a body without end, a day's Retry-After) for every service the tool asks. The outcomes do not
depend on the machine's speed: the bodies never end, so only the bounds can end the requests.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import TransportFailure
from credit_tracker.domain.models import FetchState, SourceKind
from credit_tracker.sources.settings import user_agent
from credit_tracker.sources.transport import PoliteClient
from credit_tracker.store.folder import Store

# One request per service the tool asks, as the stand-in counts it.
SERVICES = {
    "list": "/crossref/works?filter=doi:10.5555/synthetic.1",
    "single": "/crossref/works/10.5555/synthetic.1",
    "plos": "/plos/plosone/article/file?id=10.1371/journal.pone.0185809&type=manuscript",
    "europepmc": "/europepmc/search?query=DOI:10.7554/elife.05031&format=json",
    "orcid": "/orcid/0000-0003-1444-9135/works",
}
MiB = 1024 * 1024


def _client(**bounds: float) -> PoliteClient:
    return PoliteClient(user_agent(None, "test"), timeout=30, backoff_base=0.01, **bounds)


@pytest.mark.parametrize("kind", sorted(SERVICES))
def test_a_trickling_answer_ends_at_the_request_deadline(standin, kind: str) -> None:
    standin.inject("trickle", where=kind)
    client = _client(deadline=0.5)
    with pytest.raises(TransportFailure, match=r"took longer than 0.5 s in all$"):
        client.get(standin.url + SERVICES[kind], kind=kind)
    assert standin.counts[kind] == 1  # not retried: the same server would trickle again


@pytest.mark.parametrize("kind", sorted(SERVICES))
def test_an_announced_huge_answer_is_refused_before_its_body(standin, kind: str) -> None:
    standin.inject("huge", where=kind)
    client = _client(max_body=MiB)
    with pytest.raises(TransportFailure, match=r"larger than 1 MiB \(1610612736 bytes\)"):
        client.get(standin.url + SERVICES[kind], kind=kind)
    assert standin.counts[kind] == 1


@pytest.mark.parametrize("kind", sorted(SERVICES))
def test_an_endless_answer_is_cut_at_the_size_cap_without_being_held(standin, kind: str) -> None:
    standin.inject("endless", where=kind)
    client = _client(max_body=4 * MiB)
    tracemalloc.start()
    try:
        with pytest.raises(TransportFailure, match=r"larger than 4 MiB$"):
            client.get(standin.url + SERVICES[kind], kind=kind)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # what was held is the cap and one piece, not what the server sent
    assert peak < 12 * MiB


def test_a_retry_after_longer_than_the_cap_gives_the_request_up_at_once(standin) -> None:
    standin.inject("429", where="list", retry_after="99999")
    slept: list[float] = []
    client = PoliteClient(user_agent(None, "test"), max_backoff=60, sleep=slept.append)
    with pytest.raises(TransportFailure, match=r"asked to wait 99999 s \(Retry-After\), longer"):
        client.get(standin.url + SERVICES["list"], kind="list")
    assert standin.counts["list"] == 1 and not [s for s in slept if s > 1]
    assert client.counters.long_waits_refused == 1


def _tracked(runner: CliRunner, doi: str) -> None:
    from tests.cli.test_cli_records import EXAMPLE

    result = runner.invoke(cli, ["records", "import", doi, str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def test_fetch_with_a_trickling_publisher_ends_unverified_and_releases_the_lock(
    fast_xml, runner: CliRunner, records_dir: Path
) -> None:
    doi = "10.1371/journal.pone.0185809"
    _tracked(runner, doi)
    fast_xml.inject("trickle", where="plos")
    env = {"CREDIT_TRACKER_DEADLINE": "1", "CREDIT_TRACKER_BACKOFF": "0.01"}
    result = runner.invoke(cli, ["fetch", "--quiet", doi], env=env)
    assert result.exit_code == 3, result.output
    assert f"could not fetch {doi}: publisher XML: the answer took longer than 1 s" in (
        result.stderr
    )
    jats = [s for s in Store(records_dir).load().snapshots[doi] if s.source is SourceKind.JATS]
    assert jats[-1].state is FetchState.FAILED
    # the lock was released: the next write command runs
    assert runner.invoke(cli, ["fetch", "--quiet", "--no-xml", doi], env=env).exit_code == 0


def test_fetch_with_an_endless_crossref_answer_is_could_not_fetch(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    doi = "10.5555/synthetic.3"
    _tracked(runner, doi)
    standin.inject("endless", times=-1, where="crossref")
    env = {"CREDIT_TRACKER_MAX_BODY_MB": "2", "CREDIT_TRACKER_BACKOFF": "0.01"}
    result = runner.invoke(cli, ["fetch", "--quiet", "--no-xml", doi], env=env)
    assert result.exit_code == 3, result.output
    assert f"could not fetch {doi}: " in result.stderr
    assert "the answer is larger than 2 MiB" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "ten"])
def test_bounds_from_the_environment_must_be_non_negative_numbers(
    runner: CliRunner, records_dir: Path, value: str
) -> None:
    result = runner.invoke(cli, ["fetch", "--quiet"], env={"CREDIT_TRACKER_DEADLINE": value})
    assert result.exit_code == 2
    assert "CREDIT_TRACKER_DEADLINE" in result.stderr and "non-negative number" in result.stderr


def test_fetch_says_in_its_summary_that_a_long_retry_after_was_not_waited(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    doi = "10.5555/synthetic.4"
    _tracked(runner, doi)
    standin.inject("503", where="list", retry_after="99999")
    result = runner.invoke(cli, ["fetch", "--quiet", "--no-xml", doi])
    assert result.exit_code == 3, result.output
    assert "asked to wait 99999 s (Retry-After), longer than the 60 s this run waits" in (
        result.stderr
    )
    assert "1 request(s) given up at once: the service asked (Retry-After)" in result.stderr
