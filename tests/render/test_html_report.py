"""The HTML report: self-contained, escaped and inert with hostile publisher text; in headless
Chromium its filters, sorting and counters work at 1,400 and at 390 pixels wide."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.store.folder import Store
from tests.browser import chromium
from tests.conftest import EXAMPLE_ROLE_SOURCES, EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
ORCID = "0000-0002-1825-0097"
TITLE_ATTACK = (
    "<script>document.body.setAttribute('data-pwned','script')</script>Evil <scp>t</scp>itle"
    "\u202e\x1b]0;pwned\x07\n::error::x"
)
TITLE_SHOWN = (
    "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;script&#39;)"
    r"&lt;/script&gt;Evil title\u202e\x1b]0;pwned\x07\n::error::x"
)
NAME_ATTACK = "Evil<img src=x onerror=\"document.title='pwned'\">"


def _records(runner: CliRunner, records: Path) -> None:
    """The example with a hostile title and byline entry, two info findings, and a request sent
    for Jane Illés's three errors (pending correction on the report's day)."""
    with Store(records).transaction() as data:
        data.articles[AIMMS].title = TITLE_ATTACK
        data.articles[AIMMS].draft = True
        data.people["jane-illes"].orcid = ORCID
        online = data.snapshots[AIMMS][0]
        illes = online.authors[3].model_copy(update={"orcid": ORCID, "orcid_authenticated": False})
        extra = SourceAuthor(position=16, raw=NAME_ATTACK, organisation=True)
        data.snapshots[AIMMS][0] = online.model_copy(
            update={"authors": [*online.authors[:3], illes, *online.authors[4:], extra]}
        )
    assert (
        runner.invoke(cli, ["correction", "draft", AIMMS, "--author", "jane-illes"]).exit_code == 0
    )
    sent = ["correction", "mark", AIMMS, "sent", "--author", "jane-illes", "--date", "2025-06-01"]
    assert runner.invoke(cli, sent).exit_code == 0


def _report(runner: CliRunner, records: Path, out: Path) -> str:
    _records(runner, records)
    result = runner.invoke(cli, ["report", "--output", str(out), "--as-of", "2025-06-15"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"wrote {out}: 1 article(s); 3 finding(s); 1 error, 2 info; "
        "3 pending correction; 0 acknowledged\n"
        f"{EXAMPLE_ROLES_COMPARED}\n{EXAMPLE_ROLE_SOURCES}\n"  # as `check` prints them
    )
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_escaped(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    html = _report(runner, example_records, tmp_path / "report.html")
    assert not re.search(r"""(src|href|action)=["']?(https?:|//)""", html)  # nothing external
    assert html.count("<script") == 2  # the data (never run) and the report's own script
    assert "<img" not in html and "<scp>" not in html  # the title's markup is taken out
    assert f'<span class="doi">{AIMMS}</span> {TITLE_SHOWN}</td>' in html
    assert not {"\u202e", "\x1b", "\x07"} & set(html)
    for heading in ("Summary", "Findings", "Name differences", "Correction requests"):
        assert f">{heading}</h2>" in html
    script = html.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
        f"style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-{digest}&#39;; img-src "
        '&#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">' in html
    )
    data = json.loads(html.split('id="report-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["rows"]) == 6 and data["titles"] == [
        "<script>document.body.setAttribute('data-pwned','script')</script>Evil title"
        r"\u202e\x1b]0;pwned\x07\n::error::x"
    ]
    # the name difference, marked piece by piece
    assert '<td data-label="difference" class="diff">Jane<ins> P.</ins> Illés</td>' in html
    assert '<option value="1" selected>warning or worse</option>' in html  # info collapsed
    runner.invoke(cli, ["report", "--output", str(tmp_path / "all.html"), "--show", "info"])
    shown = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert '<option value="0" selected>any (info too)</option>' in shown


def _driver(width: int):
    return chromium(width, 900)


def _choose(driver, control: str, value: str) -> str:
    """Pick an option of a filter, as a person would, and return the counter's text."""
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", control)).select_by_value(value)
    return driver.find_element("id", "f-count").text


def _rows(driver) -> list[list[str]]:
    rows = driver.find_elements("css selector", "#findings-body tr")
    return [
        [td.get_attribute("textContent") for td in row.find_elements("tag name", "td")]
        for row in rows
    ]


@pytest.mark.parametrize("width", [1400, 390])
def test_filters_counters_and_layout_in_chromium(
    width: int, runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    _report(runner, example_records, out)
    driver = _driver(width)
    try:
        driver.get(out.as_uri())
        assert driver.find_element("tag name", "body").get_attribute("data-ready") == "1"
        # no injected script ran: neither the title's nor the name's
        assert driver.find_element("tag name", "body").get_attribute("data-pwned") is None
        assert driver.title == "credit-tracker report"
        count = driver.find_element("id", "f-count").text
        assert count == "4 of 6 finding(s) shown; 2 below the severity chosen (collapsed)"
        rows = _rows(driver)
        assert [r[0] for r in rows] == ["error"] * 4  # errors first, info collapsed
        assert rows[0][1] == "open" and rows[0][2] == "author-extra"  # open before pending
        assert (
            _choose(driver, "f-severity", "2")
            == "4 of 6 finding(s) shown; 2 below the severity chosen (collapsed)"
        )
        assert _choose(driver, "f-state", "pending-correction").startswith("3 of 6 ")
        assert [r[2] for r in _rows(driver)] == ["role-missing", "role-missing", "name-initials"]
        assert _choose(driver, "f-state", "").startswith("4 of 6 ")
        assert _choose(driver, "f-severity", "0") == "6 of 6 finding(s) shown"
        assert _choose(driver, "f-person", "jane-illes") == "4 of 6 finding(s) shown"
        assert _choose(driver, "f-person", "") == "6 of 6 finding(s) shown"
        assert _choose(driver, "f-rule", "author-extra") == "1 of 6 finding(s) shown"
        assert _choose(driver, "f-rule", "") == "6 of 6 finding(s) shown"
        assert _choose(driver, "f-publisher", "PLOS") == "6 of 6 finding(s) shown"
        search = driver.find_element("id", "f-text")
        search.send_keys("onerror")
        assert driver.find_element("id", "f-count").text == "1 of 6 finding(s) shown"
        (row,) = _rows(driver)
        assert NAME_ATTACK in row[7]  # the hostile name is shown, as text
        search.clear()
        search.send_keys("x")
        search.clear()  # an empty search shows everything again
        driver.execute_script("document.getElementById('f-text').dispatchEvent(new Event('input'))")
        assert len(_rows(driver)) == 6
        diff = driver.find_element("css selector", "#findings-body td.diff ins")
        assert diff.get_attribute("textContent") == " P."
        if width == 1400:  # sorting by a column header (hidden in the narrow layout)
            driver.find_element("css selector", "th[data-sort=rule] button").click()
            assert [r[2] for r in _rows(driver)][:2] == ["author-extra", "name-initials"]
        # nothing scrolls sideways; every message is inside the window
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0
        right = driver.execute_script(
            "return Math.max.apply(null, Array.prototype.map.call(document.querySelectorAll("
            "'#findings-body td[data-label=message]'), function (td) {"
            " return td.getBoundingClientRect().right; }))"
        )
        assert right <= driver.execute_script("return window.innerWidth")
        assert driver.execute_script("return window.innerWidth") == width
        shot = tmp_path / f"report-{width}.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 20_000
    finally:
        driver.quit()
