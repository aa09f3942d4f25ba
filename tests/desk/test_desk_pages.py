"""The article and person pages show the difference, in headless Chromium at 1,400 and 390 px,
on the shipped example (the JATS leaves out two of Jane Illés's roles; the statement prints
'Jane P. Illés').

At 1,400 px all fourteen role columns are in view; at 390 px each author is a card with the
roles where a source differs first; every differing cell is marked, with a legend; the byline
editor stays folded until asked for; the person page starts with an overview and lists papers
by year, newest first, each with only what differs. The screenshots go to the test's folder, or
to $CREDIT_TRACKER_DESK_SCREENSHOTS to be kept (docs/desk-*.png were made that way).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import chromium, emulate
from tests.desk.test_desk_browser import TOKEN, Desk, _wait

AIMMS = "10.5555/aimms-mentoring-2025"
LEFT_OUT = ("conceptualization", "writing-review-editing")  # the JATS leaves them out for Jane


@pytest.fixture
def desk(example_records: Path) -> Iterator[Desk]:
    with Desk(example_records) as running:
        yield running


@pytest.fixture
def driver():
    browser = chromium(1400, 1000)
    try:
        yield browser
    finally:
        browser.quit()


def _open(driver, desk: Desk, path: str, width: int, height: int = 1000) -> None:
    emulate(driver, width, height)
    driver.get(f"{desk.url}{path}?token={TOKEN}" if "?" not in path else f"{desk.url}{path}")
    _wait(driver, "main h1")


def _rect(driver, element) -> dict[str, float]:
    return driver.execute_script("return arguments[0].getBoundingClientRect().toJSON();", element)


def _shoot(driver, tmp_path: Path, name: str, width: int) -> None:
    folder = Path(os.environ.get("CREDIT_TRACKER_DESK_SCREENSHOTS") or tmp_path)
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    emulate(driver, width, min(int(height), 4000))
    driver.save_screenshot(str(folder / f"desk-{name}-{width}.png"))


def _jane(driver):
    return driver.find_element("css selector", "tr#roles-jane-illes")


def test_the_article_page_at_1400_px_shows_every_role_and_marks_each_difference(
    desk: Desk, driver, tmp_path: Path
) -> None:
    _open(driver, desk, f"/article/{AIMMS}", 1400)
    viewport = driver.execute_script("return document.documentElement.clientWidth;")
    headers = driver.find_elements("css selector", "table.grid th.role")
    assert len(headers) == 14
    assert all(0 <= _rect(driver, th)["right"] <= viewport for th in headers)
    box = driver.find_element("css selector", ".scroll:has(table.grid)")
    assert driver.execute_script(
        "return arguments[0].scrollWidth <= arguments[0].clientWidth;", box
    )
    jane = _jane(driver)
    marked = {
        td.get_attribute("data-role"): td.text
        for td in jane.find_elements("css selector", "td.differs")
    }
    assert sorted(marked) == sorted(LEFT_OUT) and all("− jats" in t for t in marked.values())
    assert not driver.find_elements("css selector", "tr#roles-mirembe-woodrow td.differs")
    legend = driver.find_element("id", "grid-legend").text
    assert "+ added" in legend and "− left out" in legend and "≠ degree" in legend
    across = [li.text for li in driver.find_elements("css selector", "li.source-differs")]
    assert any("left out: Conceptualization" in t and t.startswith("jats") for t in across)
    editor = driver.find_element("id", "byline-editor")
    assert editor.get_attribute("open") is None
    assert not driver.find_element("id", "family-jane-illes").is_displayed()
    # the roles come before the byline editor's content once it is opened
    driver.find_element("css selector", "#byline-editor > summary").click()
    assert driver.find_element("id", "family-jane-illes").is_displayed()
    driver.find_element("css selector", "#byline-editor > summary").click()
    _shoot(driver, tmp_path, "article", 1400)


def test_the_article_page_at_390_px_is_a_card_per_author_differences_first(
    desk: Desk, driver, tmp_path: Path
) -> None:
    _open(driver, desk, f"/article/{AIMMS}", 390)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"
    )
    assert not overflow
    cards = driver.find_elements("css selector", "table.grid tr.author-roles")
    assert len(cards) == 15 and all(_rect(driver, card)["width"] <= 390 for card in cards)
    jane = _jane(driver)
    cells = jane.find_elements("css selector", "td[data-role]")
    differing = [td for td in cells if "differs" in (td.get_attribute("class") or "")]
    others = [td for td in cells if td not in differing]
    assert len(differing) == 2
    last_differing = max(_rect(driver, td)["top"] for td in differing)
    assert all(_rect(driver, td)["top"] >= last_differing for td in others)
    assert min(_rect(driver, td)["top"] for td in others) > min(
        _rect(driver, td)["top"] for td in differing
    )
    _shoot(driver, tmp_path, "article", 390)


@pytest.mark.parametrize("width", [1400, 390])
def test_the_person_page_starts_with_an_overview_and_lists_only_what_differs(
    width: int, desk: Desk, driver, tmp_path: Path
) -> None:
    _open(driver, desk, "/person/jane-illes", width)
    overview = driver.find_element("id", "overview")
    first_paper = driver.find_element("css selector", "li.paper")
    assert _rect(driver, overview)["top"] < _rect(driver, first_paper)["top"]
    assert "1 paper(s)" in overview.text and "3 open finding(s)" in overview.text
    (difference,) = first_paper.find_elements("css selector", "ul.differences li")
    assert difference.text == "jats: leaves out Conceptualization, Writing – review & editing"
    editor = driver.find_element("id", "person-editor")
    assert editor.get_attribute("open") is None
    assert _rect(driver, editor)["top"] > _rect(driver, first_paper)["top"]
    _shoot(driver, tmp_path, "person", width)
