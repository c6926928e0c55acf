"""The permission names django-rules answers (``user.has_perm(...)``, ``{% if perms.… %}``): one
table, each name pointing at its rule in the access module (sajag/accounts/access.py). Nothing
here decides anything; a rule changes there, once."""

import rules

from . import access

PERMISSIONS = {
    "accounts.use_admin": access.is_state_nodal,
    "campaigns.view_dashboard": access.has_posting,
    "campaigns.clone_campaign": access.is_state_nodal,
    "campaigns.view_assignment": access.can_see_assignment,
    "campaigns.report_assignment": access.may_report,
    "campaigns.review_assignment": access.may_review,
    "activities.add_record": access.may_add_record,
    "materials.use_studio": access.has_posting,
    "materials.edit_messages": access.is_state_nodal,
    "reach.change_assumptions": access.is_state_nodal,
    "reach.add_survey": access.may_record_surveys,
    "reach.upload_outcomes": access.may_upload_outcomes,
    "reach.ingest_bills": access.may_ingest_bills,
}

# The admin (reference data, users, postings, bill formats) is for the state nodal officer only.
ADMIN_MODELS = {
    "geo": ["district", "censusdistrict", "districtshare", "department"],
    "accounts": ["user", "posting"],
    "links": ["shortlink"],
    "api": ["apitoken"],
    "axes": ["accessattempt", "accesslog", "accessfailurelog"],
    "materials": ["topic", "messageversion", "billformat"],
}
for app, models in ADMIN_MODELS.items():
    PERMISSIONS[app] = access.is_state_nodal  # the app's section of the admin index
    for model in models:
        for action in ("view", "add", "change", "delete"):
            PERMISSIONS[f"{app}.{action}_{model}"] = access.is_state_nodal

for name, rule in PERMISSIONS.items():
    rules.add_perm(name, rules.predicate(rule))
