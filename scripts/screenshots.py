"""Screenshot the main pages at phone and desktop widths, in Hindi and English.

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR]   (server must be running, seeded)
Looks at pages as a person would; the PNGs are for eyes, not for tests.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# (name, user, path, then click this selector before the screenshot)
PAGES = [
    ("home", None, "/", None),
    ("rule", None, "/rules/otp/", None),
    ("cheated", None, "/cheated/", None),
    ("cheated-money", None, "/cheated/money-lost/", None),
    ("progress", None, "/progress/", None),
    ("notfound", None, "/l/zzzzzzzz", None),
    ("studio", "state.nodal", "/materials/?topic=otp&district=jaipur", None),
    ("studio-poster", "collector.jaipur", "/materials/?topic=cheated&channel=poster-landscape", None),
    ("topic", "state.nodal", "/materials/topics/otp/", None),
    ("kits", "state.nodal", "/materials/kits/", None),
    ("reports", "state.nodal", "/reports/", None),
    ("compare", "collector.jaipur", "/campaign/compare/", None),
    ("clone", "state.nodal", "/campaign/next/", None),
    ("links", "state.nodal", "/officers/links/", None),
    ("link-detail", "collector.jaipur", "/officers/links/", "tbody th a"),
    ("login", None, "/accounts/login/", None),
    ("dashboard-state", "state.nodal", "/dashboard/", None),
    ("assignment-state", "state.nodal", "/dashboard/?status=reported", "a.c.s-reported"),
    ("campaign", "state.nodal", "/campaign/", None),
    ("dashboard-collector", "collector.jaipur", "/dashboard/", None),
    ("assignment-collector", "collector.jaipur", "/dashboard/", ".card a"),
    ("dashboard-ipr", "ipr.nodal", "/dashboard/", None),
    ("field-home", "dpro.jaipur", "/field/", None),
    ("field-form", "dpro.jaipur", "/field/", ".card a"),
    ("evidence", "state.nodal", "/dashboard/?district=21&directive=1", ".card a"),
    ("map", "state.nodal", "/activities/map/", None),
    ("import", "dpro.jaipur", "/activities/import/", None),
    ("reach", "state.nodal", "/reach/", "tbody tr:last-child details summary"),
    ("bills", "energy.nodal", "/reach/bills/", None),
    ("bill-preview", "energy.nodal", "/reach/bills/1/", None),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, height, tag in ((390, 844, "phone"), (1366, 900, "desktop")):
            for lang in ("hi", "en"):
                prefix = "" if lang == "hi" else "/en"
                contexts = {}
                only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
                for name, username, path, click in PAGES:
                    if only and name not in only:
                        continue
                    if username not in contexts:
                        ctx = browser.new_context(viewport={"width": width, "height": height})
                        page = ctx.new_page()
                        if username:
                            page.goto(f"{BASE}{prefix}/accounts/login/")
                            page.fill("input[name=username]", username)
                            page.fill("input[name=password]", "sajag-demo-2026")
                            page.click("form.stack button[type=submit]")
                        contexts[username] = page
                    page = contexts[username]
                    page.goto(f"{BASE}{prefix}{path}", wait_until="networkidle")
                    if click:
                        page.locator(click).first.click()
                        page.wait_for_load_state("networkidle")
                    if name == "reach":
                        page.wait_for_selector("#reach-map[data-loaded]")
                        page.wait_for_timeout(500)
                    if name == "map":
                        page.wait_for_selector("#map[data-loaded]")
                        page.wait_for_timeout(500)
                    page.screenshot(path=str(OUT / f"{name}-{lang}-{tag}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
