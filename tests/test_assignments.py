import datetime as dt

import pytest

from sajag.campaigns import actions
from sajag.campaigns.models import Assignment, Directive, DirectiveScope, Responsibility
from sajag.geo.models import Department, District


@pytest.mark.django_db
def test_the_briefs_five_directives_yield_one_assignment_per_responsible_unit(campaign):
    per_directive = {d.number: d.assignments.count() for d in Directive.objects.filter(meeting__campaign=campaign)}
    # hoardings, social (I&PR × 41); bills (Energy and PHED × 41); teachers (Education × 41);
    # Collector and SP (one joint assignment × 41).
    assert per_directive == {1: 41, 2: 41, 3: 82, 4: 41, 5: 41}
    joint = Assignment.objects.filter(directive__number=5)
    assert not joint.filter(department__isnull=False).exists()
    assert joint.values("district").distinct().count() == 41
    bills = Assignment.objects.filter(directive__number=3)
    assert set(bills.values_list("department__code", flat=True)) == {"energy", "phed"}


def _directive(campaign, number, **kw):
    meeting = campaign.meetings.get()
    defaults = dict(text_en="t", text_hi="त", short_en="s", short_hi="स", channel="other", due_on=dt.date(2026, 10, 20))
    return Directive.objects.create(meeting=meeting, number=number, **(defaults | kw))


@pytest.mark.django_db
def test_a_state_level_directive_yields_one_assignment_per_department_without_district(campaign):
    d = _directive(campaign, 6, responsibility=Responsibility.DEPARTMENT, scope=DirectiveScope.STATE)
    d.departments.set(Department.objects.filter(code__in=["itc", "consumer"]))
    assert actions.generate_assignments(directive=d) == 2
    assert list(d.assignments.values_list("district", flat=True)) == [None, None]


@pytest.mark.django_db
def test_a_listed_district_directive_covers_only_those_districts(campaign):
    d = _directive(campaign, 7, responsibility=Responsibility.COLLECTOR_SP, scope=DirectiveScope.LISTED_DISTRICTS)
    d.districts.set(District.objects.filter(code__in=["jaipur", "kota", "deeg"]))
    assert actions.generate_assignments(directive=d) == 3
    assert set(d.assignments.values_list("district__code", flat=True)) == {"jaipur", "kota", "deeg"}
    assert d.assignments.first().due_on == dt.date(2026, 10, 20)


@pytest.mark.django_db
def test_generating_again_creates_nothing_new(campaign):
    d = Directive.objects.get(number=3)
    before = Assignment.objects.count()
    assert actions.generate_assignments(directive=d) == 0
    assert Assignment.objects.count() == before


@pytest.mark.django_db
def test_a_collector_sp_directive_at_state_level_is_refused(campaign):
    d = _directive(campaign, 8, responsibility=Responsibility.COLLECTOR_SP, scope=DirectiveScope.STATE)
    with pytest.raises(actions.WorkflowError, match="must name districts"):
        actions.generate_assignments(directive=d)
    assert not d.assignments.exists()


@pytest.mark.django_db
def test_a_department_directive_without_departments_is_refused(campaign):
    d = _directive(campaign, 9, responsibility=Responsibility.DEPARTMENT, scope=DirectiveScope.EVERY_DISTRICT)
    with pytest.raises(actions.WorkflowError, match="no responsible department"):
        actions.generate_assignments(directive=d)


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_assignment(jaipur_hoardings):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            directive=jaipur_hoardings.directive,
            department=jaipur_hoardings.department,
            district=jaipur_hoardings.district,
            due_on=jaipur_hoardings.due_on,
        )
