"""The integration API (django-ninja): utilities and the social-media cell send their numbers
from their own systems; dashboards elsewhere read compliance and reach. Every call carries a
bearer token; a token reaches what its service account's postings reach, and nothing else."""

import datetime as dt
from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone, translation
from ninja import Field, File, Form, NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from pydantic import field_validator

from sajag.accounts import access
from sajag.activities import actions
from sajag.activities.models import BillRun, SocialPost, Source
from sajag.campaigns.access import current_campaign
from sajag.campaigns.dashboard import SHOWN_STATUSES, build_matrix
from sajag.campaigns.models import Assignment, Channel
from sajag.clock import today
from sajag.geo.models import District
from sajag.reach import actions as reach_actions
from sajag.reach.compute import district_reach
from sajag.reach.models import Utility

from .models import ApiToken, hash_token

TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = ApiToken.objects.select_related("account").filter(key_hash=hash_token(token)).first()
        if found is None or not found.active or not access.has_posting(found.account):
            return None  # unknown, revoked, or its account holds no posting any more
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.account
        return found


api = NinjaAPI(
    title="Sajag integration API",
    version="1",
    description="Bill runs, consumer-level bill files and social-media readings in; compliance and reach out. "
    "Authenticate with `Authorization: Bearer <token>`; a token reaches only its own districts.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


def no_nul(value):
    """PostgreSQL text cannot hold NUL, and no field here needs one: refuse it as bad input."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class Problem(Schema):
    detail: str
    field: str | None = None


def refuse(status: int, detail: str, field: str | None = None) -> NoReturn:
    raise HttpError(status, detail) if field is None else _FieldError(status, detail, field)


class _FieldError(HttpError):
    def __init__(self, status: int, detail: str, field: str) -> None:
        super().__init__(status, detail)
        self.field = field


@api.exception_handler(_FieldError)
def _field_error(request, exc: _FieldError):
    return api.create_response(request, {"detail": str(exc), "field": exc.field}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Outside this token's scope."}, status=403)


def _campaign():
    campaign = current_campaign()
    if campaign is None:
        refuse(404, "There is no campaign.")
    return campaign


def _district(code: str, field: str = "district") -> District:
    district = District.objects.filter(code=code.strip().lower()).first()
    if district is None:
        refuse(422, f"Unknown district code {code!r}.", field)
    return district


# ---- bill runs ------------------------------------------------------------------------------


class BillRunIn(Schema):
    district: str = Field(..., description="District code, e.g. jaipur", min_length=2, max_length=40)
    utility: str = Field(
        ...,
        description="One of the token's department's utilities: JVVNL, AVVNL, JdVVNL or PHED",
        min_length=2,
        max_length=60,
    )
    cycle: dt.date = Field(..., description="The billing month: any date in it (stored as its first day)")
    bills_printed: int = Field(..., ge=0, le=50_000_000, description="Bills printed with 1930 in this cycle")

    _text = field_validator("district", "utility")(no_nul)


class RecordOut(Schema):
    id: int
    district: str
    assignment: int


@api.post(
    "/bill-runs",
    response={201: RecordOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    tags=["bills"],
)
def submit_bill_run(request, payload: BillRunIn):
    """One bill run: how many bills of one utility's cycle in one district carried 1930. The
    utility is named as its department knows it (case and spacing aside): one of the token's
    department's utilities (400 names them); another department's is refused (403)."""
    campaign = _campaign()
    district = _district(payload.district)
    cycle = payload.cycle.replace(day=1)
    if not (campaign.starts_on.replace(day=1) <= cycle <= campaign.ends_on):
        refuse(422, f"The cycle {cycle:%Y-%m} is outside the campaign.", "cycle")
    assignments = list(
        Assignment.objects.filter(
            directive__meeting__campaign=campaign, directive__channel=Channel.UTILITY_BILLS, district=district
        )
        .visible_to(request.user)
        .order_by("pk")
    )
    if not assignments:
        refuse(403, f"{district.code} is outside this token's districts (or has no bill directive).", "district")
    # A statewide token sees the district's Energy and PHED assignments: the utility's is the one.
    Utility.objects.ensure_known()
    named = Utility.objects.named(payload.utility).first()
    assignment = next((a for a in assignments if named and a.department_id == named.department_id), assignments[0])
    utility = _utility(request.user, payload.utility, assignment=assignment)
    try:
        record = actions.add_record(
            model=BillRun,
            assignment=assignment,
            by=request.user,
            fields={
                "department": assignment.department,
                "utility": utility.name,  # one spelling per utility: "jvvnl" is no second JVVNL run
                "cycle": cycle,
                "bills_printed": payload.bills_printed,
                "source": Source.API,
            },
        )
    except actions.DuplicateRecord as exc:
        refuse(409, f"This district, utility and cycle is recorded already (id {exc.existing.pk}).", "cycle")
    return Status(201, {"id": record.pk, "district": district.code, "assignment": assignment.pk})


# ---- consumer-level bill files --------------------------------------------------------------


class BillFileOut(Schema):
    id: int
    state: str
    message: str


def _utility(user, name: str, *, assignment=None) -> Utility:
    """The utility a name means, if it is the token's department's (the access module's rule):
    400 naming the token's utilities when no utility has the name, 403 when it is another
    department's."""
    try:
        return access.get_utility_for_user(user, name, assignment=assignment)
    except access.UnknownUtility as exc:
        refuse(400, in_both_languages(exc), "utility")
    except PermissionDenied as exc:
        refuse(403, in_both_languages(exc), "utility")


def in_both_languages(exc: Exception) -> str:
    """An officer's message as "English / हिन्दी": an integration's readers may need either,
    and a request to the API names no language."""
    with translation.override("en"):
        en = str(exc)
    with translation.override("hi"):
        hi = str(exc)
    return en if en == hi else f"{en} / {hi}"


@api.post("/bill-files", response={202: BillFileOut, 400: Problem, 403: Problem, 422: Problem}, tags=["bills"])
def submit_bill_file(request, utility: Form[str], file: File[UploadedFile]):
    """A consumer-level bill export (CSV or Parquet: consumer_id, district, billing_cycle,
    carried_1930), counted in the background; only the per-district counts are kept, and they
    replace the utility's earlier ones (restorable from the web) — unless the file covers less
    than half of a district's known connections: then it waits for an officer to apply it.
    From a department-wide token (or the state's), for a
    utility of its own department: 400 names them when the name matches none, 403 for another
    department's (nothing is changed)."""
    if not access.may_ingest_bills(request.user):
        refuse(403, "Consumer-level files come from a department-wide Energy or PHED token.")
    name = (file.name or "").replace("\x00", "")
    if not name.lower().endswith((".csv", ".parquet", ".csv.gz")):
        refuse(422, "Send a .csv or .parquet file.", "file")
    if not utility.strip() or len(utility) > 60 or "\x00" in utility:
        refuse(422, "Name the utility (at most 60 characters).", "utility")
    Utility.objects.ensure_known()
    found = _utility(request.user, utility)
    job = reach_actions.submit_bill_file(
        campaign=_campaign(), by=request.user, utility=found, upload=file, apply_at_once=True
    )
    return Status(202, {"id": job.pk, "state": job.state, "message": job.message})


@api.get("/bill-files/{job_id}", response={200: BillFileOut, 404: Problem}, tags=["bills"])
def bill_file_status(request, job_id: int):
    try:
        job = access.get_job_for_user(request.user, job_id, kind="bills")
    except (Http404, PermissionDenied):
        refuse(404, "No such upload for this token.")
    return Status(200, {"id": job.pk, "state": job.state, "message": job.message})


# ---- social-media readings ------------------------------------------------------------------


class ReadingIn(Schema):
    post_url: str = Field(..., min_length=8, max_length=500, description="The post's link as registered in Sajag")
    read_on: dt.date
    reach: int | None = Field(None, ge=0, le=1_000_000_000)
    impressions: int | None = Field(None, ge=0, le=10_000_000_000)
    engagement: int | None = Field(None, ge=0, le=1_000_000_000)

    _text = field_validator("post_url")(no_nul)


class ReadingOut(Schema):
    post: int
    read_on: dt.date


@api.post("/social-readings", response={201: ReadingOut, 404: Problem, 422: Problem}, tags=["social media"])
def submit_reading(request, payload: ReadingIn):
    """A reading of a registered post's figures; a same-day reading replaces the earlier one."""
    if payload.reach is None and payload.impressions is None and payload.engagement is None:
        refuse(422, "Send at least one of reach, impressions, engagement.", "reach")
    if payload.read_on > today():
        refuse(422, "A reading cannot be dated in the future.", "read_on")
    found = SocialPost.objects.filter(url=payload.post_url.strip()).values_list("pk", flat=True).first()
    try:
        post = access.get_record_for_user(request.user, SocialPost, found or 0, write=True)
    except Http404:
        refuse(404, "No post with this link in this token's districts.", "post_url")
    actions.add_reading(
        post=post,
        by=request.user,
        read_on=payload.read_on,
        reach=payload.reach,
        impressions=payload.impressions,
        engagement=payload.engagement,
    )
    return Status(201, {"post": post.pk, "read_on": payload.read_on})


# ---- compliance and reach -------------------------------------------------------------------


class ComplianceOut(Schema):
    district: str
    assignments: int
    overdue: int
    returned: int
    pending: int
    reported: int
    verified: int


class DistrictFilter(Schema):
    district: str | None = Field(None, description="A district code: only that district", max_length=40)

    _text = field_validator("district")(no_nul)


@api.get("/compliance", response=list[ComplianceOut], tags=["read"])
@paginate(PageNumberPagination, page_size=50)
def compliance(request, filters: Query[DistrictFilter]):
    """Assignments per district by status (overdue = open past its due date), in this token's scope."""
    campaign = _campaign()
    district = _district(filters.district) if filters.district else None
    matrix = build_matrix(
        campaign=campaign,
        scope=access.scope_for(request.user),
        today=today(),
        district=district.pk if district else None,
    )
    rows = [row for row in matrix.rows if row.district is not None]
    rows.sort(key=lambda row: row.district.code)
    return [
        {
            "district": row.district.code,
            "assignments": sum(row.counts.values()),
            **{s: row.counts[s] for s in SHOWN_STATUSES},
        }
        for row in rows
    ]


class ReachOut(Schema):
    district: str
    population: int
    reach: float = Field(..., description="Estimated share of people reached (0–1)")
    lower: float
    upper: float


@api.get("/reach", response=list[ReachOut], tags=["read"])
@paginate(PageNumberPagination, page_size=50)
def reach(request, filters: Query[DistrictFilter]):
    """The estimated reach of 1930 per district with its bounds, in this token's scope."""
    campaign = _campaign()
    allowed = access.scope_for(request.user).district_ids
    wanted = _district(filters.district) if filters.district else None
    out = []
    for row in sorted(
        district_reach(campaign, today=min(today(), campaign.ends_on), steps=False), key=lambda r: r.district.code
    ):
        if (allowed is not None and row.district.pk not in allowed) or (wanted and row.district.pk != wanted.pk):
            continue
        r = row.reach
        out.append(
            {
                "district": row.district.code,
                "population": round(r.population),
                "reach": r.combined,
                "lower": r.lower,
                "upper": r.upper,
            }
        )
    return out
