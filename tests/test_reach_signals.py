"""Recall surveys beside the model, and the Police's weekly outcome figures."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajag.geo.models import District
from sajag.reach.models import OutcomeWeek, RecallSurvey


def survey_data(**extra):
    data = {
        "district": District.objects.get(code="jaipur").pk,
        "conducted_on": "2026-10-18",
        "method": "phone",
        "sample_size": "400",
        "knew_1930": "120",
        "heard_bills": "80",
        "heard_hoardings": "60",
        "heard_social": "0",
        "heard_meetings": "10",
    }
    return data | extra


@pytest.mark.django_db
def test_a_collector_records_a_survey_and_the_coverage_shows_it_with_its_interval(client, people):
    client.force_login(people["collector"])
    assert client.post(reverse("reach:surveys"), survey_data()).status_code == 302
    survey = RecallSurvey.objects.get()
    assert (survey.district.code, survey.created_by) == ("jaipur", people["collector"])
    html = client.get(reverse("reach:surveys")).content.decode()
    assert "30%" in html and "26–35%" in html  # Wilson 95% for 120/400
    coverage = client.get(reverse("reach:coverage")).content.decode()
    assert "30% (26–35%, 400 asked)" in coverage


@pytest.mark.django_db
def test_a_survey_with_impossible_numbers_names_the_field(client, people):
    client.force_login(people["collector"])
    html = client.post(reverse("reach:surveys"), survey_data(knew_1930="500")).content.decode()
    assert "More than the people asked (400)." in html
    html = client.post(reverse("reach:surveys"), survey_data(knew_1930="50")).content.decode()
    assert "Fewer than those who heard it through one channel." in html
    assert RecallSurvey.objects.count() == 0


@pytest.mark.django_db
def test_a_collector_cannot_record_a_survey_for_another_district(client, people):
    client.force_login(people["other_collector"])
    response = client.post(reverse("reach:surveys"), survey_data())
    assert response.status_code == 200 and RecallSurvey.objects.count() == 0
    client.force_login(people["ipr_nodal"])
    assert client.post(reverse("reach:surveys"), survey_data()).status_code == 403


OUTCOMES = (
    "District / जिला,Week starting / सप्ताह आरंभ,Calls to 1930 / 1930 पर कॉल,Complaints / शिकायतें\n"
    "Jaipur,2026-09-28,310,70\nJaipur,2026-10-05,412,96\nजयपुर,2026-10-12,530,120\n"
)


@pytest.mark.django_db
def test_the_police_upload_weekly_figures_and_a_chart_appears(client, people):
    from sajag.accounts.models import Posting, Role
    from sajag.geo.models import Department

    police = people["no_posting"]
    Posting.objects.create(user=police, role=Role.DEPT_NODAL, department=Department.objects.get(code="police"))
    client.force_login(police)
    response = client.post(reverse("reach:outcomes"), {"file": SimpleUploadedFile("w.csv", OUTCOMES.encode())})
    assert response.status_code == 302
    assert list(OutcomeWeek.objects.values_list("week_start", "calls_1930")) == [
        (dt.date(2026, 9, 28), 310),
        (dt.date(2026, 10, 5), 412),
        (dt.date(2026, 10, 12), 530),
    ]
    again = OUTCOMES.replace("530,120", "560,121")
    client.post(reverse("reach:outcomes"), {"file": SimpleUploadedFile("w.csv", again.encode())})
    assert OutcomeWeek.objects.count() == 3 and OutcomeWeek.objects.get(week_start="2026-10-12").calls_1930 == 560
    html = client.get(reverse("reach:outcomes")).content.decode()
    assert "<svg" in html and "<polyline" in html


@pytest.mark.django_db
def test_a_bad_outcome_file_stores_nothing_and_names_each_row(client, people):
    client.force_login(people["state"])
    bad = "District,Week starting,Calls to 1930,Complaints\nJaipr,2026-10-05,10,1\nJaipur,5 Oct,x,1\n"
    html = client.post(reverse("reach:outcomes"), {"file": SimpleUploadedFile("w.csv", bad.encode())}).content.decode()
    assert "Did you mean Jaipur?" in html and "is not a date" in html and "is not a whole number" in html
    assert OutcomeWeek.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["collector", "dpro", "ipr_nodal", "viewer"])
def test_only_the_police_or_the_state_upload_outcomes(client, people, who):
    client.force_login(people[who])
    assert client.get(reverse("reach:outcomes")).status_code == 200
    response = client.post(reverse("reach:outcomes"), {"file": SimpleUploadedFile("w.csv", OUTCOMES.encode())})
    assert response.status_code == 403 and OutcomeWeek.objects.count() == 0
