"""Daily digests: who gets which lines, escalation up the chain, once a day, email in the
officer's language, and SMS through the console and a real HTTP gateway."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sajag.accounts.models import Posting, Role, User
from sajag.campaigns.models import Assignment, Status
from sajag.geo.models import Department
from sajag.reminders import digest, sms
from sajag.reminders.models import DigestSent


@pytest.fixture
def day(campaign):
    return campaign.starts_on + dt.timedelta(days=20)


@pytest.fixture
def jaipur_ipr(db):
    return Assignment.objects.get(directive__number=1, district__code="jaipur")


def set_due(assignment, due_on, status=Status.PENDING):
    assignment.due_on, assignment.status = due_on, status
    assignment.save()


@pytest.fixture
def quiet(campaign, day):
    """Nothing else open near the day: every assignment due long after it."""
    Assignment.objects.filter(directive__meeting__campaign=campaign).update(due_on=day + dt.timedelta(days=30))


def by_user(ds):
    return {d.user.username: d for d in ds}


@pytest.mark.django_db
def test_the_holder_gets_overdue_and_due_soon_work_and_nobody_else_does(campaign, day, quiet, jaipur_ipr):
    set_due(jaipur_ipr, day + dt.timedelta(days=2))  # due within three days
    got = by_user(digest.digests(campaign, today=day, after=3))
    assert set(got) == {"t.dpro"}
    assert [line.days_late for line in got["t.dpro"].own] == [-2]
    set_due(jaipur_ipr, day + dt.timedelta(days=4))  # not yet
    assert digest.digests(campaign, today=day, after=3) == []
    set_due(jaipur_ipr, day - dt.timedelta(days=1), Status.REPORTED)  # reported: nothing to chase
    assert digest.digests(campaign, today=day, after=3) == []


@pytest.mark.django_db
def test_long_overdue_work_escalates_to_the_department_then_the_state(campaign, day, quiet, jaipur_ipr):
    set_due(jaipur_ipr, day - dt.timedelta(days=3))  # 3 days late: not more than N=3
    assert set(by_user(digest.digests(campaign, today=day, after=3))) == {"t.dpro"}
    set_due(jaipur_ipr, day - dt.timedelta(days=4))  # more than N: the I&PR nodal officer too
    got = by_user(digest.digests(campaign, today=day, after=3))
    assert set(got) == {"t.dpro", "t.ipr_nodal"}
    assert got["t.ipr_nodal"].own == [] and [line.days_late for line in got["t.ipr_nodal"].escalated] == [4]
    set_due(jaipur_ipr, day - dt.timedelta(days=7))  # more than 2N: the state as well
    assert set(by_user(digest.digests(campaign, today=day, after=3))) == {"t.dpro", "t.ipr_nodal", "t.state"}


@pytest.mark.django_db
def test_the_collector_and_sp_work_goes_to_both_and_escalates_to_the_state(campaign, day, quiet):
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    set_due(joint, day - dt.timedelta(days=5), Status.RETURNED)
    got = by_user(digest.digests(campaign, today=day, after=3))
    assert set(got) == {"t.collector", "t.sp", "t.state"}
    assert got["t.state"].escalated[0].assignment == joint


@pytest.mark.django_db
def test_digests_are_emailed_once_a_day_in_the_officers_language(campaign, day, quiet, jaipur_ipr, people):
    dpro = people["dpro"]
    dpro.email, dpro.language = "dpro@example.org", "hi"
    dpro.save()
    set_due(jaipur_ipr, day - dt.timedelta(days=2))
    out = io.StringIO()
    call_command("send_digests", date=day.isoformat(), stdout=out)
    assert "1 emails and 0 SMS sent" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dpro@example.org"]
    assert message.subject.startswith("सजग: 1 समय-सीमा पार, 0 जल्द देय")
    assert f"/assignments/{jaipur_ipr.pk}/" in message.body and "2 दिन" in message.body
    call_command("send_digests", date=day.isoformat(), stdout=out)  # the same day again
    assert len(mail.outbox) == 1 and "1 already sent today" in out.getvalue()
    assert DigestSent.objects.get(user=dpro).own == 1


@pytest.mark.django_db
def test_sms_digest_through_the_console(campaign, day, quiet, jaipur_ipr, people):
    dpro = people["dpro"]
    dpro.mobile, dpro.language = "+919876543210", "en"
    dpro.save()
    set_due(jaipur_ipr, day - dt.timedelta(days=2))
    console = sms.ConsoleSms(io.StringIO())
    counts = digest.send(campaign, today=day, sms_sender=console)
    assert counts["sms"] == 1
    assert console.sent == [("+919876543210", "Sajag: 1 overdue, 0 due within 3 days, 0 overdue below you.")]


def test_the_http_gateway_posts_json_with_the_token_and_reports_failures():
    received = []

    class Gateway(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.headers["Authorization"], body))
            status = 200 if body["to"] != "+910000000000" else 422
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"id": "msg-7"} if status == 200 else {"error": "bad number"}).encode())

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        gateway = sms.HttpGatewaySms(f"http://127.0.0.1:{server.server_port}/send", "tok", "SAJAGR", "1107000")
        assert gateway.send("+919876543210", "नमस्ते 1930") == "msg-7"
        assert received == [
            ("Bearer tok", {"sender": "SAJAGR", "to": "+919876543210", "text": "नमस्ते 1930", "template_id": "1107000"})
        ]
        with pytest.raises(sms.SmsError, match="422"):
            gateway.send("+910000000000", "x")
    finally:
        server.shutdown()
    with pytest.raises(sms.SmsError, match="unreachable"):
        sms.HttpGatewaySms("http://127.0.0.1:9/send", "t", "s", timeout=2).send("+919876543210", "x")


def test_an_unconfigured_gateway_names_the_missing_settings(settings):
    settings.SAJAG_SMS_BACKEND, settings.SAJAG_SMS_URL = "http", ""
    with pytest.raises(sms.SmsError, match="SAJAG_SMS_URL"):
        sms.sender()


@pytest.mark.django_db
def test_an_officers_mobile_number_is_checked_and_stored_in_one_form():
    user = User(username="x", mobile="098765 43210")
    user.clean()
    assert user.mobile == "+919876543210"
    with pytest.raises(ValidationError, match="Not a valid mobile number"):
        User(username="y", mobile="12345").clean()


@pytest.mark.django_db
def test_a_department_without_a_nodal_officer_escalates_to_the_state(campaign, day, quiet, jaipur_ipr):
    Posting.objects.filter(role=Role.DEPT_NODAL, department=Department.objects.get(code="ipr")).update(is_active=False)
    set_due(jaipur_ipr, day - dt.timedelta(days=4))
    assert set(by_user(digest.digests(campaign, today=day, after=3))) == {"t.dpro", "t.state"}
