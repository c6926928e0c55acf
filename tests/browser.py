"""Helpers for the real-browser tests (Playwright driving Debian's Chromium, headless).

CI installs the `chromium` package and sets SAJAG_REQUIRE_BROWSER=1, so there a missing browser
fails the run instead of skipping these tests.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("SAJAG_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

MARKS = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("browser_data")]

if not CHROMIUM.exists():
    if os.environ.get("SAJAG_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    MARKS.append(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}; CI installs it"))


def sign_in(browser, live_server, username, *, phone=False):
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport, locale="hi-IN").new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="अधिकारी लॉग-इन").first.click()
    page.get_by_label("उपयोगकर्ता नाम").fill(username)
    page.get_by_label("पासवर्ड").fill("persona-pass-2026")
    page.get_by_role("button", name="लॉग-इन करें").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    return page


# Tests that print PDFs and PNGs (Chromium) and read them back (poppler's pdftotext, pdftoppm).
PRINT_MARKS = []
_missing = [tool for tool in ("pdftotext", "pdftoppm") if not shutil.which(tool)]
if not CHROMIUM.exists():
    _missing.append(str(CHROMIUM))
if _missing:
    if os.environ.get("SAJAG_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"Printing tests need {', '.join(_missing)} (apt-get install chromium poppler-utils)")
    PRINT_MARKS.append(pytest.mark.skip(reason=f"missing {', '.join(_missing)}; CI installs them"))
