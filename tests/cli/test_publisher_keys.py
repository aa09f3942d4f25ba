"""The office's publisher keys appear in nothing credit-tracker writes or prints.

Every command that reads what publishers sent runs as the office runs it (a process of its own,
the keys in its environment) against the stand-in, which echoes the keys back where the real
recordings show the publishers do (Elsevier's `x-els-apikey` answer header, Springer Nature's
`<apiKey>` in the body). Then every file under the test's folder (records, snapshots, reports,
drafts, the job summary, the index) and every stream of every command is searched for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from credit_tracker.standin import Limits, StandIn

KEYS = {
    "CREDIT_TRACKER_ELSEVIER_KEY": "TESTKEY-ELS-5d3a9e",
    "CREDIT_TRACKER_WILEY_TDM_TOKEN": "TESTKEY-WILEY-0c81f2",
    "CREDIT_TRACKER_SPRINGER_NATURE_KEY": "TESTKEY-SN-b47e10",
}
DOIS = [
    "10.1016/j.heliyon.2024.e31208",  # Elsevier: the key in a header, echoed back
    "10.1016/j.intacc.2003.09.001",  # Elsevier's recorded answer, echo and all
    "10.2903/j.efsa.2014.3550",  # Wiley TDM
    "10.1111/age.70005",  # Wiley's token to onlinelibrary.wiley.com
    "10.1186/s11671-021-03631-x",  # Springer Nature: the key in the address, echoed in the body
    "10.1038/s41467-023-44148-4",  # Springer Nature's API asked first, then the PDF
]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "credit_tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def leaks(folder: Path, streams: list[str]) -> list[str]:
    """Where any key appears: a file under `folder` (by path) or a stream (by index)."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path}: {name}" for name, key in KEYS.items() if key.encode() in data]
    for n, text in enumerate(streams):
        found += [f"stream {n}: {name}" for name, key in KEYS.items() if key in text]
    return found


def test_keys_appear_in_no_file_and_no_stream(standin: StandIn, tmp_path: Path) -> None:
    standin.limits = Limits(rate={"list": 20, "single": 20, "europepmc": 50, "plos": 50})
    records, out = tmp_path / "records", tmp_path / "out"
    out.mkdir()
    env = {**os.environ, **standin.base_urls(), **KEYS, "CREDIT_TRACKER_RECORDS": str(records)}
    env["CREDIT_TRACKER_MAILTO"] = "office@example.org"
    env["GITHUB_STEP_SUMMARY"] = str(out / "step-summary.md")
    commands = [
        ["init"],
        ["records", "add", *DOIS, "--members", "Nan"],
        ["records", "set-roles", DOIS[0], "Nan", "Methodology"],  # a role the statement lacks
        ["fetch"],
        ["fetch", "--xml-max-age", "0", "--orcid"],
        ["check", "--format", "json", "--output", str(out / "check.json")],
        ["check", "--format", "markdown", "--output", str(out / "check.md")],
        ["check", "--format", "github"],
        ["check"],
        ["report", "--output", str(out / "report.html")],
        ["correction", "draft", DOIS[0], "--format", "eml", "--output", str(out / "draft.eml")],
        ["author", "Nan", "--format", "json"],
        ["records", "show", DOIS[0]],
        [
            *("nightly", "--junit", str(out / "n.xml"), "--json", str(out / "n.json")),
            *("--summary", str(out / "n.md"), "--github", "--xml-max-age", "0"),
        ],
    ]
    streams = []
    for args in commands:
        result = run(args, env)
        assert result.returncode in (0, 1), f"{args}: {result.stderr}"
        streams += [result.stdout, result.stderr]
    assert (out / "draft.eml").read_text(encoding="utf-8")  # the commands did write their files
    assert leaks(tmp_path, streams) == []
    # ... though the keys were sent, each to its publisher, and came back in the answers
    sent = " ".join(str(seen.headers) + seen.path for seen in standin.seen)
    assert all(key in sent for key in KEYS.values())


def test_the_search_finds_a_key_where_one_is(tmp_path: Path) -> None:
    """The search above can fail: a key in a nested file or a stream is found."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    springer = KEYS["CREDIT_TRACKER_SPRINGER_NATURE_KEY"]
    (tmp_path / "a" / "b" / "shard.json").write_text(f'{{"url": "x?api_key={springer}"}}')
    assert leaks(tmp_path, ["", f"x-els-apikey: {KEYS['CREDIT_TRACKER_ELSEVIER_KEY']}"]) == [
        f"{tmp_path / 'a' / 'b' / 'shard.json'}: CREDIT_TRACKER_SPRINGER_NATURE_KEY",
        "stream 1: CREDIT_TRACKER_ELSEVIER_KEY",
    ]


def test_the_stand_in_echoes_keys_as_the_recordings_show(standin: StandIn) -> None:
    """Elsevier's recorded answers carry the key sent back in `x-els-apikey`; Springer Nature's
    in `<apiKey>`: so the test above is a test of answers that hold the keys."""
    key = KEYS["CREDIT_TRACKER_ELSEVIER_KEY"]
    url = f"{standin.url}/elsevier/content/article/PII:S0020706303000694?httpAccept=text/plain"
    request = urllib.request.Request(url, headers={"X-ELS-APIKey": key})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["x-els-apikey"] == key
    springer = KEYS["CREDIT_TRACKER_SPRINGER_NATURE_KEY"]
    query = f"q=doi:10.1186/s11671-021-03631-x&api_key={springer}"
    url = f"{standin.url}/springer/openaccess/jats?{query}"
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert f"<apiKey>{springer}</apiKey>".encode() in answer.read()
