"""A citizen on a phone scans a hoarding's QR code: Hindi first, English one tap away, then the
"cheated?" router — in a real Chromium."""

from playwright.sync_api import expect

from .browser import MARKS

pytestmark = MARKS


def test_a_citizen_follows_a_short_link_switches_to_english_and_finds_what_to_do(
    browser, live_server, settings, tmp_path
):
    from sajag.campaigns.models import Campaign
    from sajag.geo.models import District
    from sajag.links import counter
    from sajag.links.models import ShortLink, VisitDay
    from sajag.links.redirect import resolver

    settings.SAJAG_SPOOL_DIR = tmp_path
    counter._counter = counter.VisitCounter(tmp_path, interval=0)
    resolver.clear()
    link = ShortLink.objects.create(
        campaign=Campaign.objects.get(),
        district=District.objects.get(code="jodhpur"),
        channel="hoarding",
        asset="Paota circle",
        target="public:home",
    )

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="hi-IN", is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/l/{link.code.upper()}")  # typed from the poster, in capitals
    assert page.url == live_server.url + "/"
    assert page.locator("html").get_attribute("lang") == "hi"
    call = page.get_by_role("link", name="अभी 1930 पर कॉल करें")
    expect(call).to_have_attribute("href", "tel:1930")
    # 1930 is the biggest thing on the screen, and above the fold.
    big = page.locator(".hero .big").bounding_box()
    assert big["y"] + big["height"] < 740
    sizes = page.evaluate("[...document.querySelectorAll('body *')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert page.locator(".hero .big").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == max(sizes)

    page.get_by_role("button", name="English").click()  # a small form: works without JavaScript
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Cheated? Do this now").first.tap()
    page.get_by_role("link", name="Yes, money is gone").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cheated? Do this now")
    expect(page.locator(".steps li").first).to_contain_text("Call 1930 now")
    expect(page.get_by_role("link", name="Call 1930 now")).to_have_attribute("href", "tel:1930")
    assert page.evaluate("document.cookie") == ""  # nothing remembered about the citizen

    counter.counter().flush()
    day = VisitDay.objects.get(link=link)
    assert (day.people, day.bots) == (1, 0)
    phone.close()
