import rules

from sajag.accounts.rules import is_state_nodal

rules.add_perm("reach.change_assumptions", is_state_nodal)


@rules.predicate
def records_surveys(user) -> bool:
    """State, or a district-level posting (Collector, SP, district officer) of some district."""
    from sajag.accounts.models import Role
    from sajag.accounts.scope import active_postings

    return any(
        p.role in (Role.STATE_NODAL, Role.COLLECTOR, Role.SP, Role.DISTRICT_OFFICER) for p in active_postings(user)
    )


@rules.predicate
def uploads_outcomes(user) -> bool:
    from sajag.accounts.models import Role
    from sajag.accounts.scope import active_postings

    return any(
        p.role == Role.STATE_NODAL or (p.role == Role.DEPT_NODAL and p.department and p.department.code == "police")
        for p in active_postings(user)
    )


rules.add_perm("reach.add_survey", records_surveys)
rules.add_perm("reach.upload_outcomes", uploads_outcomes)


@rules.predicate
def ingests_bills(user) -> bool:
    from sajag.accounts.models import Role
    from sajag.accounts.scope import active_postings

    return any(
        p.role == Role.STATE_NODAL
        or (p.role == Role.DEPT_NODAL and p.department and p.department.code in ("energy", "phed"))
        for p in active_postings(user)
    )


rules.add_perm("reach.ingest_bills", ingests_bills)
