"""The integration API: tokens (hashed, revocable, last use recorded), each scoped like a posting;
bill runs, bill files and social readings in; compliance and reach out; clear 4xx errors that
name the field; the committed OpenAPI schema; schemathesis finds no server error."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings

from sajag.accounts.models import Role
from sajag.activities.models import BillRun, SocialPost, SocialReading, Source
from sajag.api.api import api
from sajag.api.models import ApiToken, hash_token
from sajag.api.tokens import create_token
from sajag.campaigns.models import Assignment
from sajag.geo.models import Department, District
from sajag.reach.models import BillIngestJob, ConsumerBills


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def jvvnl(db):
    """A DISCOM's token: a district officer of Energy in Jaipur and Dausa."""
    energy = Department.objects.get(code="energy")
    districts = list(District.objects.filter(code__in=["jaipur", "dausa"]))
    token, secret = create_token(
        name="JVVNL billing", role=Role.DISTRICT_OFFICER, department=energy, districts=districts
    )
    return token, secret


@pytest.fixture
def energy_dept(db):
    token, secret = create_token(
        name="Energy HQ", role=Role.DEPT_NODAL, department=Department.objects.get(code="energy")
    )
    return token, secret


@pytest.fixture
def reader(db):
    token, secret = create_token(name="State dashboard", role=Role.VIEWER)
    return token, secret


def bill(district="jaipur", **changes):
    return {"district": district, "utility": "JVVNL", "cycle": "2026-10-15", "bills_printed": 120000, **changes}


@pytest.mark.django_db
def test_a_token_is_stored_only_as_a_hash_and_records_its_last_use(client, jvvnl):
    token, secret = jvvnl
    assert (
        secret.startswith("sjg_")
        and token.key_hash == hash_token(secret)
        and secret not in str(ApiToken.objects.values())
    )
    assert token.last_used_at is None
    assert client.get("/api/v1/compliance", **bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_no_token_a_wrong_token_and_a_revoked_token_get_401(client, jvvnl):
    token, secret = jvvnl
    assert client.get("/api/v1/compliance").status_code == 401
    assert client.get("/api/v1/compliance", **bearer(secret + "x")).status_code == 401
    token.revoke()
    assert client.get("/api/v1/compliance", **bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_a_utility_submits_bill_runs_for_its_own_districts_only(client, jvvnl):
    token, secret = jvvnl
    ok = client.post("/api/v1/bill-runs", bill(), content_type="application/json", **bearer(secret))
    assert ok.status_code == 201, ok.content
    run = BillRun.objects.get(pk=ok.json()["id"])
    assert (run.district.code, run.cycle, run.bills_printed, run.source, run.created_by) == (
        "jaipur",
        dt.date(2026, 10, 1),
        120000,
        Source.API,
        token.account,
    )
    outside = client.post("/api/v1/bill-runs", bill("ajmer"), content_type="application/json", **bearer(secret))
    assert outside.status_code == 403 and outside.json()["field"] == "district"
    again = client.post("/api/v1/bill-runs", bill(), content_type="application/json", **bearer(secret))
    assert again.status_code == 409 and f"id {run.pk}" in again.json()["detail"]
    assert BillRun.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"bills_printed": -1}, "bills_printed"),
        ({"cycle": "october"}, "cycle"),
        ({"district": "atlantis"}, "district"),
        ({"cycle": "2025-01-01"}, "cycle"),
    ],
)
def test_bad_bill_runs_are_refused_naming_the_field(client, jvvnl, changes, field):
    _token, secret = jvvnl
    response = client.post("/api/v1/bill-runs", bill(**changes), content_type="application/json", **bearer(secret))
    assert response.status_code == 422
    body = response.json()
    named = body.get("field") or [e["loc"][-1] for e in body["detail"]]
    assert field in named
    assert not BillRun.objects.exists()


@pytest.mark.django_db
def test_consumer_level_files_come_from_a_department_wide_token(
    client, jvvnl, energy_dept, task_queue, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    csv = (
        b"consumer_id,district,billing_cycle,carried_1930\n1,jaipur,2026-10,1\n2,jaipur,2026-10,0\n3,ajmer,2026-10,1\n"
    )
    _t, district_secret = jvvnl
    refused = client.post(
        "/api/v1/bill-files", {"utility": "JVVNL", "file": io.BytesIO(csv)}, **bearer(district_secret)
    )
    assert refused.status_code == 403
    _t, secret = energy_dept
    upload = io.BytesIO(csv)
    upload.name = "october.csv"
    response = client.post("/api/v1/bill-files", {"utility": "JVVNL", "file": upload}, **bearer(secret))
    assert response.status_code == 202, response.content
    job = BillIngestJob.objects.get(pk=response.json()["id"])
    assert (job.utility.department.code, job.utility.name, job.state) == ("energy", "JVVNL", "queued")
    assert task_queue.run() == 1
    status = client.get(f"/api/v1/bill-files/{job.pk}", **bearer(secret)).json()
    assert status["state"] == "done", status
    assert client.get(f"/api/v1/bill-files/{job.pk}", **bearer(district_secret)).status_code == 404


# ---- utilities: each department sends only its own utilities' figures ---------------------


@pytest.fixture
def phed_dept(db):
    return create_token(name="PHED HQ", role=Role.DEPT_NODAL, department=Department.objects.get(code="phed"))


def bill_file(client, secret: str, utility: str, body: bytes):
    upload = io.BytesIO(b"consumer_id,district,billing_cycle,carried_1930\n" + body)
    upload.name = "export.csv"
    return client.post("/api/v1/bill-files", {"utility": utility, "file": upload}, **bearer(secret))


def consumer_counts() -> list[tuple[str, str, int]]:
    return sorted(
        ConsumerBills.objects.filter(file__state="applied").values_list(
            "file__utility__name", "district__code", "consumers"
        )
    )


@pytest.mark.django_db
def test_an_energy_token_cannot_replace_phed_counts(client, energy_dept, phed_dept, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _t, phed = phed_dept
    assert bill_file(client, phed, "PHED", b"W1,jaipur,2026-10,1\nW2,jaipur,2026-10,1\n").status_code == 202
    assert consumer_counts() == [("PHED", "jaipur", 2)]
    _t, energy = energy_dept
    for name in ("PHED", " phed "):  # PHED's own utility, however it is written
        refused = bill_file(client, energy, name, b"E1,jaipur,2026-10,1\n")
        assert refused.status_code == 403 and refused.json()["field"] == "utility", refused.content
        english, _slash, hindi = refused.json()["detail"].partition(" / ")  # an officer's message in both
        assert english == (
            "PHED is a utility of the PHED department: only that department sends its bill figures. "
            "Nothing was changed."
        )
        assert "पीएचईडी" in hindi
    unknown = bill_file(client, energy, "PHED  Jaipur City", b"E1,jaipur,2026-10,1\n")
    assert unknown.status_code == 400 and unknown.json()["field"] == "utility"
    assert unknown.json()["detail"].startswith(
        "There is no utility called “PHED Jaipur City”. Name one of yours: AVVNL, JVVNL, JdVVNL."
    )
    assert consumer_counts() == [("PHED", "jaipur", 2)]  # PHED's counts are untouched
    assert BillIngestJob.objects.count() == 1  # nothing queued for the refused files


@pytest.mark.django_db
def test_one_utility_written_two_ways_is_counted_once(client, energy_dept, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _t, energy = energy_dept
    assert bill_file(client, energy, "JVVNL", b"C1,jaipur,2026-10,1\nC2,kota,2026-10,1\n").status_code == 202
    second = b"C1,jaipur,2026-10,1\nC3,jaipur,2026-10,1\nC2,kota,2026-10,1\n"
    assert bill_file(client, energy, " jvvnl ", second).status_code == 202
    # The second file replaced the first: the same utility, not a second one added to it.
    assert consumer_counts() == [("JVVNL", "jaipur", 2), ("JVVNL", "kota", 1)]


@pytest.mark.django_db
def test_a_file_that_covers_under_half_of_what_is_known_waits_for_an_officer(client, energy_dept, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _t, energy = energy_dept
    many = b"".join(f"C{i},jaipur,2026-10,1\n".encode() for i in range(10))
    assert bill_file(client, energy, "JVVNL", many).status_code == 202
    response = bill_file(client, energy, "JVVNL", b"C1,jaipur,2026-10,1\n")
    assert consumer_counts() == [("JVVNL", "jaipur", 10)]  # the real figures stay
    job = BillIngestJob.objects.latest("pk")
    assert job.counted.state == "preview" and "less than half of the known connections in Jaipur" in job.message
    assert response.status_code == 202
    assert set(BillIngestJob.objects.values_list("utility__name", flat=True)) == {"JVVNL"}


@pytest.mark.django_db
def test_a_state_token_sends_each_departments_files_by_the_utility_it_names(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _t, state = create_token(name="State HQ", role=Role.STATE_NODAL, department=Department.objects.get(code="home"))
    assert bill_file(client, state, "jdvvnl", b"C1,jodhpur,2026-10,1\n").status_code == 202
    assert bill_file(client, state, "Phed", b"W1,jodhpur,2026-10,1\n").status_code == 202
    assert sorted(BillIngestJob.objects.values_list("utility__name", "utility__department__code")) == [
        ("JdVVNL", "energy"),
        ("PHED", "phed"),
    ]
    assert consumer_counts() == [("JdVVNL", "jodhpur", 1), ("PHED", "jodhpur", 1)]


@pytest.mark.django_db
def test_bill_runs_name_a_utility_of_the_tokens_department(client, jvvnl):
    _t, secret = jvvnl

    def post(**changes):
        return client.post(
            "/api/v1/bill-runs",
            bill(**changes),
            content_type="application/json",
            **bearer(secret),
        )

    phed = post(utility="PHED")
    assert phed.status_code == 403 and phed.json()["field"] == "utility"
    assert "only that department sends its bill figures" in phed.json()["detail"]
    unknown = post(utility="Jaipur Power")
    assert unknown.status_code == 400 and "AVVNL, JVVNL, JdVVNL" in unknown.json()["detail"]
    assert not BillRun.objects.exists()
    assert post(utility=" jvvnl ").status_code == 201
    assert BillRun.objects.get().utility == "JVVNL"  # one spelling per utility
    assert post(utility="JVVNL").status_code == 409  # the same run: not counted twice


@pytest.mark.django_db
def test_social_readings_for_posts_in_scope(client, people, campaign):
    ipr = Department.objects.get(code="ipr")
    jaipur, ajmer = District.objects.get(code="jaipur"), District.objects.get(code="ajmer")
    _t, secret = create_token(name="Social cell Jaipur", role=Role.DISTRICT_OFFICER, department=ipr, districts=[jaipur])
    posts = {}
    for district in (jaipur, ajmer):
        a = Assignment.objects.get(directive__number=2, district=district)
        posts[district.code] = SocialPost.objects.create(
            assignment=a,
            district=district,
            created_by=people["state"],
            platform="x",
            account_kind="district",
            handle="@dm",
            url=f"https://x.com/dm/status/{district.pk}",
            posted_at=dt.datetime(2026, 10, 5, tzinfo=dt.UTC),
        )
    reading = {"post_url": posts["jaipur"].url, "read_on": "2026-10-10", "reach": 5000, "impressions": 9000}
    assert (
        client.post("/api/v1/social-readings", reading, content_type="application/json", **bearer(secret)).status_code
        == 201
    )
    assert SocialReading.objects.get(post=posts["jaipur"]).reach == 5000
    other = {**reading, "post_url": posts["ajmer"].url}
    response = client.post("/api/v1/social-readings", other, content_type="application/json", **bearer(secret))
    assert response.status_code == 404 and response.json()["field"] == "post_url"
    empty = {"post_url": posts["jaipur"].url, "read_on": "2026-10-10"}
    response = client.post("/api/v1/social-readings", empty, content_type="application/json", **bearer(secret))
    assert response.status_code == 422 and response.json()["field"] == "reach"


@pytest.mark.django_db
def test_compliance_and_reach_read_within_the_tokens_scope_with_pages(client, jvvnl, reader):
    _t, narrow = jvvnl
    _t, wide = reader
    everything = client.get("/api/v1/compliance", **bearer(wide)).json()
    assert everything["count"] == District.objects.count() and len(everything["items"]) == everything["count"]
    jaipur = next(row for row in everything["items"] if row["district"] == "jaipur")
    assert jaipur["assignments"] == Assignment.objects.filter(district__code="jaipur").count()
    mine = client.get("/api/v1/compliance", **bearer(narrow)).json()
    assert {row["district"] for row in mine["items"]} == {"jaipur", "dausa"}
    assert mine["items"][0]["assignments"] == 1  # the Energy department's one assignment there
    one = client.get("/api/v1/compliance?district=dausa", **bearer(narrow)).json()
    assert [row["district"] for row in one["items"]] == ["dausa"]
    page2 = client.get("/api/v1/reach?page=2&page_size=20", **bearer(wide)).json()
    assert page2["count"] == District.objects.count() and len(page2["items"]) == 20
    assert {row["district"] for row in client.get("/api/v1/reach", **bearer(narrow)).json()["items"]} == {
        "jaipur",
        "dausa",
    }
    assert client.get("/api/v1/reach?district=nowhere", **bearer(wide)).status_code == 422


@pytest.mark.django_db
def test_the_api_token_command_makes_lists_and_revokes(capsys):
    call_command(
        "api_token",
        "create",
        "PHED Ajmer",
        "--role",
        "district_officer",
        "--department",
        "phed",
        "--districts",
        "ajmer",
    )
    secret = capsys.readouterr().out.split(": ", 1)[1].split()[0]
    token = ApiToken.objects.get(name="PHED Ajmer")
    assert token.key_hash == hash_token(secret)
    assert [p.district.code for p in token.account.postings.all()] == ["ajmer"]
    assert not token.account.has_usable_password()
    call_command("api_token", "revoke", "PHED Ajmer")
    assert Client().get("/api/v1/compliance", **bearer(secret)).status_code == 401


def test_the_committed_openapi_schema_is_the_apis():
    call_command("openapi", "--check")


# ---- schemathesis -------------------------------------------------------------------------

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def fuzz_token(db):
    """A wide token that may also write: the Energy department's nodal officer. Schemathesis
    calls the WSGI app directly, so — as Django's test client does — the end of each request must
    not close the test's database connection (it holds the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield create_token(name="Fuzz", role=Role.DEPT_NODAL, department=Department.objects.get(code="energy"))[1]
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_schemathesis_finds_no_server_error(case, fuzz_token):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_token}"}, checks=[not_a_server_error])


@pytest.mark.django_db
def test_nul_characters_are_bad_input_not_a_server_error(client, jvvnl):
    _t, secret = jvvnl
    response = client.post(
        "/api/v1/bill-runs", bill(utility="JV\x00VNL"), content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 422 and "utility" in str(response.json())
    assert client.get("/api/v1/reach?district=jai%00pur", **bearer(secret)).status_code == 422
