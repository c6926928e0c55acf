"""Who may add channel records (django-rules). A record inherits its assignment's scope."""

import rules

from sajag.accounts.models import Role
from sajag.accounts.scope import active_postings
from sajag.campaigns.models import Assignment, Status
from sajag.campaigns.rules import holds_assignment, is_department_nodal_for


@rules.predicate
def is_field_staff_for(user, assignment: Assignment) -> bool:
    if assignment.district_id is None:
        return False
    return any(
        p.role == Role.FIELD_STAFF
        and p.district_id == assignment.district_id
        and (p.department_id is None or p.department_id == assignment.department_id)
        for p in active_postings(user)
    )


@rules.predicate
def is_open(user, assignment: Assignment) -> bool:
    return assignment.status != Status.VERIFIED


# A department's nodal officer may add records for every district of the department: a
# utility's spreadsheet of bill runs covers all the districts it serves.
rules.add_perm("activities.add_record", (holds_assignment | is_field_staff_for | is_department_nodal_for) & is_open)
