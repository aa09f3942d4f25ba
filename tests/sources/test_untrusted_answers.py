"""Answers from servers are untrusted: absurd records are refused by field, secrets never echo.

The absurd records are real recorded Crossref items with one field replaced inside the test
(derived in memory; nothing recorded is edited). The echoing server is a few lines of http.server
in this file: it answers every request 400 with the request's headers in the body, as a
misconfigured proxy does.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.text import redact
from credit_tracker.parse.crossref import malformed
from credit_tracker.standin import Catalogue
from tests.conftest import FIXTURES

BAD = "10.1371/journal.pbio.0050002"
GOOD = "10.1371/journal.pone.0151983"
EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"

# (field path, replacement) -> the field the reason must name. From the classes seen in practice.
ABSURD: list[tuple[tuple[Any, ...], Any, str]] = [
    (("author",), None, None),  # null author is allowed by the schema: no authors
    (("author",), "Ana Lima", "author"),
    (("author",), 7, "author"),
    (("author",), {"given": "Ana"}, "author"),
    (("author", 0, "given"), None, "author[0].given"),
    (("author", 1, "given"), 12, "author[1].given"),
    (("author", 2, "family"), ["Lima"], "author[2].family"),
    (("author", 0, "ORCID"), 1234, "author[0].ORCID"),
    (("title",), [1, 2], "title[0]"),
    (("container-title",), 5, "container-title"),
    (("deposited",), "2020-01-01", "deposited"),
    (("indexed",), ["x"], "indexed"),
    (("updated-by",), "Correction", "updated-by"),
    (("updated-by",), [{"DOI": "10.1/x", "updated": {"date-parts": [["x"]]}}], "updated-by[0]"),
]


def _replaced(item: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(item)
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


@pytest.fixture
def two_articles(records_dir: Path, runner: CliRunner) -> Path:
    for doi in (BAD, GOOD):
        result = runner.invoke(cli, ["records", "import", doi, str(EXAMPLE)])
        assert result.exit_code == 0, result.output
    return records_dir


@pytest.mark.parametrize(("path", "value", "named"), ABSURD, ids=[str(a[:2]) for a in ABSURD])
def test_an_absurd_crossref_item_fails_its_doi_and_the_batch_goes_on(
    path: tuple[Any, ...],
    value: Any,
    named: str | None,
    catalogue: Catalogue,
    standin,
    two_articles: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(catalogue.works, BAD, _replaced(catalogue.works[BAD], path, value))
    fetched = runner.invoke(cli, ["fetch", "--no-xml", "--mailto", "t@example.org"])
    # never a traceback: a clean run returns, anything else exits through the error boundary
    assert fetched.exception is None or isinstance(fetched.exception, SystemExit), fetched.exception
    report = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    unverified = {(u["doi"], u["source"]): u["reason"] for u in report["unverified"]}
    assert (GOOD, "crossref") not in unverified  # the rest of the batch was fetched
    if named is None:
        assert fetched.exit_code == 0 and (BAD, "crossref") not in unverified
        return
    assert fetched.exit_code == 3
    assert unverified[(BAD, "crossref")].startswith(
        f"could not fetch: Crossref's record is malformed: {named}"
    ) or unverified[(BAD, "crossref")].startswith(f"Crossref's record is malformed: {named}")


def test_every_recorded_crossref_item_fits_the_model(catalogue: Catalogue) -> None:
    """The model is what Crossref really sends: no recorded item is refused."""
    assert len(catalogue.works) > 50
    assert {doi: malformed(item) for doi, item in catalogue.works.items() if malformed(item)} == {}


def test_a_non_object_item_is_malformed_as_a_whole() -> None:
    assert malformed("a string") == (
        "Crossref's record is malformed: the record: Input should be a valid dictionary or "
        "instance of Work"
    )


# ---- secrets echoed by a server -------------------------------------------------------------

TOKEN = "plus-token-5ecr3t-0f-the-office"


class _Echo(BaseHTTPRequestHandler):
    """Answers 400 with the request's own headers in the body (a proxy's debugging page)."""

    def do_GET(self) -> None:
        echoed = {"token": self.headers.get("Crossref-Plus-API-Token", ""), **self.headers}
        body = json.dumps({"status": "failed", "echo": echoed}).encode()
        self.send_response(400)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_token_echoed_in_an_error_body_is_redacted_everywhere(
    echo_server: str, two_articles: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREDIT_TRACKER_CROSSREF_URL", echo_server)
    monkeypatch.setenv("CREDIT_TRACKER_CROSSREF_TOKEN", TOKEN)
    outputs = [runner.invoke(cli, ["fetch", "--no-xml", "--mailto", "t@example.org"])]
    assert outputs[0].exit_code == 3
    for fmt in ("text", "json", "junit", "markdown", "github", "csv"):
        outputs.append(runner.invoke(cli, ["check", "--format", fmt]))
    stored = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in two_articles.rglob("*")
        if p.is_file()
    )
    assert "[redacted]" in stored  # the echo was stored, without the secret
    for text in [stored, *(o.output for o in outputs)]:
        assert TOKEN not in text


@pytest.mark.parametrize(
    "leak",
    [
        '{"Crossref-Plus-API-Token": "Bearer abc123secretvalue"}',
        "crossref-plus-api-token: abc123secretvalue",
        "Authorization: Bearer abc123secretvalue",
        "authorization=token abc123secretvalue",
        "Bearer abc123secretvalue",
    ],
)
def test_credential_shapes_are_redacted_even_when_not_ours(leak: str) -> None:
    redacted = redact(leak)
    assert "abc123secretvalue" not in redacted and "[redacted]" in redacted


def test_the_known_secret_is_redacted_in_any_shape() -> None:
    assert redact(f"echo: x{TOKEN}y", [TOKEN]) == "echo: x[redacted]y"
