"""Optimistic concurrency: two officers editing the same report; the second save is refused,
shows what changed, and loses nothing."""

import pytest
from django.urls import reverse

from sajag.campaigns import actions
from sajag.campaigns.models import ActionTakenReport, Status


@pytest.mark.django_db
def test_the_second_of_two_edits_from_the_same_version_is_refused(jaipur_joint, people):
    actions.submit_report(
        assignment=jaipur_joint, by=people["collector"], summary="First draft", achieved_number=1, expected_version=0
    )
    # Collector and SP both opened version 1; the SP saves first.
    actions.submit_report(
        assignment=jaipur_joint, by=people["sp"], summary="SP's text", achieved_number=2, expected_version=1
    )
    with pytest.raises(actions.EditConflict) as info:
        actions.submit_report(
            assignment=jaipur_joint,
            by=people["collector"],
            summary="Collector's text",
            achieved_number=3,
            expected_version=1,
        )
    assert info.value.report.version == 2
    assert "it is now version 2" in str(info.value)
    report = ActionTakenReport.objects.get(assignment=jaipur_joint)
    assert (report.summary, report.achieved_number, report.version) == ("SP's text", 2, 2)


@pytest.mark.django_db
def test_a_verification_based_on_an_old_version_is_refused(jaipur_joint, people):
    actions.submit_report(
        assignment=jaipur_joint, by=people["collector"], summary="v1", achieved_number=1, expected_version=0
    )
    actions.submit_report(
        assignment=jaipur_joint,
        by=people["collector"],
        summary="v2 with a wrong number",
        achieved_number=99,
        expected_version=1,
    )
    with pytest.raises(actions.EditConflict):
        actions.verify_report(assignment=jaipur_joint, by=people["state"], expected_version=1)
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == Status.REPORTED


@pytest.mark.django_db
def test_the_conflict_page_shows_both_texts_and_keeps_the_users_input(client, jaipur_joint, people):
    actions.submit_report(
        assignment=jaipur_joint, by=people["collector"], summary="First draft", achieved_number=1, expected_version=0
    )
    actions.submit_report(
        assignment=jaipur_joint,
        by=people["sp"],
        summary="SP saved this meanwhile",
        achieved_number=2,
        expected_version=1,
    )
    client.force_login(people["collector"])
    url = reverse("campaigns:assignment-report", args=[jaipur_joint.pk])
    response = client.post(url, {"summary": "My careful paragraph", "achieved_number": "3", "version": "1"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "SP saved this meanwhile" in text  # what is stored now
    assert "My careful paragraph" in text  # the user's text, in the table and in the form
    assert text.count("My careful paragraph") >= 2
    assert 'name="version" value="2"' in text  # the next save starts from the stored version
    report = ActionTakenReport.objects.get(assignment=jaipur_joint)
    assert report.summary == "SP saved this meanwhile"
    # Saving again from the page now succeeds.
    response = client.post(url, {"summary": "My careful paragraph", "achieved_number": "3", "version": "2"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.summary, report.version) == ("My careful paragraph", 3)
