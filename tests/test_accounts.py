import pytest
from django.core.exceptions import ValidationError

from sajag.accounts.models import Posting, Role
from sajag.accounts.scope import scope_for
from sajag.geo.models import Department, District


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "department", "district", "errors"),
    [
        (Role.COLLECTOR, None, None, {"district"}),
        (Role.COLLECTOR, "ipr", "jaipur", {"department"}),
        (Role.DEPT_NODAL, None, None, {"department"}),
        (Role.DEPT_NODAL, "ipr", "jaipur", {"district"}),
        (Role.DISTRICT_OFFICER, None, "jaipur", {"department"}),
        (Role.STATE_NODAL, None, "jaipur", {"district"}),
        (Role.VIEWER, "ipr", None, {"department"}),
        (Role.DISTRICT_OFFICER, "ipr", "jaipur", set()),
        (Role.VIEWER, None, "jaipur", set()),
    ],
)
def test_a_postings_scope_must_fit_its_role(people, role, department, district, errors):
    posting = Posting(
        user=people["no_posting"],
        role=role,
        department=Department.objects.get(code=department) if department else None,
        district=District.objects.get(code=district) if district else None,
    )
    if errors:
        with pytest.raises(ValidationError) as info:
            posting.full_clean()
        assert set(info.value.message_dict) == errors
    else:
        posting.full_clean()


@pytest.mark.django_db
def test_a_user_without_postings_or_with_only_inactive_ones_has_an_empty_scope(people):
    user = people["no_posting"]
    assert scope_for(user).is_empty
    Posting.objects.create(user=user, role=Role.STATE_NODAL, is_active=False)
    user = type(user).objects.get(pk=user.pk)
    assert scope_for(user).is_empty


@pytest.mark.django_db
def test_a_district_viewer_sees_only_that_district(people):
    user = people["no_posting"]
    jaipur = District.objects.get(code="jaipur")
    Posting.objects.create(user=user, role=Role.VIEWER, district=jaipur)
    scope = scope_for(user)
    assert scope.covers(district_id=jaipur.pk, department_id=None)
    assert not scope.covers(district_id=District.objects.get(code="ajmer").pk, department_id=None)
    assert scope.single_district == jaipur.pk


@pytest.mark.django_db
def test_creating_and_switching_off_a_posting_is_in_the_audit_trail(people):
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    with set_actor(people["state"]):
        posting = Posting.objects.create(user=people["no_posting"], role=Role.VIEWER)
        posting.is_active = False
        posting.save(update_fields=["is_active"])
    entries = LogEntry.objects.get_for_object(posting).order_by("timestamp")
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, people["state"]),
        (LogEntry.Action.UPDATE, people["state"]),
    ]
    assert entries.last().changes_dict["is_active"] == ["True", "False"]
