"""Shared test fixtures: the recorded data, temporary records folders, the stand-in, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from credit_tracker.standin import Catalogue, Limits, StandIn

DATA = Path(__file__).parent / "data"
FIXTURES = DATA / "fixtures"
PUBLISHERS = DATA / "publishers"
ROOT = Path(__file__).parent.parent

# Hypothesis's deadline and its too-slow health check time each example: on a busy CI machine they
# fail properties that hold. The examples still all run; only the stopwatch is off.
settings.register_profile(
    "credit-tracker", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("credit-tracker")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--live", action="store_true", help="also run tests that talk to the real services"
    )
    parser.addoption(
        "--registry", action="store_true", help="also run tests that install from PyPI"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--registry"):
        registry = pytest.mark.skip(reason="installs from PyPI; run with --registry (.ci/run does)")
        for item in items:
            if "registry" in item.keywords:
                item.add_marker(registry)
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="talks to the real Crossref/PLOS/Europe PMC; run with --live")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.from_folder(FIXTURES, PUBLISHERS)


@pytest.fixture
def standin(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch):
    """A stand-in server on 127.0.0.1 with the recorded data; the environment points at it."""
    server = StandIn(catalogue, synthetic_prefix="10.5555/synthetic.")
    with server:
        for name, value in server.base_urls().items():
            monkeypatch.setenv(name, value)
        yield server


@pytest.fixture
def fast_xml(standin: StandIn) -> StandIn:
    """The stand-in announcing limits for the publisher sites too, so tests run quickly."""
    standin.limits = Limits(rate={"list": 3, "single": 10, "plos": 20, "europepmc": 20})
    return standin


@pytest.fixture
def records_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, initialised records folder; the CLI is pointed at it."""
    from credit_tracker.store.folder import Store

    folder = tmp_path / "records"
    Store(folder).init()
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(folder))
    return folder


# The two coverage lines `check` prints for the shipped example, as it is shipped: all 15
# authors' roles never asked, and its one snapshot read before sources were recorded.
EXAMPLE_ROLES_COMPARED = (
    "roles compared on 1 of 1 articles (0 authors confirmed, 0 asked and waiting, 15 never "
    "asked; 0 articles with no publisher role source)"
)
EXAMPLE_ROLE_SOURCES = (
    "role sources: 1 article(s): a role source read for 1 (1 read where not recorded; stating "
    "roles: 1)"
)


@pytest.fixture
def example_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped records/ (the AIMMS example), so tests never write to the real one."""
    folder = tmp_path / "records"
    shutil.copytree(ROOT / "records", folder, ignore=shutil.ignore_patterns(".lock", "*.bak"))
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(folder))
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "CREDIT_TRACKER_MAILTO",
        "CREDIT_TRACKER_CROSSREF_TOKEN",
        "CREDIT_TRACKER_TEST_HOOK",  # only tests/stepping.py sets it, for its child processes
        "CREDIT_TRACKER_TIMEOUT",
        "CREDIT_TRACKER_BACKOFF",
        "CREDIT_TRACKER_DEADLINE",
        "CREDIT_TRACKER_MAX_BODY_MB",
        "CREDIT_TRACKER_LINKS_URL",
        "CREDIT_TRACKER_SPRINGER_NATURE_URL",
        "CREDIT_TRACKER_SPRINGER_NATURE_KEY",
        "CREDIT_TRACKER_ELSEVIER_URL",
        "CREDIT_TRACKER_ELSEVIER_KEY",
        "CREDIT_TRACKER_WILEY_URL",
        "CREDIT_TRACKER_WILEY_TDM_TOKEN",
        "GITHUB_STEP_SUMMARY",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
