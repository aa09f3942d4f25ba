"""The HTML report: self-contained, escaped and inert with hostile publisher text, in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
TITLE_ATTACK = (
    "<script>document.body.setAttribute('data-pwned','script')</script>Evil title"
    "\u202e\x1b]0;pwned\x07\n::error::x"
)
NAME_ATTACK = "Jane Illés<img src=x onerror=\"document.title='pwned'\">"


def _hostile_report(runner: CliRunner, records: Path, out: Path) -> str:
    with Store(records).transaction() as data:
        data.articles[AIMMS].title = TITLE_ATTACK
        online = data.snapshots[AIMMS][0]
        illes = online.authors[3].model_copy(
            update={"raw": NAME_ATTACK}
        )  # the structured name still pairs her
        data.snapshots[AIMMS][0] = online.model_copy(
            update={"authors": [*online.authors[:3], illes, *online.authors[4:]]}
        )
    result = runner.invoke(cli, ["report", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_escaped(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    html = _hostile_report(runner, example_records, tmp_path / "report.html")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)  # no external assets
    assert html.count("<script") == 1  # only the report's own script
    assert "<img" not in html and "&lt;img src=x onerror=" in html
    assert "&lt;script&gt;document.body" in html
    # the title's BiDi override, terminal escape and line break are shown, not obeyed
    assert r"Evil title\u202e\x1b]0;pwned\x07\n::error::x</h3>" in html
    assert not {"\u202e", "\x1b", "\x07"} & set(html)
    for section in (
        "Findings by article",
        "Findings by author",
        "Correction requests",
        "How each author's name was printed",
    ):
        assert section in html
    assert "Content-Security-Policy" in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason="Chromium is not installed here (apt-get install chromium); .ci/run installs it",
)
def test_no_script_runs_and_the_page_renders_in_chromium(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    _hostile_report(runner, example_records, out)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=3000",
    ]
    dom = subprocess.run(
        [_chromium(), *flags, "--dump-dom", out.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert 'data-ready="1"' in dom  # the report's own script ran: filters work
    assert (
        'data-pwned="script"' not in dom and "<title>credit-tracker report</title>" in dom
    )  # no injected script ran
    assert (
        "&lt;script&gt;document.body" in dom and "Jane Illés&lt;img src=x" in dom
    )  # shown as text
    assert r"Evil title\u202e\x1b]0;pwned\x07\n::error::x" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [_chromium(), *flags, "--window-size=1200,1600", f"--screenshot={shot}", out.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 20_000  # the page rendered
