"""The state nodal officer previews a Hindi hoarding poster in the studio, downloads it, then
builds Jaipur's kit and downloads the ZIP once the progress reaches the end — in a real Chromium."""

import io
import re
import zipfile

from playwright.sync_api import expect

from .browser import MARKS, sign_in

pytestmark = MARKS


def test_state_previews_a_hindi_poster_and_downloads_a_district_kit(browser, live_server, settings, tmp_path):
    import zxingcpp
    from PIL import Image

    from sajag.links.models import ShortLink

    settings.MEDIA_ROOT = tmp_path
    page = sign_in(browser, live_server, "t.state")
    page.get_by_role("navigation").get_by_role("link", name="सामग्री").click()
    expect(page.get_by_role("heading", name="सामग्री स्टूडियो", level=1)).to_be_visible()

    page.get_by_label("विषय").select_option(label="ओटीपी कभी किसी को न बताएं")
    page.get_by_label("भाषा").select_option("hi")
    page.get_by_label("जिला").select_option(label="जयपुर")
    page.get_by_label("माध्यम").select_option(label="होर्डिंग पोस्टर, आड़ा 2:1")
    page.get_by_role("button", name="पूर्वावलोकन").click()

    # A preview makes no short link: the officer makes them for printing, with a POST.
    expect(page.get_by_role("link", name="PDF डाउनलोड करें")).to_have_count(0)
    page.get_by_role("button", name="प्रिंट के लिए शॉर्ट लिंक बनाएँ").click()

    preview = page.get_by_role("img", name="पूर्वावलोकन: होर्डिंग पोस्टर, आड़ा 2:1")
    expect(preview).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    assert preview.evaluate("img => img.naturalWidth / img.naturalHeight") == 2.0
    short = page.locator("#asset-poster-landscape dd code").inner_text()
    link = ShortLink.objects.get(code=short.rsplit("/", 1)[-1])
    assert (link.district.code, link.channel, link.language) == ("jaipur", "hoarding", "hi")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF डाउनलोड करें").click()
    assert pdf.value.suggested_filename == "poster-landscape-otp-hi.pdf"
    with open(pdf.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    with page.expect_download() as png:
        page.get_by_role("link", name="PNG डाउनलोड करें").click()
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png.value.path()))] == [short]

    page.get_by_role("link", name="जिला किट").click()
    page.get_by_label("जिला").select_option(label="जयपुर")
    page.get_by_role("button", name="बनाएं").click()
    row = page.locator("table.kits tbody tr").first
    expect(row).to_contain_text("जयपुर")
    download_link = row.get_by_role("link", name="ZIP डाउनलोड करें")
    expect(download_link).to_be_visible(timeout=120_000)  # HTMX polls the row until the kit is ready
    expect(row).to_contain_text("पूर्ण")
    with page.expect_download() as kit:
        download_link.click()
    assert re.fullmatch(r"sajag-kit-jaipur-[0-9a-f]{12}\.zip", kit.value.suggested_filename)
    archive = zipfile.ZipFile(kit.value.path())
    names = archive.namelist()
    assert "jaipur/manifest.csv" in names
    assert "jaipur/hi/otp/poster-landscape-otp-hi.pdf" in names and "jaipur/en/handout-en.pdf" in names
    # The poster in the kit carries the same short link as the one previewed.
    poster = Image.open(io.BytesIO(archive.read("jaipur/hi/otp/poster-landscape-otp-hi.png")))
    assert [r.text for r in zxingcpp.read_barcodes(poster)] == [short]
