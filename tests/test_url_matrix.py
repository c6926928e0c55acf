"""Every URL × every persona × GET and POST: the status each one gets, from one explicit table.

The URLconf is enumerated (the Hindi and English prefixes are one set of patterns); a pattern
with no entry in ``EXPECTED`` fails the suite: a new view needs its expected entry. Object URLs
are tried with an object of Jaipur (the personas' own district) and one of Ajmer (another
district's), so that an object outside the scope is checked to be a 404, never data. The
integration API is tried with each persona's own bearer token (anonymous: none, so 401); the
admin is the state nodal officer's alone. POSTs carry no data: they show that the permission
check comes before the form (403, not 400).

Statuses: 302 for anonymous on an officer page is the way to the sign-in page (checked); an
admin 302 for anyone but the state nodal officer is the admin's sign-in page (checked).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sajag.accounts.models import User
from sajag.activities import actions as activity_actions
from sajag.activities.models import Hoarding, ImportJob, SocialPost
from sajag.api.models import PREFIX_LENGTH, ApiToken, hash_token
from sajag.campaigns.models import Assignment, Campaign
from sajag.geo.models import District
from sajag.links import counter
from sajag.links.models import ShortLink
from sajag.links.redirect import resolver
from sajag.materials.catalog import Studio
from sajag.materials.models import KitBuild, Topic
from sajag.reach.models import BillFile, BillIngestJob, Utility
from sajag.reports.models import Report

from . import images
from .personas import ALL

ANON = "anonymous"
SIGN_IN = "sign-in"  # a 302 to the sign-in page (the officers' or the admin's)
SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")
WHO = [*ALL, ANON]  # 12 personas and the anonymous visitor
METHODS = ("GET", "POST")
OFFICERS = [p for p in ALL if p != "no_posting"]

# ---- the URLconf ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or "route:<the route>" for an unnamed pattern
    route: str
    name: str | None


def url_patterns() -> list[Pattern]:
    """Every pattern of the URLconf, walked recursively; i18n_patterns is one resolver, so the
    two language prefixes collapse to one entry each."""
    found: list[Pattern] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                name = f"{namespace}:{p.name}".strip(":") if p.name else None
                found.append(Pattern(name or f"route:{route}", route, name))

    walk(get_resolver(), "", "")
    return found


# ---- what each URL is expected to answer -------------------------------------------------

Row = dict[str, int | str]  # persona → status (or SIGN_IN)

# Who sees what (tests/personas.py: Jaipur is the personas' district, Ajmer another's).
STATEWIDE = {"state", "ipr_nodal", "energy_nodal", "viewer"}  # every district and statewide rows
SEES: dict[str, set[str]] = {
    # assignments: the district's and the department's postings
    "jaipur_hoardings": {"state", "ipr_nodal", "viewer", "collector", "sp", "dpro", "field"},  # I&PR, Jaipur
    "jaipur_joint": {"state", "viewer", "collector", "sp"},  # the Collector and SP of Jaipur
    "ajmer_hoardings": {"state", "ipr_nodal", "viewer", "other_collector", "other_dpro"},
    "ajmer_joint": {"state", "viewer", "other_collector"},
    # rows of a district (links, kits, reports): the district's postings and statewide eyes
    "jaipur": STATEWIDE | {"collector", "sp", "dpro", "discom", "field"},
    "ajmer": STATEWIDE | {"other_collector", "other_dpro"},
    "state": STATEWIDE,  # rows that name no district
}
LINK_MAKERS = {"state", "ipr_nodal", "energy_nodal", "collector", "dpro", "discom", "other_collector", "other_dpro"}


@dataclass(frozen=True)
class Case:
    get: Row
    post: Row
    sample: str | None = None  # a key of the samples (the URL's arguments); None: it takes none
    api: bool = False  # the integration API: the persona's bearer token, not a session


def everyone(status: int | str, **who: int | str) -> Row:
    return {**dict.fromkeys(WHO, status), **who}


def officers(status: int = 200, **who: int) -> Row:
    """An officer page: anonymous → sign in, no posting → 403, every other officer `status`
    unless named."""
    return {ANON: SIGN_IN, "no_posting": 403, **dict.fromkeys(OFFICERS, status), **who}


def allowed(people: set[str], status: int = 200, *, others: int = 403, **who: int) -> Row:
    """`people` get `status`, every other officer `others` (anonymous: sign in; no posting: 403)."""
    return officers(others, **{**dict.fromkeys(people, status), **who})


def seen(people: set[str], status: int = 200, *, outside: int = 404, **who: int) -> Row:
    """An object: `people` (whose scope has it) get `status` unless named; every other officer
    `outside` — 404, its existence not revealed."""
    return allowed(people, status, others=outside, **who)


ONLY_POST = everyone(405)  # a GET of an action
ONLY_GET = everyone(405)  # a POST to a page


def page(get: Row, post: Row = ONLY_GET, sample: str | None = None) -> Case:
    return Case(get=get, post=post, sample=sample)


def action(post: Row, sample: str | None = None) -> Case:
    return Case(get=ONLY_POST, post=post, sample=sample)


def citizen(sample: str | None = None) -> list[Case]:
    return [page(everyone(200), sample=sample)]


def api(get: Row, post: Row, sample: str | None = None) -> list[Case]:
    return [Case(get=get, post=post, sample=sample, api=True)]


TOKEN = {ANON: 401, "no_posting": 401}  # no token; a token whose account holds no posting
POSTED_EMPTY = everyone(422, **TOKEN)  # a token that may post, but the body is missing

# A POST with no data to a page whose form the persona may fill is the page again (200: the
# form is not bound to an empty body); the permission check comes first, so the others get 403.
EXPECTED: dict[str, list[Case]] = {
    # -- the citizen site, the short links, the scam check -----------------------------------
    "public:home": citizen(),
    "public:rules": citizen(),
    "public:rule": citizen("rule"),
    "public:cheated": citizen(),
    "public:cheated-branch": citizen("branch"),
    "public:progress": citizen(),
    "public:scam-check": [page(everyone(200), everyone(200))],
    "public:scam-check-screenshot": [page(everyone(302), everyone(400))],  # no file: "choose one"
    "scamcheck-api": [action(everyone(400))],  # no JSON body
    "follow-link": [page(everyone(302), sample="follow")],  # to the citizen page
    "route:l/<str:code>/": [page(everyone(302), sample="follow")],
    "switch-language": [action(everyone(302), "lang")],
    "service-worker": [page(everyone(200))],
    "activities:map-districts": [page(everyone(200))],  # the boundaries: public data
    # -- signing in ------------------------------------------------------------------------
    "accounts:login": [page(everyone(302, anonymous=200), everyone(302, anonymous=200))],
    "accounts:logout": [action(everyone(302))],
    # -- campaign work ---------------------------------------------------------------------
    "campaigns:campaign-detail": [page(officers())],
    "campaigns:dashboard": [page(officers())],
    "campaigns:compare": [page(officers())],
    "campaigns:clone": [page(allowed({"state"}), allowed({"state"}))],
    "campaigns:assignment-detail": [
        page(seen(SEES[a]), sample=a) for a in ("jaipur_hoardings", "jaipur_joint", "ajmer_joint")
    ],
    # Empty reports are refused (400) only after the permission check.
    "campaigns:assignment-report": [
        action(seen(SEES["jaipur_hoardings"], 403, dpro=400), "jaipur_hoardings"),
        action(seen(SEES["jaipur_joint"], 403, collector=400, sp=400), "jaipur_joint"),
        action(seen(SEES["ajmer_joint"], 403, other_collector=400), "ajmer_joint"),
    ],
    **{
        f"campaigns:assignment-{step}": [
            action(seen(SEES["jaipur_hoardings"], 403, state=400, ipr_nodal=400), "jaipur_hoardings"),
            action(seen(SEES["jaipur_joint"], 403, state=400), "jaipur_joint"),
            action(seen(SEES["ajmer_joint"], 403, state=400), "ajmer_joint"),
        ]
        for step in ("verify", "return")
    },
    # -- field evidence --------------------------------------------------------------------
    "activities:field-home": [page(officers())],
    # Holders, the district's field staff and the department's nodal officer add records.
    "activities:record-add": [
        page(add := seen(SEES["jaipur_hoardings"], 403, ipr_nodal=200, dpro=200, field=200), add, "jaipur_hoardings"),
        page(add := seen(SEES["ajmer_hoardings"], 403, ipr_nodal=200, other_dpro=200), add, "ajmer_hoardings"),
        page(add := seen(SEES["jaipur_joint"], 403, collector=200, sp=200), add, "jaipur_joint"),
    ],
    "activities:assignment-records": [
        page(seen(SEES["jaipur_hoardings"]), sample="jaipur_hoardings"),
        page(seen(SEES["ajmer_hoardings"]), sample="ajmer_hoardings"),
    ],
    "activities:evidence-file": [
        page(seen(SEES["jaipur_hoardings"]), sample="jaipur_evidence"),
        page(seen(SEES["ajmer_hoardings"]), sample="ajmer_evidence"),
    ],
    # The social-media posts are I&PR's, like the hoardings; a reading, then back to the page.
    "activities:reading-add": [
        action(seen(SEES["jaipur_hoardings"], 403, ipr_nodal=302, dpro=302, field=302), "jaipur_post"),
        action(seen(SEES["ajmer_hoardings"], 403, ipr_nodal=302, other_dpro=302), "ajmer_post"),
    ],
    "activities:influencers": [page(officers(), allowed({"ipr_nodal", "dpro", "field", "other_dpro"}))],
    "activities:map": [page(officers())],
    "activities:map-points": [page(officers())],
    "activities:import-template": [page(officers(), sample="template")],
    # Being rewritten for the job queue: as they answer today (the state and viewer file no records).
    "activities:import": [page(officers(state=403, viewer=403), officers(state=403, viewer=403))],
    "activities:import-status": [page(seen({"dpro", "state", "viewer"}), sample="import_job")],
    "activities:import-errors": [page(seen({"dpro", "state", "viewer"}), sample="import_job")],
    # The same file again with a fix it offered: its starter only (the others who see it: 403).
    "activities:import-again": [action(seen({"dpro", "state", "viewer"}, 403, dpro=302), sample="import_job")],
    # -- reach -----------------------------------------------------------------------------
    "reach:coverage": [page(officers())],
    "reach:coverage-data": [page(officers())],
    "reach:outcome-template": [page(officers())],
    "reach:assumptions": [page(officers(), allowed({"state"}))],
    "reach:surveys": [
        page(officers(), allowed({"state", "collector", "sp", "dpro", "discom", "other_collector", "other_dpro"}))
    ],
    "reach:outcomes": [page(officers(), allowed({"state"}))],  # and the Police's nodal officer
    # Being rewritten for the job queue: as they answer today.
    "reach:bill-upload": [page(allowed({"state", "energy_nodal"}), allowed({"state", "energy_nodal"}))],
    "reach:bill-job": [page(seen({"energy_nodal", "state", "viewer"}), sample="bill_job")],
    "reach:bill-template": [page(allowed({"state", "energy_nodal"}))],
    # Apply, withdraw, restore, discard: the utility's department (and the state) only.
    "reach:bill-file-step": [action(seen({"energy_nodal", "state"}, 302), "bill_file_discard")],
    "reach:bill-file": [page(seen({"energy_nodal", "state"}), sample="bill_file")],
    # -- short links -----------------------------------------------------------------------
    "links:list": [page(officers(), allowed(LINK_MAKERS))],
    "links:detail": [page(seen(SEES[d]), sample=f"{d}_link") for d in ("jaipur", "ajmer", "state")],
    "links:qr": [page(seen(SEES[d]), sample=f"{d}_link_svg") for d in ("jaipur", "ajmer", "state")],
    # -- materials -------------------------------------------------------------------------
    # A POST makes the short links of what the page shows (then shows it again): link makers only.
    "materials:studio": [page(officers(), allowed(LINK_MAKERS, 302))],
    "materials:topics": [page(officers())],
    "materials:topic": [page(officers(), allowed({"state"}), "topic")],
    # A district outside the posting is refused (403): districts are no secret.
    "materials:asset": [
        page(seen(SEES["jaipur"], outside=403), sample="jaipur_sms"),
        page(seen(SEES["ajmer"], outside=403), sample="ajmer_sms"),
        page(seen({"state", "ipr_nodal", "energy_nodal"}, outside=403), sample="state_sms"),
    ],
    # Being rewritten for the job queue: as they answer today.
    "materials:kits": [page(officers(), allowed(LINK_MAKERS))],
    "materials:kit": [page(seen(SEES[d]), sample=f"{d}_kit") for d in ("jaipur", "ajmer")],
    "materials:kit-download": [page(seen(SEES[d]), sample=f"{d}_kit") for d in ("jaipur", "ajmer")],
    # -- review reports (being rewritten for the job queue: as they answer today) ------------
    "reports:list": [page(officers(), allowed({"state", "collector", "other_collector"}))],
    "reports:row": [page(seen(SEES[d]), sample=f"{d}_report") for d in ("state", "jaipur", "ajmer")],
    "reports:file": [page(seen(SEES[d]), sample=f"{d}_report_pdf") for d in ("state", "jaipur", "ajmer")],
    # -- what citizens shared --------------------------------------------------------------
    "public:shared-trends": [page(officers())],
    # -- the integration API: each persona's own token --------------------------------------
    "api-v1:api-root": api(everyone(404), everyone(404)),
    "api-v1:openapi-json": api(everyone(200), everyone(200)),  # the schema is public
    "api-v1:openapi-view": api(everyone(200), everyone(200)),
    "api-v1:submit_bill_run": api(ONLY_POST, POSTED_EMPTY),
    "api-v1:submit_bill_file": api(ONLY_POST, POSTED_EMPTY),
    "api-v1:submit_reading": api(ONLY_POST, POSTED_EMPTY),
    "api-v1:compliance": api(everyone(200, **TOKEN), ONLY_GET),  # each token's own scope
    "api-v1:reach": api(everyone(200, **TOKEN), ONLY_GET),
    # A bill file's upload is its sender's; statewide eyes see every one.
    "api-v1:bill_file_status": api(
        everyone(404, **TOKEN, energy_nodal=200, state=200, viewer=200), ONLY_GET, "api_bill_job"
    ),
}


# -- the admin: the state nodal officer's alone; everyone else is sent to its sign-in page --
def state_admin(get: int, post: int | None = None, sample: str | None = None) -> list[Case]:
    return [Case(get=everyone(SIGN_IN, state=get), post=everyone(SIGN_IN, state=post or get), sample=sample)]


ALL_PAGES = ("changelist", "add", "change", "delete", "history")
# The state nodal officer's answer on each model's pages, GET and POST with no data: 200 a page,
# 403 a page the model's admin does not offer them (computed reference data is read-only; tokens
# come from manage.py api_token; a new wording is a new version, made in the studio; the audit
# log, groups and task results are nobody's here).
ADMIN_MODELS: dict[str, dict[str, tuple[int, int]]] = {
    "accounts_user": dict.fromkeys(ALL_PAGES, (200, 200)),
    "accounts_posting": dict.fromkeys(ALL_PAGES, (200, 200)),
    "geo_district": dict.fromkeys(ALL_PAGES, (200, 200)),
    "geo_department": dict.fromkeys(ALL_PAGES, (200, 200)),
    "links_shortlink": dict.fromkeys(ALL_PAGES, (200, 200)),
    "materials_billformat": dict.fromkeys(ALL_PAGES, (200, 200)),
    "geo_censusdistrict": {**dict.fromkeys(ALL_PAGES, (200, 200)), "change": (200, 403)},
    "geo_districtshare": {
        **dict.fromkeys(ALL_PAGES, (200, 200)),
        "add": (403, 403),
        "change": (200, 403),
        "delete": (403, 403),
    },
    # Nothing to change on a token but what it shows: a POST saves nothing new and goes back.
    "api_apitoken": {**dict.fromkeys(ALL_PAGES, (200, 200)), "add": (403, 403), "change": (200, 302)},
    "materials_messageversion": {
        **dict.fromkeys(ALL_PAGES, (200, 200)),
        "add": (403, 403),
        "change": (200, 403),
        "delete": (403, 403),
    },
    **{  # sign-in records, written by django-axes, read here
        f"axes_{model}": {**dict.fromkeys(ALL_PAGES, (200, 200)), "add": (403, 403), "change": (200, 302)}
        for model in ("accessattempt", "accesslog", "accessfailurelog")
    },
    "auth_group": dict.fromkeys(ALL_PAGES, (403, 403)),
    "auditlog_logentry": dict.fromkeys(ALL_PAGES, (403, 403)),
    # The history of a result that is not there: back to the index before any other check.
    "django_tasks_database_dbtaskresult": {**dict.fromkeys(ALL_PAGES, (403, 403)), "history": (302, 302)},
}
ADMIN_ROUTES = {  # the model's old address of a change page, a redirect to the new one
    "accounts_user": "accounts/user",
    "accounts_posting": "accounts/posting",
    "geo_district": "geo/district",
    "geo_department": "geo/department",
    "geo_censusdistrict": "geo/censusdistrict",
    "geo_districtshare": "geo/districtshare",
    "links_shortlink": "links/shortlink",
    "materials_billformat": "materials/billformat",
    "materials_messageversion": "materials/messageversion",
    "api_apitoken": "api/apitoken",
    "axes_accessattempt": "axes/accessattempt",
    "axes_accesslog": "axes/accesslog",
    "axes_accessfailurelog": "axes/accessfailurelog",
    "auth_group": "auth/group",
    "auditlog_logentry": "auditlog/logentry",
    "django_tasks_database_dbtaskresult": "django_tasks_database/dbtaskresult",
}
for model, pages in ADMIN_MODELS.items():
    for view, (get, post) in pages.items():
        sample = f"admin:{model}" if view in ("change", "delete", "history") else None
        EXPECTED[f"admin:{model}_{view}"] = state_admin(get, post, sample)
    EXPECTED[f"route:admin/{ADMIN_ROUTES[model]}/<path:object_id>/"] = state_admin(302, 302, f"admin:{model}")
EXPECTED |= {
    "admin:index": state_admin(200),  # a POST: the index again
    "admin:auth_user_password_change": state_admin(200, sample="admin_password"),  # an officer's password
    "admin:app_list": state_admin(200, sample="admin_app"),
    "admin:login": [page(everyone(200, state=302), everyone(200))],  # with the admin's right: to it
    "admin:logout": [page(everyone(302, state=405), everyone(302))],  # without it: to the index
    "admin:password_change": state_admin(200),
    "admin:password_change_done": state_admin(200, 405),
    "admin:jsi18n": state_admin(200, 405),
    "admin:autocomplete": state_admin(403, 405),  # no model here offers its search to another's form
    "admin:view_on_site": state_admin(404, sample="admin_view_on_site"),  # districts have no page
    "route:admin/(?P<url>.*)$": state_admin(404, sample="admin_missing"),
}

# ---- the seeded objects -----------------------------------------------------------------


def _assignment(number: int, district: str) -> Assignment:
    return Assignment.objects.get(directive__number=number, district__code=district)


def _hoarding(assignment: Assignment, by: User, site: str) -> Hoarding:
    return activity_actions.add_record(
        model=Hoarding,
        assignment=assignment,
        by=by,
        fields={"city": "City", "site": site, "language": "hi", "installed_on": dt.date(2026, 10, 5)},
        uploads=[activity_actions.Upload("p.jpg", images.photo())],
    )


def _post(assignment: Assignment, by: User, n: int) -> SocialPost:
    return activity_actions.add_record(
        model=SocialPost,
        assignment=assignment,
        by=by,
        fields={
            "platform": "x",
            "account_kind": "district",
            "handle": "@matrix",
            "url": f"https://x.com/matrix/status/{n}",
            "posted_at": dt.datetime(2026, 10, 5, 10, tzinfo=dt.UTC),
        },
    )


def _done(job, **files: bytes):
    for name, data in files.items():
        getattr(job, name).save(f"matrix-{job.pk}-{name}", ContentFile(data), save=False)
    job.state = "done"
    job.save()
    return job


def _tokens(people: dict[str, User]) -> dict[str, str]:
    secrets = {}
    for key, user in people.items():
        secret = ApiToken.new_secret()
        ApiToken.objects.create(
            name=f"matrix {key}", account=user, prefix=secret[:PREFIX_LENGTH], key_hash=hash_token(secret)
        )
        secrets[key] = secret
    return secrets


def make_samples(people: dict[str, User]) -> dict[str, dict]:
    """The objects the URLs are tried with, named; each sample is a URL's keyword arguments."""
    campaign = Campaign.objects.get()
    jaipur, ajmer = District.objects.get(code="jaipur"), District.objects.get(code="ajmer")
    samples: dict[str, dict] = {}
    for name, (number, district) in {
        "jaipur_hoardings": (1, "jaipur"),
        "jaipur_joint": (5, "jaipur"),
        "ajmer_hoardings": (1, "ajmer"),
        "ajmer_joint": (5, "ajmer"),
    }.items():
        samples[name] = {"pk": _assignment(number, district).pk}
    jaipur_record = _hoarding(_assignment(1, "jaipur"), people["dpro"], "Matrix crossing")
    ajmer_record = _hoarding(_assignment(1, "ajmer"), people["other_dpro"], "Matrix crossing")
    samples["jaipur_evidence"] = {"pk": jaipur_record.evidence.get().pk, "variant": "thumb"}
    samples["ajmer_evidence"] = {"pk": ajmer_record.evidence.get().pk, "variant": "thumb"}
    samples["jaipur_post"] = {"pk": _post(_assignment(2, "jaipur"), people["dpro"], 1).pk}
    samples["ajmer_post"] = {"pk": _post(_assignment(2, "ajmer"), people["other_dpro"], 2).pk}

    directive = _assignment(1, "jaipur").directive
    job = ImportJob.objects.create(
        channel="hoardings", directive=directive, original_name="h.csv", created_by=people["dpro"]
    )
    samples["import_job"] = {"pk": _done(job, error_report=b"PK not really a workbook").pk}
    Utility.objects.ensure_known()
    bills = BillIngestJob.objects.create(
        campaign=campaign,
        utility=Utility.objects.named("JVVNL").get(),
        original_name="b.csv",
        created_by=people["energy_nodal"],
    )
    samples["bill_job"] = {"pk": bills.pk}
    bill_file = BillFile.objects.create(
        campaign=campaign,
        utility=bills.utility,
        source_name="b.csv",
        source_rows=1,
        window_start=campaign.starts_on,
        window_end=campaign.ends_on,
        counted_by=people["energy_nodal"],
    )
    samples["bill_file_discard"] = {"pk": bill_file.pk, "step": "discard"}
    samples["bill_file"] = {"pk": bill_file.pk}
    samples["api_bill_job"] = {"job_id": bills.pk}

    for name, district in {"jaipur_link": jaipur, "ajmer_link": ajmer, "state_link": None}.items():
        link = ShortLink.objects.create(
            campaign=campaign, district=district, channel="hoarding", asset=f"matrix {name}", created_by=people["state"]
        )
        samples[name] = {"code": link.code}
        samples[f"{name}_svg"] = {"code": link.code, "kind": "svg"}

    for name, district, by in (("jaipur_kit", jaipur, "dpro"), ("ajmer_kit", ajmer, "other_dpro")):
        kit = KitBuild.objects.create(campaign=campaign, district=district, batch="matrix", created_by=people[by])
        samples[name] = {"pk": _done(kit, file=b"PK").pk}

    for name, district, by in (
        ("state_report", None, "state"),
        ("jaipur_report", jaipur, "collector"),
        ("ajmer_report", ajmer, "other_collector"),
    ):
        report = Report.objects.create(
            campaign=campaign, district=district, language="en", as_of=campaign.starts_on, created_by=people[by]
        )
        samples[name] = {"pk": _done(report, pdf=b"%PDF-1.7", xlsx=b"PK").pk}
        samples[f"{name}_pdf"] = {"pk": report.pk, "kind": "pdf"}

    topic = Topic.objects.order_by("order").first()
    samples["topic"] = {"slug": topic.slug}
    for district in ("jaipur", "ajmer", "state"):
        samples[f"{district}_sms"] = {
            "key": "sms",
            "topic": topic.slug,
            "lang": "hi",
            "district": district,
            "fmt": "txt",
        }
        # Printed once by a link maker (a POST to the studio): a GET only shows links made before.
        place = None if district == "state" else District.objects.get(code=district)
        Studio(campaign, make_links=True).asset("sms", topic, "hi", place)
    samples["rule"] = {"slug": "otp"}
    samples["branch"] = {"branch": "money-lost"}
    samples["template"] = {"channel": "hoardings", "fmt": "csv"}
    samples["lang"] = {"lang": "en"}
    samples["follow"] = {"code": samples["jaipur_link"]["code"]}
    samples["admin_app"] = {"app_label": "geo"}
    samples["admin_view_on_site"] = {"content_type_id": 1, "object_id": 1}
    samples["admin_missing"] = {"url": "no-such-page/"}
    samples["admin_password"] = {"id": people["collector"].pk}
    samples |= _admin_objects()
    return samples


def _admin_objects() -> dict[str, dict]:
    """One row of every model in the admin, its change, delete and history pages' argument;
    made here where the seed has none, so the pages are tried on a real row whatever other
    tests left. The task results are the queue's, never edited here: a row that is not there."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group

    Group.objects.create(name="matrix")
    seen = {"user_agent": "matrix", "ip_address": "192.0.2.9", "username": "matrix.nobody", "http_accept": "*/*"}
    AccessAttempt.objects.create(**seen, path_info="/", get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen, path_info="/")
    AccessFailureLog.objects.create(**seen, path_info="/")
    samples = {}
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        queue = model._meta.app_label == "django_tasks_database"
        samples[f"admin:{model._meta.app_label}_{model._meta.model_name}"] = {
            "object_id": 999999 if queue or first is None else first.pk
        }
    return samples


# ---- running it -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seeded set of objects for the whole module, rolled back at its end."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"))
    media.enable()
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        # Visits are counted in memory and flushed only when told: never by a thread that
        # cannot see this module's uncommitted links.
        patch.setattr(counter, "_counter", counter.VisitCounter(tmp_path_factory.mktemp("spool"), interval=0))
        resolver.clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            people = {u.username.removeprefix("t."): u for u in User.objects.filter(username__startswith="t.")}
            tokens = _tokens(people)
            yield {"people": people, "samples": make_samples(people), "tokens": tokens}
        finally:
            counter.counter().close()  # its visits go into this transaction, and out with it
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()
            resolver.clear()


def _url(pattern: Pattern, kwargs: dict) -> str:
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    url = "/" + pattern.route.removesuffix("$")
    for key, value in kwargs.items():
        url = re.sub(rf"<\w+:{key}>|\(\?P<{key}>[^)]*\)", str(value), url)
    return url


def _status(matrix, pattern: Pattern, case: Case, who: str, method: str) -> int | str:
    client = Client(raise_request_exception=False)
    headers = {}
    if case.api:
        if who != ANON:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {matrix['tokens'][who]}"
    elif who != ANON:
        client.force_login(matrix["people"][who])
    url = _url(pattern, matrix["samples"][case.sample] if case.sample else {})
    response = client.generic(method, url, **headers)
    if response.status_code == 302 and response["Location"].split("?")[0].endswith(SIGN_IN_PAGES):
        return SIGN_IN
    return response.status_code


PATTERNS = {p.key: p for p in url_patterns()}


def test_every_url_has_an_expected_entry():
    missing = sorted(set(PATTERNS) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(PATTERNS))
    assert not missing, "new view without an expected entry in tests/test_url_matrix.py: " + ", ".join(missing)
    assert not stale, "expected entries for URLs that are gone: " + ", ".join(stale)


def test_the_matrix_size(record_property):
    cases = sum(len(cases) for cases in EXPECTED.values())
    size = cases * len(WHO) * len(METHODS)
    record_property("url_matrix", f"{len(PATTERNS)} patterns, {cases} cases × {len(WHO)} × {len(METHODS)}")
    print(f"URL matrix: {len(PATTERNS)} patterns, {cases} cases × {len(WHO)} people × 2 methods = {size} requests")
    assert size >= len(PATTERNS) * len(WHO) * len(METHODS)


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_url(matrix, key):
    pattern = PATTERNS[key]
    cases = EXPECTED.get(key)
    if cases is None:
        pytest.fail(f"new view without an expected entry: {key}")
    wrong = []
    for case in cases:
        for who in WHO:
            for method in METHODS:
                cache.clear()  # the citizen pages' per-client limits start afresh
                got = _status(matrix, pattern, case, who, method)
                want = (case.get if method == "GET" else case.post).get(who)
                if got != want:
                    wrong.append(f"{method} {case.sample or ''} as {who}: {got}, expected {want}")
    assert not wrong, f"{key}:\n  " + "\n  ".join(wrong)


@pytest.mark.django_db
def test_a_signed_in_officer_without_a_token_gets_401_from_every_api_endpoint(matrix):
    client = Client()
    client.force_login(matrix["people"]["state"])
    for key, pattern in PATTERNS.items():
        if key.startswith("api-v1:submit") or key in ("api-v1:compliance", "api-v1:reach"):
            method = "POST" if "submit" in key else "GET"
            assert client.generic(method, _url(pattern, {})).status_code == 401, key
    url = _url(PATTERNS["api-v1:bill_file_status"], matrix["samples"]["api_bill_job"])
    assert client.get(url).status_code == 401
