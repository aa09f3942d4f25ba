"""Faults, hostile XML, secrets and confidential names: nothing is mistaken, reached or leaked.

Kills and Ctrl-C are in test_interrupts.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import FetchState
from credit_tracker.parse.jats import parse_jats
from credit_tracker.standin import Limits
from credit_tracker.store.folder import Store
from tests.cli.test_cli_records import EXAMPLE
from tests.conftest import FIXTURES

PLOS_DOI = "10.1371/journal.pone.0185809"


# ---- faults from the network: unverified, exit 3, earlier snapshots untouched ----------------

FAULTS = [
    ("429", {"retry_after": "0"}, "list", "HTTP 429"),
    ("429", {}, "list", "HTTP 429"),
    ("500", {}, "list", "HTTP 500"),
    ("502", {}, "list", "HTTP 502"),
    ("503", {}, "list", "HTTP 503"),
    ("reset", {}, "list", "connection reset by the server, after 5 tries"),
    ("timeout", {}, "list", "no answer within 0.3 s, after 5 tries"),
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
    runner.invoke(cli, ["records", "import", PLOS_DOI, str(EXAMPLE)])
    assert runner.invoke(cli, ["fetch", "--quiet"]).exit_code == 0
    before = Store(records_dir).load().snapshots[PLOS_DOI]
    standin.inject(fault, where=where, times=-1, **options)
    # A short timeout only where the stand-in holds every request unanswered until the client
    # gives up: it then times out however fast or slow the machine is. Answers that do come keep
    # the default timeout, so that a busy machine never turns them into timeouts.
    env = {"CREDIT_TRACKER_TIMEOUT": "0.3"} if fault == "timeout" else {}
    fetched = runner.invoke(cli, ["fetch", "--quiet", "--xml-max-age", "0"], env=env)
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
    assert after[-1].state is FetchState.FAILED and after[-1].source.value == failed_source
    # Every earlier snapshot is kept as it was. The one exception is by design: a source that
    # answered the same again (Crossref, when only the XML failed) moves its date forward.
    assert len(after) == len(before) + 1
    for old, new in zip(before, after, strict=False):
        if old.source.value == failed_source:
            assert new == old
        else:
            assert new.model_copy(update={"fetched_at": old.fetched_at}) == old
            assert new.fetched_at >= old.fetched_at


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


HOSTILE_DOI = "10.5555/other\n::error title=pwned::owned\r\n::add-mask::abc\x1b]0;x\x07"
"""A server's answer naming another DOI that holds workflow commands after line breaks."""


def _no_workflow_command_from_the_server(*streams: str) -> None:
    for stream in streams:
        for line in stream.splitlines():
            assert not line.startswith(("::error title=pwned", "::add-mask::")), line
            assert "\x1b" not in line and "\r" not in line, line


@pytest.mark.parametrize("command", [["fetch"], ["nightly", "--github"]])
def test_an_answer_naming_another_doi_with_workflow_commands_stays_one_line(
    standin, runner: CliRunner, records_dir: Path, command: list[str]
) -> None:
    runner.invoke(cli, ["records", "import", "10.9999/absent", str(EXAMPLE)])
    standin.inject("wrong-doi", where="single", times=-1, doi=HOSTILE_DOI)
    result = runner.invoke(cli, command, env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert result.exit_code == 3, result.output
    _no_workflow_command_from_the_server(result.stdout, result.stderr)
    line = next(x for x in result.stderr.splitlines() if "about another DOI" in x)
    assert "(10.5555/other\\n::error title=pwned::owned\\r\\n::add-mask::abc\\x1b]0;x\\x07)" in line


# ---- hostile XML never reaches the network or the file system ---------------------------------


def test_xml_entities_never_reach_the_network(standin) -> None:
    url = f"{standin.url}/crossref/works/10.5555/xxe"
    attacks = [
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "{url}">]>'
        "<article>&e;</article>",
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
    attack = (
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<article><front><article-meta><title-group><article-title>&e;</article-title>"
        "</title-group></article-meta></front></article>"
    )
    with pytest.raises(InputError) as caught:
        parse_jats(attack.encode())
    assert "TOP-SECRET" not in str(caught.value)


# ---- secrets ---------------------------------------------------------------------------------

TOKEN = "plus-token-5ecr3t-0f-the-office"


def test_a_crossref_token_is_sent_but_never_stored_logged_or_reported(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
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
    sent = [seen.headers.get("crossref-plus-api-token") for seen in standin.seen]
    assert f"Bearer {TOKEN}" in sent  # the stand-in received it, as Crossref would
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
