"""The next campaign from a finished one, and the two side by side."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sajag.activities.models import Hoarding
from sajag.campaigns.models import Assignment, Campaign, Directive, Meeting, ReportEvent, Status
from sajag.reach.models import AssumptionValue

from .personas import ALL


@pytest.fixture
def finished(campaign, settings):
    settings.SAJAG_TODAY = campaign.ends_on + dt.timedelta(days=10)
    return campaign


def form(campaign, **changes):
    return {
        "source": campaign.slug,
        "slug": "diwali-2027",
        "name_en": "Festive season 2027",
        "name_hi": "त्योहारी मौसम 2027",
        "starts_on": (campaign.starts_on + dt.timedelta(days=365)).isoformat(),
        **changes,
    }


@pytest.mark.django_db
def test_a_clone_copies_the_plan_with_dates_moved_and_not_what_was_done(client, people, finished):
    old = finished
    a = Assignment.objects.filter(directive__meeting__campaign=old).first()
    a.status = Status.VERIFIED
    a.save()
    AssumptionValue.objects.create(campaign=old, key="persons_per_household", value=4.4, changed_by=people["state"])
    client.force_login(people["state"])
    response = client.post(reverse("campaigns:clone"), form(old))
    assert response.status_code == 302
    new = Campaign.objects.get(slug="diwali-2027")
    shift = dt.timedelta(days=365)
    assert (new.starts_on, new.ends_on, new.helpline, new.portal) == (
        old.starts_on + shift,
        old.ends_on + shift,
        old.helpline,
        old.portal,
    )
    assert Meeting.objects.filter(campaign=new).count() == Meeting.objects.filter(campaign=old).count()
    old_directives = list(Directive.objects.filter(meeting__campaign=old).order_by("number"))
    new_directives = list(Directive.objects.filter(meeting__campaign=new).order_by("number"))
    assert [(d.number, d.due_on + shift, set(d.departments.all())) for d in old_directives] == [
        (d.number, d.due_on, set(d.departments.all())) for d in new_directives
    ]
    old_work = Assignment.objects.filter(directive__meeting__campaign=old)
    new_work = Assignment.objects.filter(directive__meeting__campaign=new)
    assert new_work.count() == old_work.count()
    assert set(new_work.values_list("status", flat=True)) == {Status.PENDING}
    assert not ReportEvent.objects.filter(assignment__in=new_work).exists()
    assert not Hoarding.objects.filter(assignment__in=new_work).exists()
    assert AssumptionValue.objects.get(campaign=new, key="persons_per_household").value == 4.4


@pytest.mark.django_db
def test_a_running_campaign_cannot_be_cloned_and_dates_must_follow(client, people, campaign, finished):
    client.force_login(people["state"])
    early = form(campaign, starts_on=campaign.ends_on.isoformat())
    response = client.post(reverse("campaigns:clone"), early)
    assert response.status_code == 400 and "when this one ends" in response.content.decode()
    response = client.post(reverse("campaigns:clone"), form(campaign, slug=campaign.slug))
    assert response.status_code == 400 and "exists already" in response.content.decode()
    assert Campaign.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_only_the_state_starts_the_next_campaign_and_every_officer_compares(client, people, finished, who):
    if who != "anonymous":
        client.force_login(people[who])
    clone = client.post(reverse("campaigns:clone"), form(finished))
    compare = client.get(reverse("campaigns:compare"))
    if who == "anonymous":
        assert clone.status_code == compare.status_code == 302
        assert Campaign.objects.count() == 1
        return
    assert Campaign.objects.filter(slug="diwali-2027").exists() == (who == "state")
    assert clone.status_code == (302 if who == "state" else 403)
    assert compare.status_code == (403 if who == "no_posting" else 200)


@pytest.mark.django_db
def test_side_by_side_shows_compliance_and_reach_per_district_in_scope(client, people, finished):
    client.force_login(people["state"])
    client.post(reverse("campaigns:clone"), form(finished))
    jaipur = Assignment.objects.filter(directive__meeting__campaign=finished, district__code="jaipur")
    jaipur.update(status=Status.VERIFIED)
    body = client.get(reverse("campaigns:compare") + f"?a={finished.slug}&b=diwali-2027").content.decode()
    n = jaipur.count()
    assert f"{n}/{n}" in body and f"0/{n}" in body  # verified this year, none yet in the next
    client.force_login(people["collector"])
    body = client.get(reverse("campaigns:compare") + f"?a={finished.slug}&b=diwali-2027").content.decode()
    assert "Jaipur" in body and "Ajmer" not in body


@pytest.mark.django_db
def test_the_clone_action_itself_refuses_anyone_but_the_state(people, finished):
    from django.core.exceptions import PermissionDenied

    from sajag.campaigns.clone import clone_campaign

    with pytest.raises(PermissionDenied):
        clone_campaign(
            finished,
            slug="next",
            name_en="Next",
            name_hi="अगला",
            starts_on=finished.ends_on + dt.timedelta(days=30),
            by=people["collector"],
        )
    assert not Campaign.objects.filter(slug="next").exists()
