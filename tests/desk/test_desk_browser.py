"""An office day at the review desk, in headless Chromium, against the stand-in.

Import a spreadsheet, add DOIs, fetch, triage and acknowledge, edit a role, move an author and
undo it, draft and download a request, mark it sent, fetch the publisher's fix and see it
resolved; then the pages at 1,400 and 390 px. Every wait is on a page element or an explicit
condition, never on the clock.
"""

from __future__ import annotations

import os
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from credit_tracker.desk import DeskSettings, create_app
from credit_tracker.standin import StandIn
from credit_tracker.standin.synthetic import synthetic_work
from tests.browser import chromium, emulate

IMPORTED = "10.5555/synthetic.desk-imported"
ADDED = "10.5555/synthetic.desk-added"
TOKEN = "browser-token-0123456789"
WAIT = 120  # an upper bound for a busy machine; each wait ends as soon as its condition holds
FIRST_GRID_ROW = "table.grid tbody tr:first-child"  # the role grid's first author


def _driver(width: int):
    return chromium(width, 1000)


class Desk:
    """The desk served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, records: Path) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)  # connections wait in the backlog until the server accepts them
        self.port = self.sock.getsockname()[1]
        app = create_app(DeskSettings(records=records, token=TOKEN, port=self.port, workers=1))
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Desk:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.sock.close()


@pytest.fixture
def desk(records_dir: Path, standin: StandIn) -> Iterator[Desk]:
    with Desk(records_dir) as running:
        yield running


def _team_table(path: Path) -> Path:
    """The office's spreadsheet: the imported article's byline, two names spelled the team's way."""
    from tests.parse.test_team_table import COLUMNS, TAIL

    authors = synthetic_work(IMPORTED)["author"]
    rows = []
    for n, author in enumerate(authors, start=1):
        given = author["given"]
        if n == 1:
            given = f"{given}x"  # the team's spelling; Crossref's differs until the fix
        if n == 2:
            given = f"{given}y"  # a difference the office knows about and acknowledges
        roles = ["TRUE" if n == 1 else "FALSE", *(["FALSE"] * 13)]
        rows.append([IMPORTED, str(n), given, "NA", author["family"], *roles, *TAIL])
    lines = [",".join(["DOI", *COLUMNS])] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _wait(driver, css: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _click(driver, css: str) -> None:
    """Click and wait until the next page has replaced this one."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element("tag name", "html")
    driver.find_element("css selector", css).click()
    WebDriverWait(driver, WAIT).until(ec.staleness_of(old))


def _done_lines(driver) -> list[str]:
    return [li.text for li in driver.find_elements("css selector", "#done li")]


def _job(driver) -> list[str]:
    """Wait for a fetch or an addition to finish (its page updates itself) and return its lines."""
    box = _wait(driver, "#job-done")
    assert "Could not complete" not in box.text, box.text
    return [li.text for li in box.find_elements("css selector", "li")]


def _finding_row(driver, text: str):
    rows = driver.find_elements("css selector", "table.findings tbody tr")
    return next(row for row in rows if text in row.text)


def _download(desk: Desk, driver, link_id: str) -> str:
    """Fetch what a download link gives, with the browser's cookie (a browser would save it)."""
    href = driver.find_element("id", link_id).get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(href, headers={"cookie": cookie})
    with urllib.request.urlopen(request) as answer:
        assert "attachment" in answer.headers["content-disposition"]
        return answer.read().decode("utf-8")


def _publisher_fixes(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Crossref's record of the imported article now prints the first author as the team does."""
    work = synthetic_work(IMPORTED)
    first = {**work["author"][0], "given": f"{work['author'][0]['given']}x"}
    fixed = {
        **work,
        "author": [first, *work["author"][1:]],
        "deposited": {"date-time": "2026-02-01T00:00:00Z"},
        "indexed": {"date-time": "2026-02-02T00:00:00Z"},
    }
    monkeypatch.setitem(standin.catalogue.works, IMPORTED, fixed)


def test_an_office_day_at_the_desk(
    desk: Desk, standin: StandIn, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    driver = _driver(1400)
    try:
        driver.get(f"{desk.url}/?token={TOKEN}")
        assert _wait(driver, "h1").text == "Dashboard"
        assert "token" not in driver.current_url  # the address bar no longer shows it

        # 1. import the office's spreadsheet: a preview first, then the import
        driver.get(f"{desk.url}/import")
        driver.find_element("id", "file").send_keys(str(_team_table(tmp_path / "team.csv")))
        _click(driver, "#preview-import")
        preview = driver.find_element("id", "import-preview").text
        assert f"create the record for {IMPORTED}" in preview
        _click(driver, "#confirm-import")
        assert _done_lines(driver)[0].startswith(f"create the record for {IMPORTED}")

        # 2. add a DOI by pasting it: a preview, then Crossref, with progress
        driver.get(f"{desk.url}/dois")
        driver.find_element("id", "dois").send_keys(f"https://doi.org/{ADDED}\n{IMPORTED}\n")
        _click(driver, "#preview-dois")
        assert "1 new, 1 already tracked" in driver.find_element("id", "dois-preview").text
        _click(driver, "#add-dois")
        assert any(line.startswith(f"added {ADDED}") for line in _job(driver))
        assert driver.find_element("id", "progress").get_attribute("value") == "1"

        # 3. fetch everything
        driver.get(f"{desk.url}/")
        _click(driver, "#fetch-all")
        assert _job(driver)[0].startswith("fetch: 2 fetched")
        _look(driver, desk, tmp_path, "morning")

        # 4. triage: errors first; acknowledge the second author's known difference
        driver.get(f"{desk.url}/findings?severity=error")
        rows = driver.find_elements("css selector", "table.findings tbody tr")
        assert len(rows) == 2 and all("error" in row.text for row in rows)
        second = synthetic_work(IMPORTED)["author"][1]["given"]
        row = _finding_row(driver, f"{second}y")
        acked = row.get_attribute("data-finding")
        row.find_element("css selector", "input[name=finding]").click()
        driver.find_element("id", "note").send_keys("the team's own spelling; no correction")
        _click(driver, "#ack")
        assert _done_lines(driver) == [f"acknowledged {acked} (name-spelling, {IMPORTED})"]

        # 5. edit a role of the first author in the grid; the save says what changed
        driver.get(f"{desk.url}/article/{IMPORTED}")
        from selenium.webdriver.support.ui import Select

        Select(
            driver.find_element("css selector", f"{FIRST_GRID_ROW} select[name$='-methodology']")
        ).select_by_value("lead")
        _click(driver, "#save-roles")
        (change,) = _done_lines(driver)
        assert change.endswith("→ Conceptualization; Methodology (lead)")
        assert driver.find_element("id", "undo").is_displayed()
        # on the added draft, ticking a role records that author's roles (the page's script
        # sets "roles are" to "as ticked"); the others stay not recorded
        driver.get(f"{desk.url}/article/{ADDED}")
        assert Select(
            driver.find_element("css selector", f"{FIRST_GRID_ROW} select[name^='state-']")
        ).first_selected_option.text == ("not recorded")
        Select(
            driver.find_element("css selector", f"{FIRST_GRID_ROW} select[name$='-software']")
        ).select_by_value("yes")
        assert Select(
            driver.find_element("css selector", f"{FIRST_GRID_ROW} select[name^='state-']")
        ).first_selected_option.text == ("as ticked")
        _click(driver, "#save-roles")
        assert _done_lines(driver)[0].endswith("roles not recorded → Software")
        # move its first author one place down (as records move-author does), then undo it:
        # the byline is Crossref's again, so no order finding is left for the rest of the day
        first_row = "table.byline tbody tr:first-child"
        moved = _wait(driver, f"{first_row} td:nth-child(3) input[name=family]").get_attribute(
            "value"
        )
        _click(driver, f"{first_row} button.step")
        lines = _done_lines(driver)
        assert lines[0].endswith("author 1 → 2") and moved in lines[0], lines
        _click(driver, "#undo")
        assert _done_lines(driver)[0] == "undone:"
        assert _done_lines(driver)[1].endswith("author 2 → 1")
        row = _wait(driver, f"{first_row} td:nth-child(3) input[name=family]")
        assert row.get_attribute("value") == moved

        # 6. draft a request from the first author's finding, preview and download it
        driver.get(f"{desk.url}/findings?severity=error&state=open")
        first = synthetic_work(IMPORTED)["author"][0]["given"]
        _finding_row(driver, f"{first}x").find_element(
            "css selector", "input[name=finding]"
        ).click()
        _click(driver, "#to-correction")
        assert "nothing sent" in _done_lines(driver)[0]
        _click(driver, "table.requests a")
        assert "Correction request" in driver.find_element("id", "preview").text
        eml = _download(desk, driver, "download-eml")
        assert eml.startswith("To:") or "Subject: Correction request" in eml
        assert "| " in _download(desk, driver, "download-md")

        # 7. mark it sent
        Select(driver.find_element("id", "mark-state")).select_by_value("sent")
        driver.find_element("id", "mark-note").send_keys("sent by e-mail")
        _click(driver, "#mark")
        assert driver.find_element("id", "request-state").text == "sent"
        driver.get(f"{desk.url}/findings?severity=error")  # the queue opens on open findings
        assert not driver.find_elements("css selector", "table.findings tr[data-finding]")
        driver.get(f"{desk.url}/findings?severity=error&state=any")
        assert "pending-correction" in _finding_row(driver, IMPORTED).text

        # 8. the publisher fixes its record; a fetch sees it, and the request is resolved
        _publisher_fixes(standin, monkeypatch)
        driver.get(f"{desk.url}/")
        _click(driver, "#fetch-all")
        assert "1 changed" in _job(driver)[0]
        driver.get(f"{desk.url}/corrections")
        state = driver.find_element("css selector", "table.requests td.cstate").text
        assert state == "resolved (fix seen)"
        driver.get(f"{desk.url}/findings?severity=error&state=any")
        (left,) = driver.find_elements("css selector", "table.findings tbody tr")
        assert left.get_attribute("data-finding") == acked and "acknowledged" in left.text
        _look(driver, desk, tmp_path, "evening")
    finally:
        driver.quit()


def _look(driver, desk: Desk, tmp_path: Path, when: str) -> None:
    """The pages at 1,400 and 390 px: nothing scrolls sideways but the tables' own boxes.

    The screenshots go to the test's folder, or to $CREDIT_TRACKER_DESK_SCREENSHOTS to be kept.
    """
    folder = Path(os.environ.get("CREDIT_TRACKER_DESK_SCREENSHOTS") or tmp_path)
    pages = {
        "dashboard": "/",
        "findings": "/findings",
        "article": f"/article/{IMPORTED}",
        "corrections": "/corrections",
    }
    for width in (1400, 390):
        emulate(driver, width, 1000)
        for name, path in pages.items():
            driver.get(f"{desk.url}{path}")
            _wait(driver, "main h1")
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (name, width, overflow)
            shot = folder / f"desk-{when}-{name}-{width}.png"
            assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    emulate(driver, 1400, 1000)


def test_the_shipped_example_at_1400_and_390(example_records: Path, tmp_path: Path) -> None:
    """The AIMMS example's queue and article: names diffed, nothing scrolls sideways."""
    driver = _driver(1400)
    try:
        with Desk(example_records) as desk:
            driver.get(f"{desk.url}/?token={TOKEN}")
            _wait(driver, "main h1")
            pages = {
                "example-findings": "/findings",
                "example-article": "/article/10.5555/aimms-mentoring-2025",
            }
            folder = Path(os.environ.get("CREDIT_TRACKER_DESK_SCREENSHOTS") or tmp_path)
            for width in (1400, 390):
                emulate(driver, width, 1000)
                for name, path in pages.items():
                    driver.get(f"{desk.url}{path}")
                    _wait(driver, "main h1")
                    assert (
                        driver.execute_script(
                            "return document.documentElement.scrollWidth - window.innerWidth"
                        )
                        <= 0
                    ), (name, width)
                    assert driver.find_elements("css selector", ".diff ins, .diff del")
                    shot = folder / f"desk-{name}-{width}.png"
                    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    finally:
        driver.quit()
