"""The scam check's fast path (sajag/public/fastcheck.py) answers exactly what Django's views
answer — the same bytes, status and headers — and leaves to Django everything it should."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from sajag.public.fastcheck import CheckFastPath

DATA = Path(__file__).parent / "data"
IGNORED = {"date", "content-length"}


def corpus(limit: int | None = None) -> list[tuple[str, str]]:
    rows = []
    for name in ("scam_corpus.tsv", "scam_holdout.tsv"):
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            rows += [(r["text"], r["sender"] or "") for r in csv.DictReader(fh, delimiter="\t")]
    return rows[:limit] if limit else rows


class Door:
    """One WSGI application called directly: what it answers, and whether Django was asked."""

    def __init__(self) -> None:
        self.django_calls = 0
        django = WSGIHandler()

        def counted(environ, start_response):
            if environ["REQUEST_METHOD"] == "POST":
                self.django_calls += 1
            return django(environ, start_response)

        self.fast = CheckFastPath(counted)
        self.django = django

    @staticmethod
    def call(app, method: str, path: str, body: bytes, content_type: str, **extra):
        environ = RequestFactory().generic(method, path, body, content_type=content_type, **extra).environ
        environ["wsgi.input"] = io.BytesIO(body)
        got = {}

        def start_response(status, headers, exc_info=None):
            got["status"], got["headers"] = status, headers

        # As Django's test client does: the test's transaction holds the connection, so Django's
        # start and end of a request must not close it (PostgreSQL would lose the test's data).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = app(environ, start_response)
            content = b"".join(chunks)
            if hasattr(chunks, "close"):
                chunks.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        headers = {k.lower(): v for k, v in got["headers"] if k.lower() not in IGNORED}
        return got["status"], headers, content

    def both(self, path: str, body: bytes, content_type: str, **extra):
        before = self.django_calls
        fast = self.call(self.fast, "POST", path, body, content_type, **extra)
        by_fast_path = self.django_calls == before
        slow = self.call(self.django, "POST", path, body, content_type, **extra)
        return fast, slow, by_fast_path


FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def door(settings):
    settings.SAJAG_RATE_SCAM_CHECKS = 0
    settings.SAJAG_RATE_SCAM_API = 0
    return Door()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/check/", "/en/check/"])
def test_the_page_is_the_same_bytes_as_djangos_for_every_corpus_message(door, path):
    for text, sender in corpus():
        fast, slow, by_fast_path = door.both(path, urlencode({"text": text, "sender": sender}).encode(), FORM)
        assert by_fast_path, text
        assert fast == slow, text


@pytest.mark.django_db
def test_the_page_keeps_what_was_typed_escaped_as_django_does(door):
    for text, sender in [
        ("  <script>alert(\"x\")</script> & 1930 'KYC'  \r\nline two ", ' "VM-SBI" <b> '),
        ("आपका बिजली कनेक्शन आज रात 9:30 बजे काट दिया जाएगा। 98xxxxxx21 पर कॉल करें", ""),
        ("ok", "x" * 40),
    ]:
        fast, slow, by_fast_path = door.both("/check/", urlencode({"text": text, "sender": sender}).encode(), FORM)
        assert by_fast_path and fast == slow, text
        assert "&lt;script&gt;" in fast[2].decode() or "<script>" not in text


@pytest.mark.django_db
def test_the_api_is_the_same_json_as_djangos(door):
    bodies = [json.dumps({"text": t, "sender": s or None}) for t, s in corpus(60)]
    bodies += [
        json.dumps({"link": "http://sbi-kyc.top/u"}),
        json.dumps({"number": "+91 70012 34567", "lang": "hi"}),
        json.dumps({"text": "x" * 5001}),
        json.dumps({"nothing": 1}),
        "[1, 2]",
        "{not json",
        '{"text": "\\ud800"}',
    ]
    for body in bodies:
        fast, slow, by_fast_path = door.both("/api/scamcheck/", body.encode(), "application/json")
        assert by_fast_path, body
        assert fast == slow, body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"text": "KYC update karo", "share": "on"},  # shared: written to the database
        {"text": "KYC update karo", "district": "1"},
        {"text": "   "},  # the form's own error
        {"text": "x" * 5001},
        {"text": "ok", "sender": "y" * 41},
    ],
)
def test_what_the_fast_path_leaves_to_django_is_answered_by_django(door, fields):
    fast, slow, by_fast_path = door.both("/en/check/", urlencode(fields).encode(), FORM)
    assert not by_fast_path
    assert fast[0] == slow[0] and fast[2].replace(b" checked", b"") == slow[2].replace(b" checked", b"")


@pytest.mark.django_db
def test_an_officer_a_multipart_form_or_a_foreign_host_go_to_django(door, people, client):
    body = urlencode({"text": "Your account is blocked, share OTP"}).encode()
    client.force_login(people["state"])
    session = client.cookies["sessionid"].value
    fast, _slow, by_fast_path = door.both("/en/check/", body, FORM, HTTP_COOKIE=f"sessionid={session}")
    assert not by_fast_path and fast[0].startswith("200") and b"Sign out" in fast[2]
    assert not door.both("/en/check/", body, "multipart/form-data; boundary=x")[2]
    fast, _slow, by_fast_path = door.both("/en/check/", body, FORM, HTTP_HOST="evil.example")
    assert not by_fast_path and fast[0].startswith("400")


@pytest.mark.django_db
def test_plain_http_where_https_is_required_goes_to_django_and_is_redirected(settings):
    settings.SAJAG_RATE_SCAM_CHECKS = 0
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    door = Door()  # Django's middleware reads these when it starts
    body = urlencode({"text": "Your account is blocked"}).encode()
    fast, _slow, by_fast_path = door.both("/en/check/", body, FORM)
    assert not by_fast_path and fast[0].startswith("301")
    fast, slow, by_fast_path = door.both("/en/check/", body, FORM, secure=True)
    assert by_fast_path and fast == slow and "strict-transport-security" in fast[1]


@pytest.mark.django_db
def test_the_fast_path_counts_the_same_limit_as_the_views(settings):
    settings.SAJAG_RATE_SCAM_CHECKS = 3
    settings.SAJAG_RATE_SCAM_API = 2
    door = Door()
    body = urlencode({"text": "Your electricity will be cut tonight call 7001234567"}).encode()
    statuses = [door.call(door.fast, "POST", "/en/check/", body, FORM)[0][:3] for _ in range(4)]
    assert statuses == ["200", "200", "200", "429"]
    assert door.call(door.django, "POST", "/en/check/", body, FORM)[0][:3] == "429"  # one count for both
    api = [door.call(door.fast, "POST", "/api/scamcheck/", b'{"text": "hi"}', "application/json") for _ in range(3)]
    assert [a[0][:3] for a in api] == ["200", "200", "429"]
    assert json.loads(api[-1][2])["error"] == "rate_limited"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/en/check/?utm_source=whatsapp", "text=Your+KYC+expires", FORM),  # the page repeats the address
        ("/en/check/", "text=Your+KYC+expires", FORM + "; charset=iso-8859-1"),
        ("/en/check/", "text=Your+KYC+expires", FORM + "junk"),
        ("/en/check/", "&".join(f"f{i}=x" for i in range(1200)) + "&text=KYC", FORM),  # too many fields
    ],
)
def test_odd_requests_get_exactly_what_django_gives(door, path, body, content_type):
    fast, slow, by_fast_path = door.both(path, body.encode(), content_type)
    assert not by_fast_path
    assert fast == slow
