"""What a cache in front may keep (sajag/core/caching.py): the citizen pages every anonymous
visitor gets, one copy per address and so per language; never an officer's page, nor a page
that carries one visitor's state; and the progress figures are fresh within the lifetime."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from sajag.core.caching import PrivateWhenPersonal

CITIZEN_PAGES = ["/", "/rules/", "/rules/otp/", "/cheated/", "/cheated/money-lost/", "/check/", "/progress/"]
CITIZEN_PAGES += ["/en" + p for p in CITIZEN_PAGES]


def lifetime(settings) -> str:
    return f"public, max-age={settings.SAJAG_PUBLIC_CACHE_SECONDS}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_a_citizen_page_is_shared_for_the_lifetime_and_holds_nothing_personal(client, settings, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == lifetime(settings)
    assert not response.cookies  # no session, no CSRF token, nothing to tell visitors apart
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html and "Sign out" not in html and "साइन आउट" not in html


@pytest.mark.django_db
def test_the_helpful_404_page_is_shared_too(client, settings):
    for path in ("/no-such-page/", "/en/rules/no-such-rule/"):
        response = client.get(path)
        assert response.status_code == 404 and b"1930" in response.content
        assert response.headers["Cache-Control"] == lifetime(settings)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/check/", "/progress/", "/en/rules/", "/no-such-page/"])
def test_an_officers_copy_is_private_and_shows_them(client, people, path):
    client.force_login(people["collector"])
    response = client.get(path)
    assert "private" in response.headers["Cache-Control"] and "public" not in response.headers["Cache-Control"]
    assert people["collector"].display_name() in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/dashboard/", "/en/field/", "/en/reports/"])
def test_officers_pages_say_private(client, people, path):
    client.force_login(people["collector"])
    response = client.get(path)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private"


@pytest.mark.django_db
def test_a_message_waiting_for_a_visitor_makes_the_page_theirs(client):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "You have signed out.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    response = client.get("/en/")
    assert "You have signed out." in response.content.decode()
    assert "private" in response.headers["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_shared():
    def view(request):
        response = HttpResponse("hello")
        response["Cache-Control"] = "public, max-age=60"
        response.set_cookie("csrftoken", "abc")
        return response

    request = RequestFactory().get("/")
    request.user = None
    response = PrivateWhenPersonal(view)(request)
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


@pytest.mark.django_db
def test_the_language_is_the_address_never_the_browsers(client):
    for path, lang in (("/", "hi"), ("/en/", "en"), ("/check/", "hi"), ("/en/progress/", "en")):
        for accept in ("en-GB,en;q=0.9", "hi-IN,hi;q=0.9", ""):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
            assert f'<html lang="{lang}">' in response.content.decode(), (path, accept)
            assert response.headers["Content-Language"] == lang


def hoardings_shown(client) -> int:
    html = client.get("/en/progress/").content.decode()
    found = re.search(r'<span class="tile-n">([\d,]+)</span><span class="tile-l">Hoardings</span>', html)
    return int(found.group(1).replace(",", ""))


@pytest.mark.django_db
def test_a_new_record_shows_on_the_progress_page_once_it_is_committed(
    client, jaipur_hoardings, people, django_capture_on_commit_callbacks
):
    from sajag.activities.models import Hoarding

    before = hoardings_shown(client)
    assert hoardings_shown(client) == before  # from the app's cache now
    with django_capture_on_commit_callbacks(execute=True):
        Hoarding.objects.create(
            assignment=jaipur_hoardings,
            district=jaipur_hoardings.district,
            city="Jaipur",
            site="Tonk Phatak",
            installed_on="2026-10-05",
            created_by=people["collector"],
        )
        assert hoardings_shown(client) == before  # not committed yet: nobody else sees it either
    assert hoardings_shown(client) == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        Hoarding.objects.filter(site="Tonk Phatak").get().delete()
    assert hoardings_shown(client) == before


@pytest.mark.django_db
def test_a_record_is_saved_when_the_cache_is_unreachable(
    jaipur_hoardings, people, django_capture_on_commit_callbacks, monkeypatch
):
    from sajag.activities.models import Hoarding
    from sajag.public import progress

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(progress.cache, "incr", down)
    monkeypatch.setattr(progress.cache, "set", down)
    with django_capture_on_commit_callbacks(execute=True):
        Hoarding.objects.create(
            assignment=jaipur_hoardings,
            district=jaipur_hoardings.district,
            city="Jaipur",
            site="Ajmeri Gate",
            installed_on="2026-10-05",
            created_by=people["collector"],
        )
    assert Hoarding.objects.filter(site="Ajmeri Gate").exists()


@pytest.mark.django_db
def test_a_change_that_sends_no_signal_shows_within_the_lifetime(client, settings, jaipur_hoardings, people):
    from sajag.activities.models import Hoarding

    settings.SAJAG_PUBLIC_CACHE_SECONDS = 3  # long enough that a busy machine still reads the cache
    before = hoardings_shown(client)
    Hoarding.objects.bulk_create(  # an import's bulk insert: no post_save
        [
            Hoarding(
                assignment=jaipur_hoardings,
                district=jaipur_hoardings.district,
                city="Jaipur",
                site=f"Bulk {i}",
                installed_on="2026-10-05",
                created_by=people["collector"],
            )
            for i in range(3)
        ]
    )
    assert hoardings_shown(client) == before  # the cached figures, for at most the lifetime
    time.sleep(3.2)
    assert hoardings_shown(client) == before + 3
