import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sajag.accounts.scope import scope_for
from sajag.campaigns import actions
from sajag.campaigns.dashboard import build_matrix
from sajag.campaigns.models import Assignment, Directive, DirectiveScope, Responsibility
from sajag.geo.models import Department


@pytest.fixture
def some_reports(people):
    """Jaipur: hoardings verified, joint reported; Ajmer joint returned."""
    hoardings = Assignment.objects.get(directive__number=1, district__code="jaipur")
    actions.submit_report(
        assignment=hoardings, by=people["dpro"], summary="done", achieved_number=10, expected_version=0
    )
    actions.verify_report(assignment=hoardings, by=people["state"], expected_version=1)
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    actions.submit_report(assignment=joint, by=people["sp"], summary="done", achieved_number=2, expected_version=0)
    ajmer = Assignment.objects.get(directive__number=5, district__code="ajmer")
    actions.submit_report(
        assignment=ajmer, by=people["other_collector"], summary="done", achieved_number=1, expected_version=0
    )
    actions.return_report(assignment=ajmer, by=people["state"], remark="more", expected_version=1)


@pytest.mark.django_db
def test_matrix_counts_each_shown_status_with_overdue_for_open_work_past_its_due_date(campaign, people, some_reports):
    # 15 Oct: directives 1 (due 10 Oct) is past; 4 and 5 (due 15 Oct) are not yet.
    m = build_matrix(campaign=campaign, scope=scope_for(people["state"]), today=dt.date(2026, 10, 15))
    assert m.total == 246
    assert (m.totals["verified"], m.totals["reported"], m.totals["returned"], m.totals["overdue"]) == (1, 1, 1, 40)
    assert m.totals["pending"] == 246 - 43
    assert m.percent("overdue") == round(100 * 40 / 246)
    # On 16 Oct the returned Ajmer report is overdue too, and so is all pending work of 4 and 5.
    m = build_matrix(campaign=campaign, scope=scope_for(people["state"]), today=dt.date(2026, 10, 16))
    assert m.totals["returned"] == 0
    assert m.totals["overdue"] == 40 + 41 + 40  # directive 5: 39 pending + Ajmer returned


@pytest.mark.django_db
def test_rows_put_the_districts_with_most_overdue_work_first(campaign, people, some_reports):
    m = build_matrix(campaign=campaign, scope=scope_for(people["state"]), today=dt.date(2026, 10, 16))
    overdue = [row.counts["overdue"] for row in m.rows]
    assert overdue == sorted(overdue, reverse=True)
    assert m.rows[-1].district.code == "jaipur"  # the district that did the most


@pytest.mark.django_db
def test_filters_narrow_the_matrix(campaign, people, some_reports):
    state = scope_for(people["state"])
    energy = Department.objects.get(code="energy")
    assert build_matrix(campaign=campaign, scope=state, today=dt.date(2026, 10, 16), department=energy.pk).total == 41
    m = build_matrix(campaign=campaign, scope=state, today=dt.date(2026, 10, 16), status="verified")
    assert m.total == 1 and m.rows[0].district.code == "jaipur"
    m = build_matrix(campaign=campaign, scope=state, today=dt.date(2026, 10, 14), status="pending")
    assert m.totals["pending"] == m.total == 246 - 3 - 40  # directive 1 is overdue, not pending


@pytest.mark.django_db
def test_htmx_filter_request_returns_only_the_dashboard_body(client, people, some_reports, settings):
    settings.SAJAG_TODAY = dt.date(2026, 10, 14)
    client.force_login(people["state"])
    url = reverse("campaigns:dashboard") + "?status=returned"
    full = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in partial
    assert 'class="filters"' not in partial
    assert "1 assignment in view" in partial


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_not_an_error(client, people):
    client.force_login(people["state"])
    response = client.get(reverse("campaigns:dashboard") + "?status=bogus&district=abc")
    assert response.status_code == 200


def _count_dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("campaigns:dashboard"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_directives_or_reports(client, people, campaign):
    client.force_login(people["state"])
    small = _count_dashboard_queries(client)
    # Add 10 more directives (410 assignments) and reports on 30 of them.
    meeting = campaign.meetings.get()
    ipr = Department.objects.get(code="ipr")
    for n in range(10, 20):
        d = Directive.objects.create(
            meeting=meeting,
            number=n,
            text_en="t",
            text_hi="त",
            short_en=f"D{n}",
            short_hi=f"नि{n}",
            responsibility=Responsibility.DEPARTMENT,
            channel="other",
            scope=DirectiveScope.EVERY_DISTRICT,
            due_on=dt.date(2026, 10, 20),
        )
        d.departments.set([ipr])
        actions.generate_assignments(directive=d)
    for a in Assignment.objects.filter(directive__number__gte=10, district__code="jaipur"):
        actions.submit_report(assignment=a, by=people["dpro"], summary="s", achieved_number=1, expected_version=0)
    large = _count_dashboard_queries(client)
    # session, user, postings, campaign, assignments, directives, districts, filter choices (2)
    assert large == small
    assert large <= 10


@pytest.mark.django_db
def test_department_summary_counts_each_responsible_unit(campaign, people, some_reports):
    m = build_matrix(campaign=campaign, scope=scope_for(people["state"]), today=dt.date(2026, 10, 16))
    rows = {name: (counts, total, pct) for name, counts, total, pct in m.department_summary()}
    assert rows["I&PR"][1] == 82 and rows["Energy"][1] == 41 and rows[""][1] == 41  # "" = Collector and SP
    # SHOWN_STATUSES order: overdue, returned, pending, reported, verified
    assert rows["I&PR"][0] == [40, 0, 41, 0, 1]
    assert rows[""][0] == [40, 0, 0, 1, 0]
    assert rows["I&PR"][2] == round(100 / 82)


@pytest.mark.django_db
def test_directive_filter_and_district_view(client, people, some_reports, campaign):
    client.force_login(people["state"])
    teachers = Directive.objects.get(number=4)
    html = client.get(reverse("campaigns:dashboard") + f"?directive={teachers.pk}").content.decode()
    assert "41 assignments in view" in html
    jaipur = Assignment.objects.get(directive__number=1, district__code="jaipur").district
    html = client.get(reverse("campaigns:dashboard") + f"?district={jaipur.pk}").content.decode()
    assert "6 assignments in view" in html
    assert html.count('class="card ') == 6  # one district: the list of its assignments
    assert 'class="matrix"' in html  # and the department table
    assert "By department" in html


@pytest.mark.django_db
def test_the_meeting_page_links_each_directive_to_its_filtered_dashboard(client, people):
    client.force_login(people["state"])
    html = client.get(reverse("campaigns:campaign-detail")).content.decode()
    for d in Directive.objects.all():
        assert f"/dashboard/?directive={d.pk}" in html
