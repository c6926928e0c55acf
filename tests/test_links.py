"""Short links: codes, the redirect and its attribution, bots, privacy, exact counts, QR images."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from sajag.links import codes, counter, qr
from sajag.links.models import ShortLink, SpoolCheckpoint, VisitDay
from sajag.links.redirect import is_bot, resolver

from .personas import ALL

CHROME_PHONE = (
    "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
PREVIEWERS = [
    "WhatsApp/2.23.20.0 A",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
]


@pytest.fixture
def visits(tmp_path, monkeypatch):
    """A fresh counter that flushes only when told, with its spool in a temporary folder."""
    fresh = counter.VisitCounter(tmp_path / "spool", interval=0)
    monkeypatch.setattr(counter, "_counter", fresh)
    resolver.clear()
    yield fresh
    resolver.clear()


@pytest.fixture
def link(campaign):
    from sajag.geo.models import District

    return ShortLink.objects.create(
        campaign=campaign,
        district=District.objects.get(code="jaipur"),
        channel="hoarding",
        asset="JLN Marg / Tonk Road crossing",
        target="public:cheated",
    )


def counted(link) -> tuple[int, int]:
    row = VisitDay.objects.filter(link=link).aggregate(p=models.Sum("people"), b=models.Sum("bots"))
    return row["p"] or 0, row["b"] or 0


# ---- codes --------------------------------------------------------------------------------


def test_codes_avoid_characters_that_are_misread():
    for bad in "0o1li":
        assert bad not in codes.ALPHABET
    made = {codes.new_code() for _ in range(5000)}
    assert len(made) == 5000  # no collisions in a few thousand
    assert all(codes.CODE_RE.match(c) for c in made)
    assert len(codes.ALPHABET) ** codes.LENGTH > 10**11


def test_a_code_typed_from_a_poster_is_understood():
    assert codes.normalise(" AB3K-9MXP ") == "ab3k9mxp"


# ---- the redirect -------------------------------------------------------------------------


@pytest.mark.django_db
def test_redirect_opens_the_target_page_and_counts_one_visit(client, link, visits):
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME_PHONE)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:cheated")
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert counted(link) == (0, 0)  # buffered, not yet written
    assert visits.flush() == 1
    day = VisitDay.objects.get(link=link)
    assert (day.people, day.bots) == (1, 0)


@pytest.mark.django_db
def test_attribution_is_the_links_district_and_channel(client, link, visits, campaign):
    other = ShortLink.objects.create(campaign=campaign, channel="electricity_bill", asset="Bill cycle 2026-10")
    for _ in range(3):
        client.get(f"/l/{link.code}/", HTTP_USER_AGENT=CHROME_PHONE)
    client.get(f"/l/{other.code}", HTTP_USER_AGENT=CHROME_PHONE)
    visits.flush()
    by = dict(
        VisitDay.objects.values_list("link__channel").annotate(n=models.Sum("people")).values_list("link__channel", "n")
    )
    assert by == {"hoarding": 3, "electricity_bill": 1}
    assert VisitDay.objects.get(link=link).link.district.code == "jaipur"


@pytest.mark.django_db
@pytest.mark.parametrize("agent", PREVIEWERS)
def test_link_preview_bots_are_counted_apart_from_people(client, link, visits, agent):
    client.get(f"/l/{link.code}", HTTP_USER_AGENT=agent)
    client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME_PHONE)
    visits.flush()
    assert counted(link) == (1, 1)


def test_bot_detection_on_browsers_and_previewers():
    browsers = [
        CHROME_PHONE,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; U; Android 10; en-US; RMX2185) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ]
    assert not any(is_bot(ua) for ua in browsers)
    assert all(is_bot(ua) for ua in PREVIEWERS)
    assert is_bot("") and is_bot(CHROME_PHONE, "HEAD")


@pytest.mark.django_db
def test_the_redirect_limit_counts_each_client_per_minute_by_a_keyed_hash_in_the_shared_cache(monkeypatch):
    from django.core.cache import cache
    from django.db import connection

    from sajag.core import ratelimit

    cache.clear()
    window = [10]
    monkeypatch.setattr(ratelimit, "_window", lambda seconds: window[0])
    one, two = {"REMOTE_ADDR": "203.0.113.40"}, {"REMOTE_ADDR": "203.0.113.41"}
    assert [ratelimit.allow(one, "short-link", limit=3) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.allow(two, "short-link", limit=3)  # another client has its own count
    assert all(ratelimit.allow(one, "short-link", limit=0) for _ in range(10))  # 0: no limit
    with connection.cursor() as cursor:  # the database cache every worker shares: hashes, no address
        cursor.execute("SELECT cache_key FROM sajag_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 2 and not any("203.0.113" in key for key in keys)
    window[0] += 1  # the next minute starts over
    assert ratelimit.allow(one, "short-link", limit=3)


@pytest.mark.django_db
def test_unknown_expired_and_inactive_codes_get_a_helpful_404(client, link, visits, campaign):
    import datetime as dt

    expired = ShortLink.objects.create(
        campaign=campaign, channel="sms", asset="old", expires_on=dt.date.today() - dt.timedelta(days=1)
    )
    inactive = ShortLink.objects.create(campaign=campaign, channel="sms", asset="withdrawn", active=False)
    for code in ("zzzzzzzz", "not-a-code", expired.code, inactive.code):
        response = client.get(f"/l/{code}", HTTP_USER_AGENT=CHROME_PHONE)
        assert response.status_code == 404
        html = response.content.decode()
        assert 'href="tel:1930"' in html and "cybercrime.gov.in" in html
        assert "यह लिंक" in html  # Hindi first, whatever the browser asks for
    visits.flush()
    assert not VisitDay.objects.exists()


@pytest.mark.django_db
def test_a_missing_page_is_a_404_with_1930(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'href="tel:1930"' in response.content.decode()


@pytest.mark.django_db
def test_no_address_cookie_or_browser_string_is_stored_anywhere(client, link, visits):
    address, marker = "203.0.113.77", "Mozilla/5.0 (Linux; Android 13) PrivacyMarker/9.9"
    for _ in range(5):
        client.get(f"/l/{link.code}", HTTP_USER_AGENT=marker, REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=address)
    assert visits.flush() == 5
    found = []
    with connection.cursor() as cur:
        for model in apps.get_models():
            text_columns = [
                f.column
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
            ]
            for column in text_columns:
                table = connection.ops.quote_name(model._meta.db_table)
                col = connection.ops.quote_name(column)
                for needle in (address, "PrivacyMarker"):
                    cur.execute(f"SELECT COUNT(*) FROM {table} WHERE CAST({col} AS TEXT) LIKE %s", [f"%{needle}%"])  # noqa: S608
                    if cur.fetchone()[0]:
                        found.append((model._meta.label, column, needle))
    assert found == []
    spooled = b"".join(p.read_bytes() for p in visits.directory.glob("*.spool"))
    assert address.encode() not in spooled and b"PrivacyMarker" not in spooled


# ---- exact counts: buffer, flush, crash, recovery ------------------------------------------


@pytest.mark.django_db
def test_a_failed_flush_keeps_the_counts_for_the_next(link, visits, monkeypatch):
    for _ in range(4):
        visits.hit(link.pk, bot=False)

    def down(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(counter, "_write_counts", down)
    assert visits.flush() == 0
    monkeypatch.undo()
    visits.hit(link.pk, bot=True)
    assert visits.flush() == 5
    assert counted(link) == (4, 1)


@pytest.mark.django_db
def test_a_killed_workers_spool_is_replayed_exactly_once(link, visits):
    for _ in range(7):
        visits.hit(link.pk, bot=False)
    visits.flush()  # 7 in the database, checkpoint at 7 lines
    for _ in range(5):
        visits.hit(link.pk, bot=False)
    visits.hit(link.pk, bot=True)
    # The worker dies before its next flush: its lock goes with it, its spool stays.
    os.close(visits.fd)
    visits.fd = None
    assert counted(link) == (7, 0)
    assert counter.recover(visits.directory) == 6
    assert counted(link) == (12, 1)
    assert counter.recover(visits.directory) == 0  # and never twice
    assert counted(link) == (12, 1)
    assert not list(visits.directory.glob("*.spool"))
    assert not SpoolCheckpoint.objects.exists()


@pytest.mark.django_db
def test_recovery_leaves_a_live_workers_spool_alone(link, visits):
    visits.hit(link.pk, bot=False)
    assert counter.recover(visits.directory) == 0
    assert list(visits.directory.glob("*.spool"))
    assert visits.flush() == 1
    assert counted(link) == (1, 0)


@pytest.mark.django_db
def test_a_torn_last_line_is_not_a_visit(link, visits):
    visits.hit(link.pk, bot=False)
    os.write(visits.fd, f"{link.pk} 2026-10".encode())  # the process died mid-write
    os.close(visits.fd)
    visits.fd = None
    assert counter.recover(visits.directory) == 1
    assert counted(link) == (1, 0)


@pytest.mark.django_db
def test_a_clean_close_flushes_and_removes_the_spool(link, visits):
    for _ in range(3):
        visits.hit(link.pk, bot=False)
    visits.close()
    assert counted(link) == (3, 0)
    assert not list(visits.directory.glob("*.spool"))


# ---- QR images ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ab3k9mxp", codes.new_code()])
def test_qr_png_decodes_to_the_short_link(code):
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(qr.png(qr.short_url(code))))
    found = zxingcpp.read_barcodes(image)
    assert [r.text for r in found] == [qr.short_url(code)]


def test_qr_svg_is_a_drawing_of_the_same_code():
    import xml.etree.ElementTree as ET

    svg = qr.svg(qr.short_url("ab3k9mxp"), title="x")
    root = ET.fromstring(svg)  # noqa: S314 — our own output
    assert root.tag.endswith("svg")
    assert re.search(r'd="M', svg)


# ---- officer pages ------------------------------------------------------------------------


def login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


SEES_JAIPUR_LINK = {"state", "ipr_nodal", "energy_nodal", "viewer", "collector", "sp", "dpro", "discom", "field"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_link_pages_by_role(client, people, link, who):
    login(client, people, who)
    pages = [
        reverse("links:list"),
        reverse("links:detail", args=[link.code]),
        reverse("links:qr", args=[link.code, "svg"]),
        reverse("links:qr", args=[link.code, "png"]),
    ]
    for url in pages:
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302
        elif who == "no_posting":
            assert response.status_code == 403
        elif url == pages[0]:
            assert response.status_code == 200
            assert (link.code in response.content.decode()) == (who in SEES_JAIPUR_LINK)
        else:
            assert response.status_code == (200 if who in SEES_JAIPUR_LINK else 404)


MAKES = {"state": "ajmer", "ipr_nodal": "ajmer", "energy_nodal": "ajmer", "collector": "jaipur", "dpro": "jaipur"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_who_makes_links_and_for_which_district(client, people, who):
    from sajag.geo.models import District

    login(client, people, who)
    jaipur, ajmer = District.objects.get(code="jaipur"), District.objects.get(code="ajmer")
    for district in (jaipur, ajmer):
        client.post(
            reverse("links:list"),
            {"district": district.pk, "channel": "hoarding", "asset": f"site {who}", "target": "public:home"},
        )
    made = set(ShortLink.objects.filter(asset=f"site {who}").values_list("district__code", flat=True))
    if who in ("state", "ipr_nodal", "energy_nodal"):
        assert made == {"jaipur", "ajmer"}
    elif who in ("collector", "dpro", "discom", "other_collector", "other_dpro"):
        assert made == {"ajmer" if who.startswith("other") else "jaipur"}
    else:
        assert made == set()


@pytest.mark.django_db
def test_making_a_link_twice_names_the_existing_one(client, people, link):
    client.force_login(people["state"])
    response = client.post(
        reverse("links:list"),
        {"district": link.district_id, "channel": link.channel, "asset": link.asset, "target": "public:home"},
    )
    assert response.status_code == 400
    assert link.code in response.content.decode()
    assert ShortLink.objects.filter(asset=link.asset).count() == 1


@pytest.mark.django_db
def test_a_district_outside_the_posting_names_no_other_link(client, people, campaign):
    # The probe: a Collector posting Ajmer saw a statewide link's code in the error message.
    from sajag.geo.models import District

    statewide = ShortLink.objects.create(campaign=campaign, channel="hoarding", asset="state hoarding")
    client.force_login(people["collector"])
    response = client.post(
        reverse("links:list"),
        {
            "district": District.objects.get(code="ajmer").pk,
            "channel": "hoarding",
            "asset": "state hoarding",
            "target": "public:home",
        },
    )
    assert response.status_code == 400
    assert statewide.code not in response.content.decode()
    assert ShortLink.objects.filter(asset="state hoarding").count() == 1


@pytest.mark.django_db
def test_visits_reach_the_officers_page_and_stand_beside_the_reach_estimate(client, people, link, visits):
    from sajag.clock import today
    from sajag.reach.compute import district_reach

    for _ in range(9):
        client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME_PHONE)
    client.get(f"/l/{link.code}", HTTP_USER_AGENT="WhatsApp/2.23")
    visits.flush()
    client.force_login(people["collector"])
    html = client.get(reverse("links:list")).content.decode()
    assert re.search(r"<td>(Hoarding|होर्डिंग)</td><td>9</td><td>1</td>", html)
    rows = {r.district.code: r for r in district_reach(link.campaign, today=today())}
    assert rows["jaipur"].visits.visits == 9  # people's visits only: previews are not counted
    assert "qr" not in {c.channel for c in rows["jaipur"].reach.channels}  # visits are not people reached


def test_with_redis_every_worker_adds_to_one_count_atomically(settings):
    """Production's shared cache (SAJAG_CACHE_URL): two workers are two clients of one Redis."""
    import threading

    import redis

    from sajag.core import ratelimit

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on loopback")  # CI and production have one
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "t"}
    }
    from django.core.cache import caches

    caches["default"].clear()
    client = {"REMOTE_ADDR": "203.0.113.77"}
    answers: list[bool] = []
    threads = [
        threading.Thread(
            target=lambda: answers.extend(ratelimit.allow(client, "short-link", limit=60) for _ in range(30))
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers.count(True) == 60 and answers.count(False) == 60  # 120 asked, exactly 60 let through
    keys = redis.Redis.from_url(url).keys("*")
    assert len(keys) == 1 and b"203.0.113" not in keys[0]
    assert 0 < redis.Redis.from_url(url).ttl(keys[0]) <= 60
    caches["default"].clear()
