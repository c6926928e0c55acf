"""Production hardening: deploy checks, headers, sign-in lockout and its log, public rate limits
without stored addresses, and the backup archive's round trip."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from sajag.backup import BackupError, backup, restore
from sajag.campaigns.models import Assignment, Campaign, ReportEvent
from sajag.links.models import ShortLink

from .personas import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    **os.environ,
    "SAJAG_ENV": "production",
    "SAJAG_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-8f3k2m9x7q1w5e4r6t0y",
    "SAJAG_ALLOWED_HOSTS": "sajag.rajasthan.example",
    "SAJAG_DEBUG": "0",
    "SAJAG_CACHE_URL": "redis://127.0.0.1:6379/1",
}


def test_deploy_checks_report_nothing_in_production():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=PRODUCTION,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_settings_are_strict():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD,"
        "s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.SESSION_COOKIE_AGE]))"
    )
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "sajag.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [False, True, True, 31536000, True, True, "DENY", "same-origin", 8 * 3600]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/check/", "/accounts/login/", "/en/dashboard/"])
def test_every_page_carries_the_security_headers(client, people, path):
    client.force_login(people["state"]) if "dashboard" in path else None
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp.split("style-src-attr")[0]  # no inline scripts or <style> blocks
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert "geolocation=(self)" in response["Permissions-Policy"]


def test_weak_passwords_are_refused():
    for weak in ("12345678", "password", "sajag"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Rajasthan-1930-safe")


# ---- sign-in ------------------------------------------------------------------------------


def sign_in(client, password: str, address: str = "203.0.113.5"):
    return client.post(
        reverse("accounts:login"), {"username": "t.collector", "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_repeated_failures_lock_the_sign_in_and_every_event_is_logged(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    assert sign_in(client, "wrong").status_code == 429  # the third failure locks
    locked = sign_in(client, PASSWORD)  # even the right password, while locked
    assert locked.status_code == 429
    assert "locked" in locked.content.decode().lower() or "लॉक" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="t.collector").count() >= 3
    # Another client is not locked out by this one's failures.
    assert sign_in(client, PASSWORD, address="198.51.100.9").status_code == 302
    assert AccessLog.objects.filter(username="t.collector").count() == 1
    client.post(reverse("accounts:logout"))
    assert AccessLog.objects.get(username="t.collector").logout_time is not None
    call_command("axes_reset")
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_behind_nginx_a_lockout_is_per_user_and_real_client_not_per_proxy(client, settings):
    # The probe: five wrong passwords from one address locked the user for every address,
    # because the lockout saw only nginx's address.
    settings.AXES_FAILURE_LIMIT, settings.SAJAG_PROXY_COUNT = 3, 1

    def via_nginx(password, real_client):
        return client.post(
            reverse("accounts:login"),
            {"username": "t.collector", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=real_client,
        )

    assert [via_nginx("wrong", "203.0.113.66").status_code for _ in range(3)] == [200, 200, 429]
    assert via_nginx(PASSWORD, "203.0.113.66").status_code == 429  # that client stays locked
    assert via_nginx(PASSWORD, "198.51.100.23").status_code == 302  # everyone else signs in
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"


@pytest.mark.django_db
def test_x_forwarded_for_is_believed_only_from_the_proxy(client, settings):
    from sajag.core.ratelimit import client_address

    settings.SAJAG_PROXY_COUNT = 1
    direct = {"REMOTE_ADDR": "198.51.100.50", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    assert client_address(direct) == "198.51.100.50"  # came past nginx: cannot name itself
    assert client_address({**direct, "REMOTE_ADDR": "127.0.0.1"}) == "203.0.113.99"
    settings.SAJAG_PROXY_ADDRESSES = frozenset({"10.0.0.2"})
    assert client_address({**direct, "REMOTE_ADDR": "10.0.0.2"}) == "203.0.113.99"
    assert client_address({**direct, "REMOTE_ADDR": "127.0.0.1"}) == "127.0.0.1"
    # Rate limits too: a direct client forging a new address each time is still one client.
    settings.SAJAG_RATE_PUBLIC_PAGES = 2
    cache.clear()
    codes = [
        client.get("/", REMOTE_ADDR="198.51.100.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(3)
    ]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_a_session_expires_after_a_working_day(client, people):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert response.cookies["sessionid"]["httponly"]


# ---- public rate limits -------------------------------------------------------------------


@pytest.mark.django_db
def test_citizen_pages_are_limited_per_client_without_keeping_addresses(client, settings, people):
    settings.SAJAG_RATE_PUBLIC_PAGES = 3
    cache.clear()
    for _ in range(3):
        assert client.get("/", REMOTE_ADDR="203.0.113.7").status_code == 200
    limited = client.get("/rules/", REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429 and limited["Retry-After"] == "60" and "1930" in limited.content.decode()
    assert client.get("/", REMOTE_ADDR="203.0.113.8").status_code == 200  # another client
    with connection.cursor() as cursor:  # the shared cache's table: keyed hashes, never the address
        cursor.execute("SELECT cache_key FROM sajag_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys and not any("203.0.113" in str(k) for k in keys)
    client.force_login(people["state"])
    assert client.get("/", REMOTE_ADDR="203.0.113.7").status_code == 200  # officers are not limited


@pytest.mark.django_db
def test_behind_the_proxy_the_client_is_the_address_nginx_saw(client, settings):
    settings.SAJAG_RATE_PUBLIC_PAGES, settings.SAJAG_PROXY_COUNT = 2, 1
    cache.clear()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(2):
        assert client.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.20", **proxy).status_code == 200
    # The client forges a different first entry: still the same client to us.
    assert client.get("/", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.20", **proxy).status_code == 429
    assert client.get("/", HTTP_X_FORWARDED_FOR="203.0.113.21", **proxy).status_code == 200


@pytest.mark.django_db
def test_the_redirect_is_limited_per_client_in_django_and_in_the_fast_path(
    client, settings, campaign, tmp_path, monkeypatch
):
    from sajag.links import counter
    from sajag.links.redirect import FastPath, resolver

    visits = counter.VisitCounter(tmp_path / "spool", interval=0)
    monkeypatch.setattr(counter, "_counter", visits)
    resolver.clear()

    settings.SAJAG_RATE_SHORT_LINKS = 2
    cache.clear()
    link = ShortLink.objects.create(campaign=campaign, channel="hoarding", asset="x")
    for _ in range(2):
        assert client.get(f"/l/{link.code}", REMOTE_ADDR="203.0.113.30").status_code == 302
    assert client.get(f"/l/{link.code}", REMOTE_ADDR="203.0.113.30").status_code == 429
    statuses = []
    app = FastPath(lambda environ, start: start("404 Not Found", []) or [b""])
    for _ in range(3):
        environ = {"PATH_INFO": f"/l/{link.code}", "REQUEST_METHOD": "GET", "REMOTE_ADDR": "203.0.113.31"}
        app(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["302 Found", "302 Found", "429 Too Many Requests"]
    visits.close()  # four visits counted (no browser string: as bots), none of the refused ones
    day = link.days.get()
    assert day.people + day.bots == 4


# ---- backup and restore -------------------------------------------------------------------


def snapshot() -> dict[str, list]:
    """Every row of every table (content types by natural key: their ids are not kept)."""
    ct = {c.pk: (c.app_label, c.model) for c in ContentType.objects.all()}
    out = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in ("contenttypes", "sessions") or label == "auth.Permission":
            continue
        rows = []
        for row in model._default_manager.order_by("pk").values():
            rows.append({k: (ct.get(v) if k.endswith("content_type_id") else v) for k, v in row.items()})
        out[label] = rows
    return out


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("browser_data")
def test_backup_and_restore_give_back_every_row_and_file(tmp_path, settings, people, campaign):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "kits").mkdir(parents=True)
    (tmp_path / "media" / "kits" / "jaipur.zip").write_bytes(b"PK kit")
    ShortLink.objects.create(campaign=campaign, channel="hoarding", asset="round trip", created_by=people["state"])
    # Text exactly as typed, spaces and newlines at either end included, and a time to the microsecond.
    assignment = Assignment.objects.filter(directive__meeting__campaign=campaign).first()
    ReportEvent.objects.create(
        assignment=assignment,
        action="return",
        from_status="reported",
        to_status="returned",
        by=people["state"],
        at=dt.datetime(2026, 10, 7, 11, 22, 33, 123456, tzinfo=dt.UTC),
        version=1,
        remark="  two spaces  \n",
    )
    campaign.goal_hi = "\n  हर घर तक 1930 पहुँचे।\n"
    campaign.save(update_fields=["goal_hi"])
    before = snapshot()
    archive = tmp_path / "sajag.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "data.json", "media/kits/jaipur.zip"} <= set(tar.getnames())

    # Things change after the backup: rows deleted and added, a file lost.
    ShortLink.objects.filter(asset="round trip").delete()
    ShortLink.objects.create(campaign=campaign, channel="sms", asset="after the backup")
    (tmp_path / "media" / "kits" / "jaipur.zip").unlink()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), "--yes")

    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        if after[label] != before[label]:
            for x, y in zip(before[label], after[label], strict=False):
                if x != y:
                    raise AssertionError((label, {k: (x[k], y.get(k)) for k in x if x[k] != y.get(k)}))
        assert after[label] == before[label], label
    assert (tmp_path / "media" / "kits" / "jaipur.zip").read_bytes() == b"PK kit"
    assert ReportEvent.objects.get(action="return").remark == "  two spaces  \n"
    assert ReportEvent.objects.get(action="return").at.microsecond == 123456
    assert Campaign.objects.get(pk=campaign.pk).goal_hi == "\n  हर घर तक 1930 पहुँचे।\n"


@pytest.mark.django_db
def test_a_backup_from_other_migrations_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "a.tar.gz"
    backup(archive)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["migrations"].append("links.9999_future")
    forged = tmp_path / "b.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(forged, "w:gz") as dst:
        for member in src.getmembers():
            if member.name == "manifest.json":
                blob = json.dumps(manifest).encode()
                member.size = len(blob)
                import io

                dst.addfile(member, io.BytesIO(blob))
            else:
                dst.addfile(member, src.extractfile(member) if member.isfile() else None)
    with pytest.raises(BackupError, match=r"links\.9999_future"):
        restore(forged)


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_first_format_xml_still_restores(tmp_path, settings, people, campaign):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShortLink.objects.create(campaign=campaign, channel="hoarding", asset="from 2026", created_by=people["state"])
    archive = tmp_path / "new.tar.gz"
    backup(archive)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["format"] = 1
    call_command(
        "dumpdata",
        exclude=["contenttypes", "auth.permission", "sessions"],
        format="xml",
        natural_foreign=True,
        output=str(tmp_path / "data.xml"),
        verbosity=0,
    )
    old = tmp_path / "old.tar.gz"
    with tarfile.open(old, "w:gz") as tar:
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
        tar.add(tmp_path / "manifest.json", arcname="manifest.json")
        tar.add(tmp_path / "data.xml", arcname="data.xml")
    ShortLink.objects.filter(asset="from 2026").delete()
    restore(old)
    assert ShortLink.objects.filter(asset="from 2026").exists()
