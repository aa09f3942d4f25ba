"""Headless Chromium for the browser tests, through the system's chromedriver.

No download and no network: `.ci/run` installs Debian's chromium and chromium-driver; where they
are missing the test is skipped with that reason.
"""

from __future__ import annotations

import shutil

import pytest


def chromium(width: int, height: int):
    """A headless Chromium whose viewport is `width` × `height` CSS pixels."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("Chromium and chromedriver are not installed here; .ci/run installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        # without these, Chromium's own connections are refused by a closed network, many at once
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    emulate(driver, width, height)
    return driver


def emulate(driver, width: int, height: int) -> None:
    """Set the viewport: a headless window is never narrower than 500 px, so a phone's is
    emulated."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
