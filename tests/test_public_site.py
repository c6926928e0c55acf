"""The citizen site: 1930 first, six rules, the "cheated?" router, the public progress page."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from sajag.public.content import RULES

from .personas import ALL

PAGES = [
    "/",
    "/rules/",
    *[f"/rules/{r.slug}/" for r in RULES],
    "/cheated/",
    "/cheated/money-lost/",
    "/cheated/no-money-lost/",
    "/progress/",
    "/check/",
]


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["hi", "en"])
def test_every_citizen_page_opens_with_1930_and_landmarks(client, path, lang):
    url = path if lang == "hi" else f"/en{path}"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert 'href="tel:1930"' in html and "cybercrime.gov.in" in html
    assert '<main id="main">' in html and 'role="banner"' in html
    if lang == "hi":
        assert re.search(r"[\u0900-\u097F]{3,}", text(response))


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
@pytest.mark.parametrize("path", PAGES)
def test_citizen_pages_are_open_to_everyone_and_read_only(client, people, who, path):
    if who != "anonymous":
        client.force_login(people[who])
    assert client.get(path).status_code == 200
    if path != "/check/":  # the scam check takes a message by POST
        assert client.post(path).status_code == 405


@pytest.mark.django_db
def test_home_puts_1930_first_and_links_the_six_rules(client):
    html = client.get("/").content.decode()
    first_number = re.search(r'<span class="big">(\d+)</span>', html)
    assert first_number and first_number.group(1) == "1930"
    assert html.index("1930") < html.index('<nav class="doors"')
    for rule in RULES:
        assert f'href="/rules/{rule.slug}/"' in html
        assert rule.title[1] in html  # the Hindi title
    english = client.get("/en/").content.decode()
    for rule in RULES:
        assert rule.title[0] in english


@pytest.mark.django_db
def test_the_cheated_router_sends_money_lost_to_1930_and_the_rest_to_chakshu(client):
    start = client.get("/en/cheated/").content.decode()
    assert 'href="/en/cheated/money-lost/"' in start and 'href="/en/cheated/no-money-lost/"' in start
    lost = text(client.get("/en/cheated/money-lost/"))
    assert "Call 1930 now" in lost and "transaction IDs" in lost and "within a day" in lost
    assert lost.index("1930") < lost.index("cybercrime.gov.in")
    assert "Chakshu" not in lost
    spam = text(client.get("/en/cheated/no-money-lost/"))
    assert "Chakshu" in spam and "30 days" in spam and "Block the number" in spam
    assert client.get("/en/cheated/something-else/").status_code == 404


@pytest.mark.django_db
def test_rule_pages_link_their_neighbours_and_unknown_rules_are_404(client):
    first = client.get(f"/en/rules/{RULES[0].slug}/").content.decode()
    assert f'href="/en/rules/{RULES[1].slug}/"' in first
    assert "Rule 1 of 6" in first
    last = client.get(f"/en/rules/{RULES[-1].slug}/").content.decode()
    assert f'href="/en/rules/{RULES[-2].slug}/"' in last
    missing = client.get("/en/rules/no-such-rule/")
    assert missing.status_code == 404 and 'href="tel:1930"' in missing.content.decode()


@pytest.mark.django_db
def test_public_pages_are_cacheable_for_citizens_and_private_for_officers(client, people):
    assert "public" in client.get("/").headers["Cache-Control"]
    assert "max-age=60" in client.get("/rules/").headers["Cache-Control"]
    assert "Set-Cookie" not in client.get("/").headers  # no tracking cookie, no session
    client.force_login(people["state"])
    assert "private" in client.get("/").headers["Cache-Control"]


@pytest.mark.django_db
def test_progress_page_shows_numbers_from_the_records_and_no_officer(client, people):
    from sajag.activities import seed as activity_seed
    from sajag.activities.models import Hoarding
    from sajag.campaigns.models import Campaign
    from sajag.campaigns.seed import seed_demo_reports, seed_users
    from sajag.clock import today
    from sajag.reach.compute import district_reach

    campaign = Campaign.objects.get()
    seed_users("!")  # the demo officers, with names, who file the reports
    seed_demo_reports(campaign)
    assert activity_seed.seed_records(campaign) > 0
    html = client.get("/en/progress/").content.decode()
    rows = district_reach(campaign, today=today())
    share = sum(r.reach.combined * r.reach.population for r in rows) / sum(r.reach.population for r in rows)
    assert f"<strong>{round(share * 100)}%</strong>" in html
    assert f">{Hoarding.objects.count():,}<" in html
    jaipur = next(r for r in rows if r.district.code == "jaipur")
    row = re.search(r"Jaipur( <span[^>]*>\*</span>)?</th>\s*<td><strong>(\d+)%</strong></td>", html)
    assert row and int(row.group(2)) == round(jaipur.reach.combined * 100)
    assert html.count("<path d=") == 41  # the map: every district
    from sajag.accounts.models import User

    for user in User.objects.exclude(first_name="").exclude(username__startswith="t."):
        assert user.username not in html
        assert user.get_full_name() not in html
    assert "@" not in re.sub(r"<[^>]+>", "", html)  # no e-mail addresses, no handles


@pytest.mark.django_db
def test_home_page_weight_is_under_the_budget(client):
    html = client.get("/").content
    css = open(finders.find("sajag/sajag.css"), "rb").read()  # noqa: SIM115
    scripts = re.findall(rb"<script[^>]+src=", html)
    assert scripts == []  # the home page needs no JavaScript
    assert len(html) + len(css) < 60 * 1024  # uncompressed, so well under once gzipped
    assert reverse("public:home") == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/rules/otp/", "/cheated/", "/progress/"])
def test_head_requests_are_answered_like_get(client, path):
    response = client.head(path)
    assert response.status_code == 200 and "max-age=60" in response.headers["Cache-Control"]
