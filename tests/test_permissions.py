"""Every view × every persona: allowed, forbidden (403/404 — never data), wrong method (405)."""

import re

import pytest
from django.urls import reverse

from sajag.campaigns import actions
from sajag.campaigns.models import ActionTakenReport, Assignment, Status

from .personas import ALL


def login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


def expect(table: dict[str, int], default: int) -> list[tuple[str, int]]:
    return [(who, table.get(who, default)) for who in [*ALL, "anonymous"]]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expect({"anonymous": 302, "no_posting": 403}, 200))
@pytest.mark.parametrize("name", ["campaigns:dashboard", "campaigns:campaign-detail"])
def test_officer_pages_need_a_posting(client, people, who, status, name):
    login(client, people, who)
    response = client.get(reverse(name))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    if status == 403:
        assert "assignments/" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_home_is_public(client, people, who):
    login(client, people, who)
    assert client.get(reverse("public:home")).status_code == 200


VISIBLE = {
    "jaipur_joint": {"state", "collector", "sp", "viewer"},
    "jaipur_hoardings": {"state", "ipr_nodal", "collector", "sp", "dpro", "field", "viewer"},
    "ajmer_joint": {"state", "viewer", "other_collector"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("assignment", list(VISIBLE))
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_assignment_detail_is_shown_only_within_scope(client, people, request, assignment, who):
    a = request.getfixturevalue(assignment)
    login(client, people, who)
    response = client.get(reverse("campaigns:assignment-detail", args=[a.pk]))
    expected = {"anonymous": 302, "no_posting": 403}.get(who, 200 if who in VISIBLE[assignment] else 404)
    assert response.status_code == expected
    if expected != 200:
        assert a.directive.text_en not in response.content.decode()


REPORT_JOINT = {"collector": 302, "sp": 302, "state": 403, "viewer": 403, "no_posting": 403, "anonymous": 302}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expect(REPORT_JOINT, 404))
def test_filing_a_report_on_the_joint_assignment(client, people, jaipur_joint, who, status):
    login(client, people, who)
    url = reverse("campaigns:assignment-report", args=[jaipur_joint.pk])
    response = client.post(url, {"summary": "Met the banks.", "achieved_number": "2", "version": "0"})
    assert response.status_code == status
    jaipur_joint.refresh_from_db()
    filed = who in ("collector", "sp")
    assert jaipur_joint.status == (Status.REPORTED if filed else Status.PENDING)
    assert ActionTakenReport.objects.filter(assignment=jaipur_joint).exists() == filed


REVIEW_HOARDINGS = {
    "state": 302,
    "ipr_nodal": 302,
    "collector": 403,
    "sp": 403,
    "dpro": 403,
    "field": 403,
    "viewer": 403,
    "no_posting": 403,
    "anonymous": 302,
}


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["verify", "return"])
@pytest.mark.parametrize(("who", "status"), expect(REVIEW_HOARDINGS, 404))
def test_reviewing_a_department_report(client, people, jaipur_hoardings, who, status, step):
    actions.submit_report(
        assignment=jaipur_hoardings, by=people["dpro"], summary="10 hoardings", achieved_number=10, expected_version=0
    )
    login(client, people, who)
    url = reverse(f"campaigns:assignment-{step}", args=[jaipur_hoardings.pk])
    response = client.post(url, {"remark": "Add the site list.", "version": "1"})
    assert response.status_code == status
    jaipur_hoardings.refresh_from_db()
    done = who in ("state", "ipr_nodal")
    expected = {"verify": Status.VERIFIED, "return": Status.RETURNED}[step] if done else Status.REPORTED
    assert jaipur_hoardings.status == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["campaigns:assignment-report", "campaigns:assignment-verify", "campaigns:assignment-return"]
)
def test_action_urls_refuse_get(client, people, jaipur_joint, name):
    client.force_login(people["state"])
    assert client.get(reverse(name, args=[jaipur_joint.pk])).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["campaigns:dashboard", "campaigns:campaign-detail", "public:home"])
def test_read_pages_refuse_post(client, people, name):
    client.force_login(people["state"])
    assert client.post(reverse(name)).status_code == 405


@pytest.mark.django_db
def test_assignment_detail_refuses_post(client, people, jaipur_joint):
    client.force_login(people["state"])
    assert client.post(reverse("campaigns:assignment-detail", args=[jaipur_joint.pk])).status_code == 405


ON_DASHBOARD = {
    "state": 246,
    "viewer": 246,
    "ipr_nodal": 82,
    "energy_nodal": 41,
    "collector": 6,
    "sp": 6,
    "other_collector": 6,
    "dpro": 2,
    "field": 2,
    "discom": 1,
    "other_dpro": 2,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "count"), ON_DASHBOARD.items())
def test_the_dashboard_links_exactly_the_assignments_in_scope(client, people, who, count):
    client.force_login(people[who])
    html = client.get(reverse("campaigns:dashboard")).content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/(?:en/)?assignments/(\d+)/"', html)}
    assert len(linked) == count
    from sajag.accounts.scope import scope_for

    assert linked == set(Assignment.objects.visible_to(scope_for(people[who])).values_list("pk", flat=True))
    if who in ("collector", "dpro", "discom"):
        assert set(Assignment.objects.filter(pk__in=linked).values_list("district__code", flat=True)) == {"jaipur"}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expect({"state": 200, "anonymous": 302}, 302))
def test_admin_is_for_the_state_nodal_officer_only(client, people, who, status):
    login(client, people, who)
    response = client.get(reverse("admin:geo_district_changelist"))
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]
    else:
        assert "Jaipur" in response.content.decode()


@pytest.mark.django_db
def test_a_collector_cannot_open_another_districts_assignment_by_guessing_its_url(client, people, ajmer_joint):
    client.force_login(people["collector"])
    for name in ("campaigns:assignment-detail",):
        assert client.get(reverse(name, args=[ajmer_joint.pk])).status_code == 404
    response = client.post(
        reverse("campaigns:assignment-report", args=[ajmer_joint.pk]), {"summary": "x", "version": "0"}
    )
    assert response.status_code == 404
    assert client.get(reverse("campaigns:assignment-detail", args=[999999])).status_code == 404
