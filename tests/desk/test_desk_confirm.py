"""The desk's "confirm roles" section and round page: over HTTP (Starlette's test client) and in
headless Chromium at 1,400 and 390 px. The office fills the grid with the author on a call;
saving records "confirmed with the author by the office" on the desk's day."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.confirmation import RoleOrigin, RoleProvenance
from credit_tracker.domain.credit import ROLES
from credit_tracker.domain.models import RoleAssignment
from credit_tracker.store.folder import Store
from tests.browser import chromium, emulate
from tests.desk.test_desk import AIMMS, TODAY, files_of, follow, make_client, messages, post
from tests.desk.test_desk_browser import TOKEN, Desk, _wait

GRID = re.compile(r'<select name="(role-\d+-[a-z-]+)"[^>]*>(.*?)</select>', re.S)


def _grid(html: str) -> dict[str, str]:
    """The confirm grid's cells as the page pre-fills them."""
    section = html.split('id="confirm-roles"', 1)[1].split("</section>", 1)[0]
    cells = {}
    for name, options in GRID.findall(section):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        cells[name] = chosen.group(1) if chosen else ""
    return cells


def _jane(records: Path):
    return Store(records).load([AIMMS]).articles[AIMMS].authors[3]


def test_the_person_page_shows_the_grid_pre_filled_like_the_sheet(example_records: Path) -> None:
    with make_client(example_records) as desk:
        html = desk.get("/person/jane-illes").text
    cells = _grid(html)
    assert sorted(cells) == sorted(f"role-0-{role.slug}" for role in ROLES)
    # JATS lists no roles for her: nothing pre-filled from the publishers, the sources named
    assert set(cells.values()) == {""}
    assert 'title="JATS: not stated; printed statement: not stated; Crossref: no source; ' in html
    assert '<input type="hidden" name="doi-0" value="10.5555/aimms-mentoring-2025">' in html
    assert "now: Conceptualization; Writing – review &amp; editing (recorded before" in html


def test_the_grid_has_a_page_of_its_own(example_records: Path) -> None:
    with make_client(example_records) as desk:
        page = desk.get("/person/jane-illes/confirm-roles")
        missing = desk.get("/person/nobody-at-all/confirm-roles")
    assert page.status_code == 200 and len(_grid(page.text)) == 14
    assert missing.status_code == 404


def test_saving_records_confirmed_with_the_author_by_the_office(example_records: Path) -> None:
    with make_client(example_records) as desk:
        cells = _grid(desk.get("/person/jane-illes").text)
        cells |= {"role-0-conceptualization": "lead", "role-0-writing-review-editing": "yes"}
        before = files_of(example_records)
        unticked = post(desk, "/person/jane-illes/confirm-roles", {**cells, "doi-0": AIMMS})
        assert unticked.status_code == 400 and "confirmed with the author&#39; on a paper" in (
            unticked.text
        )
        assert files_of(example_records) == before
        form = {**cells, "doi-0": AIMMS, "confirm-0": "yes"}
        page = follow(desk, post(desk, "/person/jane-illes/confirm-roles", form))
        assert messages(page) == [
            f"{AIMMS}: Jane Illés: roles Conceptualization; Writing – review &amp; editing → "
            "Conceptualization (lead); Writing – review &amp; editing, confirmed with the author "
            "by the office on 2025-06-15"
        ]
        assert _grid(page)["role-0-conceptualization"] == "lead"  # her answer, pre-filled now
        dashboard = desk.get("/").text
    assert _jane(example_records).roles_from == RoleProvenance(
        origin=RoleOrigin.WITH_AUTHOR, on=TODAY.isoformat()
    )
    assert _jane(example_records).roles == [
        RoleAssignment(role="conceptualization", degree="lead"),
        RoleAssignment(role="writing-review-editing"),
    ]
    assert re.search(
        r'<p id="coverage">roles compared on 1 of 1 articles \(1 authors confirmed', (dashboard)
    )


def test_a_bad_cell_or_another_persons_paper_is_refused_and_writes_nothing(
    example_records: Path,
) -> None:
    with make_client(example_records) as desk:
        cells = _grid(desk.get("/person/jane-illes").text)
        before = files_of(example_records)
        bad = post(
            desk,
            "/person/jane-illes/confirm-roles",
            {**cells, "role-0-software": "most", "doi-0": AIMMS, "confirm-0": "yes"},
        )
        assert bad.status_code == 400
        assert '<span class="field-error" id="error-role-0-software">' in bad.text
        stray = post(
            desk,
            "/person/jane-illes/confirm-roles",
            {**cells, "doi-0": "10.5555/someone-elses", "confirm-0": "yes"},
        )
        assert stray.status_code == 400 and "is not an author of 10.5555/someone-elses" in (
            stray.text
        )
    assert files_of(example_records) == before


def test_read_only_shows_the_grid_without_a_form(example_records: Path) -> None:
    with make_client(example_records, read_only=True) as desk:
        html = desk.get("/person/jane-illes").text
        assert desk.post("/person/jane-illes/confirm-roles").status_code in (403, 404, 405)
    assert 'id="confirm-roles"' in html and "confirm-form" not in html


def test_the_round_page_lists_who_was_asked(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    asked = runner.invoke(
        cli,
        [
            "confirm",
            "request",
            "Jane Illes",
            "--output",
            str(tmp_path / "sheets"),
            "--date",
            "2025-05-01",
        ],
    )
    assert asked.exit_code == 0, asked.output
    with make_client(example_records) as desk:
        html = desk.get("/confirm").text
    assert "<b>1</b> overdue" in html
    assert "asked 2025-05-01 in jane-illes.xlsx; no answer after 45 days" in html


def test_the_grid_at_1400_and_390_px(example_records: Path, tmp_path: Path) -> None:
    """All 14 roles side by side at 1,400 px (no scrolling, each choice on screen); at 390 px
    a block per paper, each role named beside a choice that can be made and saved."""
    from selenium.webdriver.support.ui import Select

    driver = chromium(1400, 1000)
    try:
        with Desk(example_records) as desk:
            driver.get(f"{desk.url}/?token={TOKEN}")
            _wait(driver, "main h1")
            for width in (1400, 390):
                emulate(driver, width, 1000)
                driver.get(f"{desk.url}/person/jane-illes")
                _wait(driver, "#confirm-roles select")
                assert (
                    driver.execute_script(
                        "return document.documentElement.scrollWidth - window.innerWidth"
                    )
                    <= 0
                ), width
                box = driver.find_element("css selector", ".confirm-scroll")
                assert (
                    driver.execute_script(
                        "return arguments[0].scrollWidth - arguments[0].clientWidth", box
                    )
                    <= 0
                ), width
                selects = driver.find_elements("css selector", "#confirm-row-0 select")
                assert len(selects) == 14
                for select in selects:
                    left, right = driver.execute_script(
                        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]",
                        select,
                    )
                    assert select.is_displayed() and left >= 0 and right <= width, (width, left)
                labels = driver.find_elements("css selector", "#confirm-row-0 .role-name")
                shown = [label.text for label in labels if label.is_displayed()]
                # the header names the roles at 1,400 px; at 390 each cell names its own
                assert shown == ([] if width == 1400 else [role.label for role in ROLES])
                shot = tmp_path / f"desk-confirm-{width}.png"
                assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
            # at 390 px: choose, tick, save
            Select(driver.find_element("name", "role-0-methodology")).select_by_value("equal")
            driver.find_element("id", "confirm-0").click()
            old = driver.find_element("tag name", "html")
            driver.find_element("id", "save-confirmed").click()
            from selenium.webdriver.support import expected_conditions as ec
            from selenium.webdriver.support.ui import WebDriverWait

            WebDriverWait(driver, 120).until(ec.staleness_of(old))
            _wait(driver, "#done li")
            assert (
                "confirmed with the author by the office" in driver.find_element("id", "done").text
            )
    finally:
        driver.quit()
    assert RoleAssignment(role="methodology", degree="equal") in _jane(example_records).roles
