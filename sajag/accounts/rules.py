"""Permission rules for accounts-level abilities (django-rules)."""

import rules

from .models import Role
from .scope import has_role


@rules.predicate
def is_state_nodal(user) -> bool:
    return has_role(user, Role.STATE_NODAL)


@rules.predicate
def has_any_posting(user) -> bool:
    from .scope import active_postings

    return bool(active_postings(user))


# The admin (reference data, users, postings) is for the state nodal officer only.
rules.add_perm("accounts.use_admin", is_state_nodal)
for app, models in {
    "geo": ["district", "censusdistrict", "districtshare", "department"],
    "accounts": ["user", "posting"],
    "links": ["shortlink"],
    "api": ["apitoken"],
    "axes": ["accessattempt", "accesslog", "accessfailurelog"],
}.items():
    for model in models:
        for action in ("view", "add", "change", "delete"):
            rules.add_perm(f"{app}.{action}_{model}", is_state_nodal)
