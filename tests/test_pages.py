"""What a person sees: Hindi by default, English one click away, the remark reaching the officer."""

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sajag.campaigns import actions


@pytest.mark.django_db
def test_home_names_the_campaign_and_1930_in_hindi_by_default(client, campaign):
    html = client.get("/").content.decode()
    assert '<html lang="hi">' in html
    assert campaign.name_hi in html
    assert 'href="tel:1930"' in html
    assert "अधिकारी लॉग-इन" in html  # the way in for officers
    # English one click away: a button that posts, with no token (and so no cookie) for a citizen.
    assert '<form class="inline" method="post" action="/lang/en/">' in html
    assert '<input type="hidden" name="next" value="/">' in html and "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_home_in_english_under_en(client, campaign):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert campaign.name_en in html and "Officer sign-in" in html


@pytest.mark.django_db
def test_switching_language_keeps_the_page_and_remembers_the_officers_choice(client, people):
    client.force_login(people["collector"])
    response = client.post("/lang/en/", {"next": "/dashboard/?status=overdue"})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/?status=overdue"
    people["collector"].refresh_from_db()
    assert people["collector"].language == "en"
    # Every link on the English page stays in English.
    html = client.get("/en/dashboard/").content.decode()
    assert 'href="/en/campaign/"' in html and 'href="/campaign/"' not in html
    response = client.post("/lang/hi/", {"next": "/en/dashboard/"})
    assert response["Location"] == "/dashboard/"


def test_switch_language_refuses_to_redirect_off_site(client):
    response = client.post("/lang/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_switching_language_is_a_post_and_an_officers_needs_the_csrf_token(people):
    from django.test import Client

    officer = Client(enforce_csrf_checks=True)
    officer.force_login(people["collector"])
    assert officer.get("/lang/en/?next=/dashboard/").status_code == 405  # a prefetch changes nothing
    assert officer.post("/lang/en/", {"next": "/dashboard/"}).status_code == 403  # no token: forged
    people["collector"].refresh_from_db()
    assert people["collector"].language == "hi"
    html = officer.get("/dashboard/").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = officer.post("/lang/en/", {"next": "/dashboard/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    people["collector"].refresh_from_db()
    assert people["collector"].language == "en"
    citizen = Client(enforce_csrf_checks=True)
    response = citizen.post("/lang/en/", {"next": "/rules/"})
    assert response.status_code == 302 and response["Location"] == "/en/rules/"
    assert not response.cookies  # no cookie for a citizen


def test_the_hindi_catalogue_is_complete():
    po = polib.pofile(str(settings.LOCALE_PATHS[0] / "hi" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 150
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []


@pytest.mark.django_db
def test_collector_sees_the_remark_in_hindi_page(client, people, jaipur_joint):
    actions.submit_report(
        assignment=jaipur_joint, by=people["collector"], summary="बैंकों के साथ बैठक", achieved_number=1, expected_version=0
    )
    actions.return_report(assignment=jaipur_joint, by=people["state"], remark="बैंकों की सूची जोड़ें।", expected_version=1)
    client.force_login(people["collector"])
    with translation.override("hi"):
        url = reverse("campaigns:assignment-detail", args=[jaipur_joint.pk])
    html = client.get(url).content.decode()
    assert "बैंकों की सूची जोड़ें।" in html
    assert "लौटाई गई" in html  # status: returned
    assert "फिर से रिपोर्ट करें" in html  # the button to report again


@pytest.mark.django_db
def test_a_form_error_names_the_field_and_keeps_the_input(client, people, jaipur_joint):
    client.force_login(people["collector"])
    url = reverse("campaigns:assignment-report", args=[jaipur_joint.pk])
    response = client.post(url, {"summary": "", "achieved_number": "-3", "version": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what was done: this field cannot be empty." in html
    assert "The number cannot be negative." in html
    assert 'value="-3"' in html
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == "pending"


@pytest.mark.django_db
def test_the_meeting_page_lists_the_five_directives(client, people):
    client.force_login(people["viewer"])
    html = client.get("/en/campaign/").content.decode()
    assert "High-level meeting on cyber-fraud prevention" in html
    assert html.count('<li value="') == 5
    assert "Ravi Kumar Surpur" in html


@pytest.mark.django_db
def test_login_with_a_wrong_password_says_so(client, people):
    response = client.post("/en/accounts/login/", {"username": "t.collector", "password": "wrong"})
    assert "The user name or password is wrong" in response.content.decode()


@pytest.mark.django_db
def test_an_officer_who_chose_english_lands_in_english_after_signing_in(client, people):
    user = people["collector"]
    user.language = "en"
    user.save(update_fields=["language"])
    response = client.post("/accounts/login/", {"username": "t.collector", "password": "persona-pass-2026"})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    client.logout()
    response = client.post(
        "/accounts/login/?next=/campaign/", {"username": "t.collector", "password": "persona-pass-2026"}
    )
    assert response["Location"] == "/campaign/"
