"""The desk's long actions over HTTP against the stand-in: fetch and adding DOIs, as the commands.

Each job runs in the desk's thread and reads the settings from the environment, as `fetch` and
`records add` do: the request deadline and the body cap bound the desk's requests too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from credit_tracker.cli import cli
from credit_tracker.domain.models import FetchState, SourceKind
from credit_tracker.standin import StandIn, synthetic_work
from credit_tracker.store.folder import Store
from tests.desk.test_desk import AIMMS, make_client, post
from tests.stepping import SAFETY_SECONDS

SYNTHETIC = "10.5555/synthetic.7"
PLOS_DOI = "10.1371/journal.pone.0185809"


def _finished(desk: TestClient, answer: object) -> list[str]:
    """Follow a job's redirect, wait until the job says it has ended and return the lines its
    page shows; an error is the first line."""
    assert answer.status_code == 303, answer.text
    page = answer.headers["location"]
    assert re.fullmatch(r"/jobs/[0-9a-f]+", page)
    job = desk.app.state.desk.jobs[page.removeprefix("/jobs/")]
    # the job's own signal; the limit only stops a stuck job from holding the test for ever
    assert job.ended.wait(SAFETY_SECONDS), "the job did not finish"
    html = desk.get(page).text
    assert 'id="job-done"' in html
    error = re.findall(r'<p class="error">(.*?)</p>', html, re.S)
    block = re.search(r'<section class="done".*?</section>', html, re.S)
    assert block is not None
    return error + re.findall(r"<li>(.*?)</li>", block.group(0), re.S)


@pytest.fixture
def tracked(standin: StandIn, example_records: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped example with a synthetic article the stand-in knows, retries quick."""
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.01")
    with make_client(example_records) as desk:
        answer = post(desk, "/dois/add", {"doi": SYNTHETIC})
        assert _finished(desk, answer)[-1].startswith("records add: 1 added")
    return example_records


def test_adding_dois_looks_them_up_as_records_add_does(
    standin: StandIn, example_records: Path
) -> None:
    with make_client(example_records) as desk:
        answer = post(desk, "/dois/add", {"doi": [SYNTHETIC, AIMMS], "members": ""})
        lines = _finished(desk, answer)
    authors = len(synthetic_work(SYNTHETIC)["author"])
    assert lines[0] == f"added {SYNTHETIC}: {authors} author(s)"
    assert lines[1:] == [
        f"already tracked: {AIMMS}",
        "records add: 1 added, 1 already tracked, 0 not found, 0 could not be looked up",
    ]
    assert SYNTHETIC in Store(example_records).load().articles
    assert standin.counts["list"] == 1


def test_fetching_one_article_stores_its_snapshot_as_fetch_does(
    standin: StandIn, tracked: Path
) -> None:
    with make_client(tracked) as desk:
        lines = _finished(desk, post(desk, "/fetch", {"doi": SYNTHETIC}))
    assert lines[0].startswith("fetch: 1 fetched, 1 changed, 0 not found, 0 failed")
    shots = Store(tracked).load().snapshots[SYNTHETIC]
    assert [s.state for s in shots if s.source is SourceKind.CROSSREF] == [FetchState.OK]


def test_the_desk_honours_the_request_deadline(
    fast_xml: StandIn, example_records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CREDIT_TRACKER_DEADLINE bounds the desk's requests as it bounds fetch's: a publisher that
    trickles its answer for ever ends the job with the article unverified."""
    from tests.cli.test_cli_records import EXAMPLE

    imported = CliRunner().invoke(cli, ["records", "import", PLOS_DOI, str(EXAMPLE)])
    assert imported.exit_code == 0, imported.output
    fast_xml.inject("trickle", where="plos")
    with make_client(example_records) as desk:
        monkeypatch.setenv("CREDIT_TRACKER_DEADLINE", "1")
        monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.01")
        lines = _finished(desk, post(desk, "/fetch", {"doi": PLOS_DOI}))
    assert lines[0].startswith("fetch: 1 fetched")
    assert lines[0].endswith("1 XML download(s) (1 failed)")
    assert lines[1] == (
        f"could not fetch {PLOS_DOI}: publisher XML: the answer took longer than 1 s in all"
    )


def test_the_desk_honours_the_body_cap(
    standin: StandIn, tracked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CREDIT_TRACKER_MAX_BODY_MB caps the desk's answers as it caps fetch's."""
    standin.inject("endless", times=-1, where="crossref")
    monkeypatch.setenv("CREDIT_TRACKER_MAX_BODY_MB", "2")
    with make_client(tracked) as desk:
        lines = _finished(desk, post(desk, "/fetch", {"doi": SYNTHETIC}))
    assert lines[0].startswith("fetch: 0 fetched, 0 changed, 0 not found, 1 failed")
    assert lines[1].startswith(f"could not fetch {SYNTHETIC}: ")
    assert lines[1].endswith("the answer is larger than 2 MiB")


def test_a_jobs_progress_is_served_as_json(example_records: Path) -> None:
    """`/jobs/ID.json` is the progress as JSON, not the page of a job named 'ID.json'."""
    with make_client(example_records) as desk:
        job = desk.app.state.desk.new_job("fetch")
        job.done, job.total = 2, 5
        answer = desk.get(f"/jobs/{job.id}.json")
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/json"
        assert answer.json() == {"done": 2, "total": 5, "finished": False}
        assert desk.get("/jobs/0000.json").json() == {"error": "no such job"}
        assert 'id="job-done"' not in desk.get(f"/jobs/{job.id}").text
