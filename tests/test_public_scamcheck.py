"""The scam check on the citizen site: explained, private unless shared, rate-limited API."""

import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from sajag.public.models import SharedMessage

SCAM = "प्रिय ग्राहक, आपका केवाईसी समाप्त हो गया है। तुरंत अपडेट करें: http://sbi-kyc.top/u <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_citizen_checks_a_message_in_hindi_and_sees_why_and_what_to_do(client):
    response = client.post("/check/", {"text": SCAM})
    html = response.content.decode()
    assert response.status_code == 200
    assert "संभावित ठगी" in html  # likely scam
    assert "<mark>केवाईसी समाप्त</mark>" in html or "<mark>केवाईसी" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "1930" in html and "cybercrime.gov.in" in html and "sancharsaathi.gov.in" in html
    assert SharedMessage.objects.count() == 0  # nothing stored without consent


@pytest.mark.django_db
def test_the_page_in_english(client):
    html = client.post("/en/check/", {"text": "Your KYC expired. Update today: bit.ly/x"}).content.decode()
    assert "Likely scam" in html and "KYC / PAN / Aadhaar update" in html


@pytest.mark.django_db
def test_sharing_stores_only_the_message_and_the_verdict(client):
    from sajag.geo.models import District

    jaipur = District.objects.get(code="jaipur")
    client.post(
        "/en/check/",
        {"text": "Your KYC expired. Update today: bit.ly/x", "share": "on", "district": jaipur.pk},
        REMOTE_ADDR="203.0.113.9",
    )
    shared = SharedMessage.objects.get()
    assert (shared.level, shared.typology, shared.district) == ("likely_scam", "kyc_pan_aadhaar", jaipur)
    stored = json.dumps(list(SharedMessage.objects.values()), default=str)
    assert "203.0.113.9" not in stored


@pytest.mark.django_db
def test_an_empty_or_oversized_paste_says_what_is_wrong(client):
    assert "Paste the message first." in client.post("/en/check/", {"text": ""}).content.decode()
    html = client.post("/en/check/", {"text": "x" * 6000}).content.decode()
    assert "at most 5000 characters" in html


@pytest.mark.django_db
def test_the_page_is_rate_limited_per_client_without_storing_the_address(client):
    for _ in range(30):
        assert client.post("/en/check/", {"text": "hello"}, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.post("/en/check/", {"text": "hello"}, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert client.post("/en/check/", {"text": "hello"}, REMOTE_ADDR="198.51.100.8").status_code == 200


@pytest.mark.django_db
def test_the_json_api(client):
    response = client.post(
        "/api/scamcheck/",
        json.dumps({"text": "Share the OTP you received to stop the debit", "lang": "en"}),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200 and body["level"] == "likely_scam"
    assert body["signals"][0]["id"] == "otp_request" and "OTP" in body["signals"][0]["evidence"]
    assert any("1930" in line for line in body["advice"])
    link = client.post(
        "/api/scamcheck/", json.dumps({"link": "http://192.168.1.5/sbi"}), content_type="application/json"
    ).json()
    assert link["signals"][0]["id"] == "link_ip_host"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"not json", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b"{}", "missing_field"),
        (json.dumps({"text": "x" * 6000}).encode(), "too_long"),
        (json.dumps({"text": "Share the OTP", "sender": "9" * 41}).encode(), "too_long"),
        # the probe's bodies, each a 500 before: nesting deeper than the parser follows, and a
        # lone surrogate that no UTF-8 answer can hold
        (b"[" * 100_000 + b"]" * 100_000, "invalid_json"),
        (b'{"text": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001, "invalid_json"),
        (b'{"text": "otp \\ud800 share now"}', "invalid_text"),
        (b'{"text": "Share the OTP", "sender": "\\udc00"}', "invalid_text"),
    ],
)
def test_the_json_api_answers_bad_input_with_a_clear_400(client, payload, error):
    response = client.post("/api/scamcheck/", payload, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"] == error


@pytest.mark.django_db
def test_a_body_over_djangos_limit_is_a_json_413(client, settings):
    too_big = json.dumps({"text": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}).encode()
    response = client.post("/api/scamcheck/", too_big, content_type="application/json")
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert response.json() == {"error": "too_large", "detail": "The body is larger than 5 MB."}


@pytest.mark.django_db
def test_the_json_api_is_rate_limited(client):
    for _ in range(60):
        client.post("/api/scamcheck/", b'{"text": "hi"}', content_type="application/json", REMOTE_ADDR="192.0.2.1")
    response = client.post(
        "/api/scamcheck/", b'{"text": "hi"}', content_type="application/json", REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 429
    assert client.get("/api/scamcheck/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("state", 200), ("collector", 200), ("viewer", 200), ("no_posting", 403), ("anonymous", 302)]
)
def test_officers_see_what_citizens_shared(client, people, who, status):
    from sajag.geo.models import District

    SharedMessage.objects.create(
        district=District.objects.get(code="jaipur"),  # the Collector's own district
        text="KYC expired",
        level="likely_scam",
        typology="kyc_pan_aadhaar",
        signals=["kyc_update"],
        language="en",
        shared_on="2026-10-12",
    )
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(reverse("public:shared-trends"))
    assert response.status_code == status
    if status == 200:
        assert "KYC / PAN / Aadhaar update" in response.content.decode()


@pytest.mark.django_db
def test_a_page_elsewhere_cannot_make_a_visitor_share_a_message(client):
    from sajag.public.models import SharedMessage

    fields = {"text": "Your KYC expires today, update at http://sbi-kyc.top/u", "share": "on"}
    client.post("/en/check/", fields, HTTP_SEC_FETCH_SITE="cross-site")
    assert not SharedMessage.objects.exists()
    response = client.post("/en/check/", fields, HTTP_SEC_FETCH_SITE="same-origin")
    assert SharedMessage.objects.count() == 1 and b"was shared" in response.content
    # The form comes back with the message but without the tick: checking again shares nothing.
    html = response.content.decode()
    share = re.search(r'<input type="checkbox" name="share"[^>]*>', html).group(0)
    assert "sbi-kyc.top/u</textarea>" in html and "checked" not in share


@pytest.mark.django_db
def test_a_scam_offers_a_whatsapp_warning_in_the_pages_language_without_the_message(client):
    from urllib.parse import parse_qs, urlsplit

    html = client.post("/check/", {"text": SCAM}).content.decode()
    link = re.search(r'href="(https://wa\.me/\?text=[^"]+)"', html).group(1)
    text = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["text"][0]
    assert "संभावित ठगी" in text and "1930" in text and "/check/" in text
    assert "केवाईसी" in text  # the kind of scam, named
    assert "sbi-kyc.top" not in text and "प्रिय ग्राहक" not in text  # never the message itself
    english = client.post("/en/check/", {"text": "Your KYC expired. Update today: bit.ly/x"}).content.decode()
    assert "Likely+scam" in english or "Likely%20scam" in english


@pytest.mark.django_db
def test_no_whatsapp_warning_for_a_message_without_signs(client):
    html = client.post("/check/", {"text": "Papa, main shaam ko 7 baje ghar aaunga"}).content.decode()
    assert "wa.me" not in html
