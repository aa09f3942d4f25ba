"""A fetch that fails unexpectedly records every DOI and source it could not finish, with why.

Before, a crash in the middle of a run saved nothing for the DOIs in flight, so `check` went on
reporting the old snapshots as if they had just been read. The crashes here are planted in the
tool's own code (the parts a bug would be in), through the real path against the stand-in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import FetchState, SourceKind
from credit_tracker.services import fetch as fetch_module
from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.store.folder import Store
from tests.services.test_fetch import make_fetcher, make_records

PLOS_DOI = "10.1371/journal.pone.0185809"


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom in a parser, token=s3cr3t-value")


def _latest(store: Store, doi: str, source: SourceKind):
    return [s for s in store.load().snapshots[doi] if s.source is source][-1]


def test_a_crash_in_one_crossref_batch_fails_that_batch_and_the_run_goes_on(
    standin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(6)]
    store = make_records(tmp_path, dois)
    real = CrossrefClient.fetch_batch

    def sometimes(self: CrossrefClient, batch: list[str]):
        return _boom() if "10.5555/synthetic.0" in batch else real(self, batch)

    monkeypatch.setattr(CrossrefClient, "fetch_batch", sometimes)
    fetcher = make_fetcher()
    fetcher.publisher = None
    fetcher.crossref.batch_size = 2
    summary = fetcher.run(store, dois)
    assert summary.failed == 2 and summary.fetched == 4
    for doi in dois[:2]:
        shot = _latest(store, doi, SourceKind.CROSSREF)
        assert shot.state is FetchState.FAILED
        assert shot.reason.startswith("could not be read: RuntimeError: boom in a parser")
        assert "s3cr3t" not in shot.reason  # server and error text is redacted before storing
    assert all(_latest(store, d, SourceKind.CROSSREF).state is FetchState.OK for d in dois[2:])


def test_a_crash_in_the_main_loop_records_every_unfinished_doi_before_it_ends(
    standin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(5)]
    store = make_records(tmp_path, dois)
    real = fetch_module.record_snapshot
    calls = {"n": 0}

    def third_call_fails(records, shot):
        calls["n"] += 1
        if calls["n"] == 3:
            _boom()
        return real(records, shot)

    monkeypatch.setattr(fetch_module, "record_snapshot", third_call_fails)
    fetcher = make_fetcher()
    fetcher.publisher = None
    fetcher.crossref.batch_size = 1
    with pytest.raises(fetch_module.FetchError, match="the fetch failed: RuntimeError: boom"):
        fetcher.run(store, dois)
    states = [_latest(store, doi, SourceKind.CROSSREF) for doi in dois]
    assert [s.state for s in states[:2]] == [FetchState.OK, FetchState.OK]
    assert all(s.state is FetchState.FAILED for s in states[2:])
    assert all("not fetched: the run failed (RuntimeError: boom" in s.reason for s in states[2:])


def test_after_a_publisher_crash_check_is_unverified_and_keeps_the_earlier_findings(
    fast_xml, runner: CliRunner, records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli.test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", PLOS_DOI, str(EXAMPLE)])
    env = {"CREDIT_TRACKER_BACKOFF": "0.01"}
    assert runner.invoke(cli, ["fetch", "--quiet"], env=env).exit_code == 0
    before = runner.invoke(cli, ["check", "--format", "json", "--fail-on", "never"])
    jats_before = {f["id"] for f in json.loads(before.stdout)["findings"] if "jats" in f["source"]}
    assert jats_before
    monkeypatch.setattr(PublisherClient, "fetch_many", _boom)
    fetched = runner.invoke(cli, ["fetch", "--quiet", "--xml-max-age", "0"], env=env)
    assert fetched.exit_code == 3, fetched.output
    assert "publisher XML: could not be read: RuntimeError: boom in a parser" in fetched.stderr
    assert "Traceback" not in fetched.output
    after = runner.invoke(cli, ["check", "--format", "json", "--fail-on", "never"])
    assert after.exit_code == 3  # unverified: the publisher XML could not be read this time
    found = {f["id"] for f in json.loads(after.stdout)["findings"]}
    assert jats_before <= found  # the earlier JATS findings are still reported
    assert _latest(Store(records_dir), PLOS_DOI, SourceKind.JATS).state is FetchState.FAILED


def test_a_crash_through_the_command_is_one_line_and_exit_3(
    standin, runner: CliRunner, example_records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "attach_notice", _boom)
    monkeypatch.setattr(fetch_module, "record_snapshot", _boom)
    result = runner.invoke(cli, ["fetch", "--quiet", "--no-xml"])
    assert result.exit_code == 3
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("credit-tracker: error: the fetch failed: RuntimeError: boom in a parser")
    )
