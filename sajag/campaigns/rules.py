"""Who may do what with campaign work (django-rules). Deny by default: every predicate is
False for a user without an active posting."""

from __future__ import annotations

import rules

from sajag.accounts.models import Role
from sajag.accounts.rules import has_any_posting, is_state_nodal
from sajag.accounts.scope import active_postings, scope_for

from .models import Assignment


@rules.predicate
def can_see_assignment(user, assignment: Assignment) -> bool:
    return scope_for(user).covers(district_id=assignment.district_id, department_id=assignment.department_id)


@rules.predicate
def holds_assignment(user, assignment: Assignment) -> bool:
    """The responsible unit: a district's Collector or SP for the joint directive; the district
    officer of the department in that district; the department's nodal officer when statewide."""
    for p in active_postings(user):
        if assignment.department_id is None:
            if p.role in (Role.COLLECTOR, Role.SP) and p.district_id == assignment.district_id:
                return True
        elif assignment.district_id is None:
            if p.role == Role.DEPT_NODAL and p.department_id == assignment.department_id:
                return True
        elif (
            p.role == Role.DISTRICT_OFFICER
            and p.district_id == assignment.district_id
            and p.department_id == assignment.department_id
        ):
            return True
    return False


@rules.predicate
def is_department_nodal_for(user, assignment: Assignment) -> bool:
    if assignment.department_id is None or assignment.district_id is None:
        return False
    return any(p.role == Role.DEPT_NODAL and p.department_id == assignment.department_id for p in active_postings(user))


rules.add_perm("campaigns.view_dashboard", has_any_posting)
rules.add_perm("campaigns.clone_campaign", is_state_nodal)
rules.add_perm("campaigns.view_assignment", can_see_assignment)
rules.add_perm("campaigns.report_assignment", holds_assignment)
# Reviewers never review their own unit's report.
rules.add_perm("campaigns.review_assignment", (is_state_nodal | is_department_nodal_for) & ~holds_assignment)
