"""The publisher's side through `fetch`, against the stand-in replaying real recorded answers
(tests/data/publishers): Crossref's full-text links, the keyed APIs, refusals, a host that
fails, the coverage lines with Crossref's names, and each host's own limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.coverage import Channel, Lack, RoleSourceMissing, RoleSourceRead
from credit_tracker.domain.models import SourceKind
from credit_tracker.domain.role_sources import role_source_of
from credit_tracker.standin import Limits, StandIn
from credit_tracker.store.folder import Store
from tests.services.test_fetch import make_records

KEYS = {
    "CREDIT_TRACKER_ELSEVIER_KEY": "TESTKEY-ELS-4f1c2d",
    "CREDIT_TRACKER_WILEY_TDM_TOKEN": "TESTKEY-WILEY-9a2e7b",
    "CREDIT_TRACKER_SPRINGER_NATURE_KEY": "TESTKEY-SN-77b0c1",
}
READ = RoleSourceRead
# What each article's publisher side gives with the office's keys, from the recorded answers.
WITH_KEYS: dict[str, RoleSourceRead | Lack] = {
    # Elsevier's article retrieval: the CRediT section of its full-text XML (derived answer)
    "10.1016/j.heliyon.2024.e31208": READ(channel=Channel.ELSEVIER_API, roles_stated=True),
    # a title moved to World Scientific, links still Elsevier's: the real plain-text answer
    "10.1016/j.intacc.2003.09.001": Lack.NO_STATEMENT,
    # Wiley's TDM API: the real PDF answer, which prints no contributions section
    "10.2903/j.efsa.2014.3550": Lack.NO_STATEMENT,
    # Wiley's full XML is Wiley's own schema: named, not read, then the TDM PDF (none recorded)
    "10.1016/s0014-5793(01)02862-9": Lack.FORMAT_NOT_READ,
    # Springer Nature's open-access API: the real JATS answer, its statement in a section
    "10.1186/s11671-021-03631-x": READ(channel=Channel.SPRINGER_NATURE_API, roles_stated=True),
    # PDFs at Crossref's links, read by the statement reader
    "10.1038/s41467-023-44148-4": READ(channel=Channel.LINK_PDF, roles_stated=True),
    "10.3390/cancers14194849": READ(channel=Channel.LINK_PDF, roles_stated=True),
    "10.1111/age.70005": READ(channel=Channel.WILEY_TDM, roles_stated=True),
    # only a page is linked (Frontiers), or the links lead nowhere (PeerJ, nothing recorded)
    "10.3389/fvets.2025.1603605": Lack.NO_LINK,
    "10.7717/peerj.1268": Lack.NO_LINK,
    # the open archives first: Europe PMC's JATS
    "10.7554/elife.05031": READ(channel=Channel.EUROPE_PMC, roles_stated=True),
}


@pytest.fixture
def publishers(standin: StandIn) -> StandIn:
    """The stand-in announcing quick limits for every host a test here reaches."""
    hosts = {kind: 50 for kind in ("list", "single", "plos", "europepmc")}
    standin.limits = Limits(rate=hosts | dict.fromkeys(HOSTS, 50))
    return standin


HOSTS = [
    "api.elsevier.com",
    "api.wiley.com",
    "onlinelibrary.wiley.com",
    "api.springernature.com",
    "www.nature.com",
    "link.springer.com",
    "www.mdpi.com",
    "peerj.com",
    "cdn.elifesciences.org",
]


def fetch(runner: CliRunner, folder: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(
        cli,
        ["--records", str(folder), "fetch", "--mailto", "t@example.org", *args],
        env=env or {},
    )


def statuses(folder: Path) -> dict[str, RoleSourceRead | RoleSourceMissing | None]:
    records = Store(folder).load()
    return {doi: role_source_of(history) for doi, history in records.snapshots.items()}


def test_each_publishers_side_is_read_with_the_offices_keys(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    make_records(tmp_path / "r", list(WITH_KEYS))
    result = fetch(runner, tmp_path / "r", env=KEYS)
    assert result.exit_code == 0, result.stderr
    found = statuses(tmp_path / "r")
    for doi, wanted in WITH_KEYS.items():
        status = found[doi]
        if isinstance(wanted, Lack):
            assert isinstance(status, RoleSourceMissing) and status.lack is wanted, doi
        else:
            assert status == wanted, doi
    assert "format not read yet: {http://www.wiley.com/namespaces/wiley}component" in (
        found["10.1016/s0014-5793(01)02862-9"].detail  # type: ignore[union-attr]
    )
    shots = Store(tmp_path / "r").load().snapshots
    mdpi = next(s for s in shots["10.3390/cancers14194849"] if s.source is SourceKind.STATEMENT)
    assert mdpi.url == "https://www.mdpi.com/2072-6694/14/19/4849/pdf" and len(mdpi.authors) == 7


def test_fetch_ends_with_a_line_per_publisher_by_crossrefs_name(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    make_records(tmp_path / "r", list(WITH_KEYS))
    lines = fetch(runner, tmp_path / "r", "--quiet", env=KEYS).stderr.splitlines()
    start = lines.index("role sources, by publisher (Crossref's name):")
    coverage = [line.strip() for line in lines[start + 1 :]]
    assert coverage[0].startswith("Wiley: 3 article(s)")  # most articles first
    assert (
        "Springer Science and Business Media LLC: 2 article(s): a role source read for 2 "
        "(1 PDF statement at a Crossref link, 1 Springer Nature API JATS; stating roles: 2)"
        in coverage
    )
    assert (
        "World Scientific Pub Co Pte Lt: 1 article(s): a role source read for 0; none for 1 "
        "(1 no statement in the file)" in coverage
    )
    assert (
        "Wiley: 3 article(s): a role source read for 1 (1 Wiley TDM PDF statement; stating "
        "roles: 1); none for 2 (1 format not read, 1 no statement in the file)" in coverage
    )
    assert coverage[-1].startswith("all publishers: 11 article(s): a role source read for 6 ")
    assert not [line for line in coverage if "DOI prefix" in line]


def test_without_a_key_a_keyed_api_is_not_asked_and_the_line_says_so(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    dois = ["10.1016/j.heliyon.2024.e31208", "10.2903/j.efsa.2014.3550", "10.1111/age.70005"]
    make_records(tmp_path / "r", dois)
    result = fetch(runner, tmp_path / "r")
    assert result.exit_code == 0, result.stderr
    found = statuses(tmp_path / "r")
    assert found["10.1016/j.heliyon.2024.e31208"] == RoleSourceMissing(
        lack=Lack.NO_KEY,
        detail="Elsevier's article retrieval API needs a key: set CREDIT_TRACKER_ELSEVIER_KEY",
    )
    assert found["10.2903/j.efsa.2014.3550"].lack is Lack.NO_KEY  # type: ignore[union-attr]
    # Wiley's open article is fetched from onlinelibrary.wiley.com without a token
    assert found["10.1111/age.70005"] == READ(channel=Channel.LINK_PDF, roles_stated=True)
    for host in ("api.elsevier.com", "api.wiley.com", "api.springernature.com"):
        assert publishers.counts.get(host, 0) == 0
    assert "Elsevier BV: 1 article(s): a role source read for 0; none for 1 (1 no key)" in (
        result.stderr
    )


def test_each_key_goes_only_to_its_publisher_and_only_as_documented(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    make_records(tmp_path / "r", list(WITH_KEYS))
    fetch(runner, tmp_path / "r", env=KEYS)
    sent = {
        key: {seen.kind for seen in publishers.seen if key in str(seen.headers) + seen.path}
        for key in KEYS.values()
    }
    assert sent == {
        KEYS["CREDIT_TRACKER_ELSEVIER_KEY"]: {"api.elsevier.com"},
        KEYS["CREDIT_TRACKER_WILEY_TDM_TOKEN"]: {"api.wiley.com", "onlinelibrary.wiley.com"},
        KEYS["CREDIT_TRACKER_SPRINGER_NATURE_KEY"]: {"api.springernature.com"},
    }
    elsevier = [s for s in publishers.seen if s.kind == "api.elsevier.com"]
    assert all(s.headers["x-els-apikey"] == KEYS["CREDIT_TRACKER_ELSEVIER_KEY"] for s in elsevier)
    assert all("apikey" not in s.path.lower() for s in elsevier)  # a header, never the address
    springer = [s for s in publishers.seen if s.kind == "api.springernature.com"]
    assert all(f"api_key={KEYS['CREDIT_TRACKER_SPRINGER_NATURE_KEY']}" in s.path for s in springer)


@pytest.mark.parametrize(
    ("doi", "fault", "where", "reason"),
    [
        ("10.1016/j.heliyon.2024.e31208", "403", "api.elsevier.com", "refused: HTTP 403"),
        ("10.1016/j.heliyon.2024.e31208", "401", "api.elsevier.com", "refused: HTTP 401"),
        ("10.3390/cancers14194849", "html", "www.mdpi.com", "a web page (a paywall?)"),
        ("10.3390/cancers14194849", "429", "www.mdpi.com", "refused: HTTP 429, after 5 tries"),
    ],
)
def test_a_host_that_refuses_is_no_access_and_fails_nothing(
    publishers: StandIn, runner: CliRunner, tmp_path: Path, doi, fault, where, reason
) -> None:
    make_records(tmp_path / "r", [doi])
    publishers.inject(fault, where=where, times=-1, retry_after="0")
    result = fetch(runner, tmp_path / "r", env={**KEYS, "CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 0, result.stderr
    status = statuses(tmp_path / "r")[doi]
    assert isinstance(status, RoleSourceMissing) and status.lack is Lack.NO_ACCESS
    assert status.detail.startswith(reason)
    check = runner.invoke(cli, ["--records", str(tmp_path / "r"), "check"])
    assert check.exit_code in (0, 1) and "UNVERIFIED" not in check.stdout


def test_a_host_that_fails_leaves_its_article_unverified_and_the_rest_goes_on(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    dois = ["10.3390/cancers14194849", "10.1038/s41467-023-44148-4"]
    make_records(tmp_path / "r", dois)
    publishers.inject("503", where="www.mdpi.com", times=-1)
    result = fetch(runner, tmp_path / "r", env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 3
    assert "could not fetch 10.3390/cancers14194849: publisher XML: HTTP 503" in result.stderr
    found = statuses(tmp_path / "r")
    assert found["10.3390/cancers14194849"].lack is Lack.FAILED  # type: ignore[union-attr]
    assert found["10.1038/s41467-023-44148-4"] == READ(channel=Channel.LINK_PDF, roles_stated=True)


def test_a_later_fetch_asks_the_publisher_again_only_when_due(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    make_records(tmp_path / "r", ["10.3390/cancers14194849"])
    fetch(runner, tmp_path / "r")
    publishers.reset_counts()
    fetch(runner, tmp_path / "r")
    assert publishers.counts.get("www.mdpi.com", 0) == 0  # a statement read is not read again
    fetch(runner, tmp_path / "r", "--xml-max-age", "0")
    assert publishers.counts["www.mdpi.com"] == 1


# ---- politeness, host by host ---------------------------------------------------------------

LIMITS = {"host1.synthetic.example": 2, "host2.synthetic.example": 4, "host3.synthetic.example": 8}


def arrivals_within(times: list[float], interval: float) -> int:
    """The most arrivals the server's log shows within any `interval` seconds."""
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= interval:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_each_host_is_held_to_its_own_limits(
    standin: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    """Counted from the stand-in's own log of arrivals: no host ever gets more requests in an
    interval, or at once, than it announces, whatever the others allow."""
    standin.limits = Limits(
        rate={"list": 20, "single": 20, "europepmc": 50, **LIMITS},
        host_concurrency={"host1.synthetic.example": 1, "host3.synthetic.example": 2},
    )
    standin.enforce = True  # a request over a limit would be refused, and counted
    dois = [f"10.5555/synthetic.host{k}.{n}" for n in range(12) for k in (1, 2, 3)]
    make_records(tmp_path / "r", dois)
    result = fetch(runner, tmp_path / "r")
    assert result.exit_code == 0, result.stderr
    assert standin.violations == 0
    for host, limit in LIMITS.items():
        times = [seen.at for seen in standin.seen if seen.kind == host]
        assert len(times) == 12
        assert arrivals_within(times, standin.limits.interval) <= limit, host
    found = statuses(tmp_path / "r")
    assert {found[doi] for doi in dois} == {READ(channel=Channel.LINK_XML, roles_stated=True)}


def test_the_arrival_count_sees_a_burst() -> None:
    assert arrivals_within([0.0, 0.1, 0.2, 0.95, 1.5], 1.0) == 4
    assert arrivals_within([0.0, 1.0, 2.0], 1.0) == 1


def test_a_hosts_retry_after_is_waited_for_and_its_answer_read(
    publishers: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    make_records(tmp_path / "r", ["10.3390/cancers14194849"])
    publishers.inject("429", where="www.mdpi.com", times=1, retry_after="1")
    result = fetch(runner, tmp_path / "r")
    assert result.exit_code == 0, result.stderr
    first, second = [s.at for s in publishers.seen if s.kind == "www.mdpi.com"]
    assert second - first >= 1.0  # the server's own clock: the client waited as asked
    status = statuses(tmp_path / "r")["10.3390/cancers14194849"]
    assert status == READ(channel=Channel.LINK_PDF, roles_stated=True)
