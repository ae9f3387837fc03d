"""A real browser opens the HTML report: no console errors, every section there, a screenshot.

Uses Debian's Chromium and ChromeDriver (installed by `.ci/install-browser`); skipped, with the
reason, only where they are not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.report.builder import render_report

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium or ChromeDriver is not installed (run .ci/install-browser as root)",
)
def test_report_opens_in_headless_chromium_without_errors(tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    report = tmp_path / "report.html"
    report.write_bytes(
        render_report(
            EXAMPLES / "dorset-2025-illustrative",
            ".html",
            "ilacs-2023",
            EXAMPLES / "dorset-2019-illustrative",
        )
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1600",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.get(report.as_uri())
        headings = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "h2")]
        assert headings == [
            "Summary",
            "The impact of leaders on social work practice with children and families",
            "The experiences and progress of children who need help and protection",
            "The experiences and progress of children in care",
            "The experiences and progress of care leavers",
            "Reproducibility",
        ]
        for area in ("leaders", "help-and-protection", "children-in-care", "care-leavers"):
            section = driver.find_element(By.ID, f"area-{area}")
            subheadings = [element.text for element in section.find_elements(By.CSS_SELECTOR, "h3")]
            for expected in (
                "What we know",
                "How we know it",
                "Evidence gaps",
                "What needs to improve",
                "What would move the grade",
            ):
                assert expected in subheadings, (area, expected)
        assert len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) >= 40
        errors = [
            entry for entry in driver.get_log("browser") if entry["level"] in {"SEVERE", "WARNING"}
        ]
        assert errors == []
        screenshot = tmp_path / "report.png"
        assert driver.save_screenshot(str(screenshot))
        assert screenshot.stat().st_size > 10_000
    finally:
        driver.quit()
