import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.http import HttpRequest

from sajag.accounts.models import Role, User
from sajag.accounts.scope import scope_for
from sajag.campaigns.dashboard import build_matrix
from sajag.campaigns.models import Assignment, Campaign, Directive, ReportEvent
from sajag.campaigns.seed import DEMO_AS_OF, DEMO_PASSWORD
from sajag.public.demo import seed_demo


def snapshot() -> dict:
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    counts["statuses"] = sorted(Assignment.objects.values_list("pk", "status"))
    return counts


@pytest.fixture
def seeded(db):
    seed_demo()


def test_seeding_again_by_the_command_changes_nothing_and_prints_the_logins(seeded, capsys):
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    out = capsys.readouterr().out
    assert "state.nodal" in out and "collector.jaipur" in out and DEMO_PASSWORD in out


def test_the_seed_holds_the_briefs_meeting_and_five_directives_in_both_languages(seeded):
    meeting = Campaign.objects.get().meetings.get()
    assert "Bhaskar A. Sawant" in meeting.chair_en and "भास्कर ए. सावंत" in meeting.chair_hi
    directives = list(Directive.objects.filter(meeting=meeting))
    assert [d.number for d in directives] == [1, 2, 3, 4, 5]
    assert all(d.text_hi and d.text_en for d in directives)
    assert "होर्डिंग्स" in directives[0].text_hi and "intersections" in directives[0].text_en
    assert "ओटीपी" in directives[3].text_hi


def test_the_demo_looks_like_the_third_week_of_october_with_a_login_for_every_role(seeded, client):
    state = User.objects.get(username="state.nodal")
    m = build_matrix(campaign=Campaign.objects.get(), scope=scope_for(state), today=DEMO_AS_OF)
    for status in ("overdue", "pending", "reported", "verified", "returned"):
        assert m.totals[status] > 0, status
    assert m.totals["verified"] < m.total / 2  # a campaign in progress, not finished
    days = {e.at.date() for e in ReportEvent.objects.all()}
    assert min(days) >= dt.date(2026, 10, 1) and max(days) <= DEMO_AS_OF
    roles = set(User.objects.filter(postings__isnull=False).values_list("postings__role", flat=True))
    assert roles == set(Role.values)
    assert client.login(request=HttpRequest(), username="collector.jaipur", password=DEMO_PASSWORD)


def test_the_demo_has_records_with_photos_for_the_map(seeded):
    from sajag.activities.models import Evidence, Hoarding, OutreachMeeting

    assert Hoarding.objects.filter(latitude__isnull=False).count() > 0
    assert OutreachMeeting.objects.count() > 0
    assert Evidence.objects.filter(gps_lat__isnull=False, kind="image").count() == Evidence.objects.count() > 0
