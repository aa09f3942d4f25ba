"""Faults, crashes, interrupts, hostile XML, secrets and confidential names: nothing is lost or leaked."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import ArticleRecord, FetchState
from credit_tracker.parse.jats import parse_jats
from credit_tracker.standin import Limits
from credit_tracker.store.folder import Store

from .conftest import FIXTURES
from .test_cli_records import AIMMS_TABLE, EXAMPLE

PLOS_DOI = "10.1371/journal.pone.0185809"


def _env(standin, **extra: str) -> dict[str, str]:
    env = {**os.environ, **standin.base_urls(), "CREDIT_TRACKER_BACKOFF": "0.01", **extra}
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


# ---- faults from the network: unverified, exit 3, earlier snapshots untouched ----------------

FAULTS = [
    ("429", {"retry_after": "0"}, "list", "HTTP 429"),
    ("429", {}, "list", "HTTP 429"),
    ("500", {}, "list", "HTTP 500"),
    ("502", {}, "list", "HTTP 502"),
    ("503", {}, "list", "HTTP 503"),
    ("reset", {}, "list", "the connection failed"),
    ("timeout", {"seconds": 0.5}, "list", "did not answer in time"),
    ("truncated", {}, "list", "the answer was not JSON"),
    ("html", {}, "list", "the answer was an HTML page"),
    ("not-jats", {}, "plos", "not a JATS article"),
]


@pytest.mark.parametrize(
    ("fault", "options", "where", "reason"),
    FAULTS,
    ids=[f"{f[0]}-{f[2]}-{i}" for i, f in enumerate(FAULTS)],
)
def test_network_faults_leave_dois_unverified(
    fault, options, where, reason, standin, runner: CliRunner, records_dir: Path, monkeypatch
) -> None:
    standin.limits = Limits(rate={"list": 20, "single": 20, "plos": 20})
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.01")
    monkeypatch.setenv("CREDIT_TRACKER_TIMEOUT", "0.3")
    runner.invoke(cli, ["records", "import", PLOS_DOI, str(EXAMPLE)])
    assert runner.invoke(cli, ["fetch", "--quiet"]).exit_code == 0
    before = Store(records_dir).load().snapshots[PLOS_DOI]
    standin.inject(fault, where=where, times=-1, **options)
    fetched = runner.invoke(cli, ["fetch", "--quiet", "--xml-max-age", "0"])
    assert fetched.exit_code == 3 and reason in fetched.stderr
    result = runner.invoke(cli, ["check", "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    (entry,) = report["unverified"]
    assert entry["doi"] == PLOS_DOI and reason in entry["reason"]
    failed_source = "jats" if where == "plos" else "crossref"
    assert entry["source"] == failed_source
    assert all(
        f["source"] != failed_source for f in report["findings"]
    )  # never reported as mismatches
    after = Store(records_dir).load().snapshots[PLOS_DOI]
    assert after[: len(before)] == before  # every earlier snapshot untouched
    assert after[-1].state is FetchState.FAILED


def test_an_answer_about_another_doi_leaves_it_unverified(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    runner.invoke(cli, ["records", "import", "10.9999/absent", str(EXAMPLE)])
    standin.inject("wrong-doi", where="single", times=-1)
    result = runner.invoke(cli, ["check", "--refresh", "--format", "json"])
    assert result.exit_code == 3
    assert (
        "the answer was about another DOI" in json.loads(result.stdout)["unverified"][0]["reason"]
    )


# ---- crashes and interrupts -------------------------------------------------------------------


def _usable(folder: Path) -> set[tuple[str, str]]:
    records = Store(folder).load()
    return {
        (doi, s.source.value)
        for doi, history in records.snapshots.items()
        for s in history
        if s.usable
    }


def test_fetch_killed_at_random_moments_loses_nothing(standin, tmp_path: Path) -> None:
    standin.limits = Limits(rate={"list": 50, "single": 50}, concurrency=3)
    folder = tmp_path / "records"
    dois = [f"10.5555/synthetic.{n}" for n in range(1500)]
    store = Store(folder)
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    rng = random.Random(20261125)
    env = _env(standin)
    kept: set[tuple[str, str]] = set()
    for _trial in range(30):
        process = subprocess.Popen(
            [sys.executable, "-m", "credit_tracker", "--records", str(folder), "fetch", "--quiet"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = _usable(folder)  # always loads
        assert kept <= now
        kept = now
    assert kept  # the trials did write something


def test_import_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    Store(folder).init()
    rng = random.Random(7)
    before: set[str] = set()
    for trial in range(30):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "credit_tracker",
                "--records",
                str(folder),
                "records",
                "import",
                f"10.5555/import.{trial}",
                str(AIMMS_TABLE),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        records = Store(folder).load()
        now = set(records.articles)
        assert before <= now
        for doi in now:
            assert len(records.articles[doi].authors) == 15  # whole records or none
        before = now
    assert before


def test_ctrl_c_ends_a_fetch_cleanly_with_what_was_completed_saved(standin, tmp_path: Path) -> None:
    standin.limits = Limits(rate={"list": 5, "single": 5}, concurrency=3)
    folder = tmp_path / "records"
    store = Store(folder)
    store.init()
    dois = [f"10.5555/synthetic.{n}" for n in range(2000)]
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    # A shell that starts jobs in the background makes them ignore SIGINT; a terminal's Ctrl-C does
    # not.
    process = subprocess.Popen(
        [sys.executable, "-m", "credit_tracker", "--records", str(folder), "fetch", "--quiet"],
        env=_env(standin),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not _usable_quietly(folder):
        time.sleep(0.1)
    saved = _usable_quietly(folder)
    assert saved
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted; work completed before the interrupt was saved" in err
    assert "Traceback" not in err
    after = _usable(folder)
    assert saved <= after and len(after) < len(dois)


def _usable_quietly(folder: Path) -> set[tuple[str, str]]:
    try:
        return _usable(folder)
    except Exception:  # the file is being replaced: try again
        return set()


# ---- hostile XML never reaches the network or the file system ---------------------------------


def test_xml_entities_never_reach_the_network(standin) -> None:
    url = f"{standin.url}/crossref/works/10.5555/xxe"
    attacks = [
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "{url}">]><article>&e;</article>',
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY % p SYSTEM "{url}"> %p;]><article/>',
    ]
    for attack in attacks:
        with pytest.raises(InputError, match="refused unsafe XML"):
            parse_jats(attack.encode())
    # a real article that declares an external DTD on the stand-in parses without fetching it
    real = (FIXTURES / "allofplos" / "journal.pone.0185809.xml").read_bytes()
    declared = real.replace(
        b"http://jats.nlm.nih.gov/publishing/1.1d3/JATS-journalpublishing1.dtd", url.encode()
    )
    assert declared != real
    assert len(parse_jats(declared).authors) == 12
    assert standin.counts == {}


def test_xml_entities_never_read_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    attack = f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "file://{secret}">]><article><front><article-meta><title-group><article-title>&e;</article-title></title-group></article-meta></front></article>'
    with pytest.raises(InputError) as caught:
        parse_jats(attack.encode())
    assert "TOP-SECRET" not in str(caught.value)


# ---- secrets ---------------------------------------------------------------------------------

TOKEN = "plus-token-5ecr3t-0f-the-office"


def test_a_crossref_token_is_sent_but_never_stored_logged_or_reported(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    headers: list[str] = []
    handler = standin._server.RequestHandlerClass
    original = handler.do_GET
    monkeypatch.setattr(
        handler,
        "do_GET",
        lambda self: (
            headers.append(self.headers.get("Crossref-Plus-API-Token", "")),
            original(self),
        )[1],
    )
    monkeypatch.setenv("CREDIT_TRACKER_CROSSREF_TOKEN", TOKEN)
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0.01")
    outputs = [
        runner.invoke(cli, ["records", "import", PLOS_DOI, str(EXAMPLE)]),
        runner.invoke(cli, ["fetch"]),
    ]
    standin.inject("500", times=-1)
    outputs.append(runner.invoke(cli, ["fetch"]))
    outputs.append(runner.invoke(cli, ["check", "--refresh"]))
    for fmt in ("text", "json", "junit", "markdown", "github", "csv"):
        outputs.append(runner.invoke(cli, ["check", "--format", fmt]))
    assert f"Bearer {TOKEN}" in headers
    for result in outputs:
        assert TOKEN not in result.output
    for path in records_dir.iterdir():
        if path.is_file():
            assert TOKEN not in path.read_text(encoding="utf-8", errors="replace")


# ---- a confidential former name never appears in any output -----------------------------------

FORMER = "Kowalczyk"


def test_a_former_name_never_appears_in_any_output(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    store = Store(example_records)
    with store.transaction() as records:
        records.people["jane-illes"].former_names.append(f"Jane {FORMER}")
        statement = records.snapshots["10.5555/aimms-mentoring-2025"][1]
        printed = statement.authors[0].model_copy(update={"raw": f"Jane {FORMER}"})
        records.snapshots["10.5555/aimms-mentoring-2025"][1] = statement.model_copy(
            update={"authors": [printed]}
        )
    doi = "10.5555/aimms-mentoring-2025"
    commands = [
        ["records", "list"],
        ["records", "show", doi],
        ["records", "export", doi],
        ["records", "export", doi, "--format", "json"],
        ["person", "list"],
        ["person", "show", "jane-illes"],
        ["person", "show", f"Jane {FORMER}"],
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "junit"],
        ["check", "--format", "markdown"],
        ["check", "--format", "github"],
        ["check", "--format", "csv"],
        ["check", "--output", str(tmp_path / "r.json")],
    ]
    seen = []
    for args in commands:
        result = runner.invoke(cli, args)
        seen.append(result)
        assert FORMER not in result.output, args
    assert FORMER not in (tmp_path / "r.json").read_text()
    rules = {f["rule"] for f in json.loads(seen[8].stdout)["findings"]}
    assert "name-former" in rules  # the finding is there, without the name
    finding = next(f for f in json.loads(seen[8].stdout)["findings"] if f["rule"] == "name-former")
    ack = runner.invoke(cli, ["ack", finding["id"], "--note", "name change requested"])
    assert ack.exit_code == 0 and FORMER not in ack.output
