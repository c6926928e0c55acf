"""The access module, tested once for every role: the rules, and the doors that no URL opens yet
(jobs, kits, reports with `write`, shared messages). The URLs are in tests/test_url_matrix.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from sajag.accounts import access
from sajag.activities.models import ImportJob
from sajag.campaigns.holders import Holders
from sajag.campaigns.models import Assignment
from sajag.geo.models import District
from sajag.links.models import ShortLink
from sajag.materials.models import KitBuild
from sajag.public.models import SharedMessage
from sajag.reach.models import BillIngestJob, Utility
from sajag.reports.models import Report

from .personas import ALL


def outcome(door, *args, **kwargs) -> int:
    """What a view would answer: 200 with the object, else 404 or 403."""
    try:
        door(*args, **kwargs)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return 200


def expected(table: dict[str, int], default: int) -> list[tuple[str, int]]:
    return [(who, table.get(who, 403 if who == "no_posting" else default)) for who in ALL]


@pytest.mark.django_db
def test_require_posting_returns_the_postings_or_refuses(people):
    assert [p.role for p in access.require_posting(people["collector"])] == ["collector"]
    with pytest.raises(PermissionDenied):
        access.require_posting(people["no_posting"])


DISTRICTS = {"state": 41, "ipr_nodal": 41, "viewer": 41, "collector": 1, "dpro": 1, "field": 1, "no_posting": 0}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "count"), DISTRICTS.items())
def test_the_scopes_districts_are_one_definition(people, who, count):
    districts = access.districts_for(people[who])
    assert districts.count() == count
    ids = access.scope_for(people[who]).district_ids
    assert (ids is None) == (count == 41)
    if count == 1:
        assert districts.get().code == "jaipur" and ids == {districts.get().pk}


@pytest.mark.django_db
def test_who_holds_an_assignment_is_one_rule_for_the_access_module_and_the_digests(people):
    holders = Holders()
    for assignment in Assignment.objects.filter(district__code__in=["jaipur", "ajmer"]):
        by_index = {p.user_id for p in holders.of(assignment)}
        by_rule = {u.pk for u in people.values() if access.holds_assignment(u, assignment)}
        assert by_index & {u.pk for u in people.values()} == by_rule, assignment


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "departments"), [("state", ["energy", "phed"]), ("energy_nodal", ["energy"])])
def test_who_sends_bill_files_is_one_rule(people, who, departments):
    assert access.bill_departments(people[who]) == departments
    assert people[who].has_perm("reach.ingest_bills")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ipr_nodal", "collector", "discom", "viewer", "no_posting"])
def test_others_send_no_bill_files(people, who):
    assert access.bill_departments(people[who]) == []
    assert not people[who].has_perm("reach.ingest_bills")


# -- jobs: the starter's; statewide eyes see every one --------------------------------------------


@pytest.fixture
def import_job(people, jaipur_hoardings):
    return ImportJob.objects.create(
        channel="hoardings", directive=jaipur_hoardings.directive, original_name="h.csv", created_by=people["dpro"]
    )


@pytest.fixture
def bill_job(people, campaign):
    Utility.objects.ensure_known()
    return BillIngestJob.objects.create(
        campaign=campaign,
        utility=Utility.objects.named("JVVNL").get(),
        original_name="b.csv",
        created_by=people["energy_nodal"],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expected({"dpro": 200, "state": 200, "viewer": 200}, 404))
def test_an_import_job_is_its_starters_and_statewide_eyes(people, import_job, who, status):
    assert outcome(access.get_job_for_user, people[who], import_job.pk, kind="import") == status


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expected({"energy_nodal": 200, "state": 403, "viewer": 403}, 404))
def test_only_its_starter_changes_a_bill_job(people, bill_job, who, status):
    assert outcome(access.get_job_for_user, people[who], bill_job.pk, kind="bills", write=True) == status


@pytest.mark.django_db
def test_a_job_of_another_kind_or_none_is_404(people, import_job):
    with pytest.raises(Http404):
        access.get_job_for_user(people["dpro"], import_job.pk, kind="bills")
    with pytest.raises(Http404):
        access.get_job_for_user(people["state"], 999999, kind="import")


# -- kits and reports: seen in the district's scope, changed by who builds them ------------------


@pytest.fixture
def jaipur_kit(people, campaign):
    jaipur = District.objects.get(code="jaipur")
    return KitBuild.objects.create(campaign=campaign, district=jaipur, batch="t", created_by=people["dpro"])


KIT_WRITE = {"state": 200, "ipr_nodal": 200, "energy_nodal": 200, "collector": 200, "dpro": 200, "discom": 200}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expected({**KIT_WRITE, "sp": 403, "field": 403, "viewer": 403}, 404))
def test_a_kit_is_rebuilt_by_its_districts_kit_makers(people, jaipur_kit, who, status):
    assert outcome(access.get_kit_for_user, people[who], jaipur_kit.pk, write=True) == status
    seen = outcome(access.get_kit_for_user, people[who], jaipur_kit.pk)
    assert seen == (404 if status == 404 else 403 if who == "no_posting" else 200)


@pytest.fixture
def reports(people, campaign):
    jaipur = District.objects.get(code="jaipur")
    made = {}
    for name, district in (("state", None), ("jaipur", jaipur)):
        made[name] = Report.objects.create(
            campaign=campaign, district=district, language="en", as_of=campaign.starts_on, created_by=people["state"]
        )
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), expected({"state": 200, "ipr_nodal": 403, "energy_nodal": 403, "viewer": 403}, 404)
)
def test_the_state_edition_is_for_statewide_eyes_and_built_by_the_state(people, reports, who, status):
    assert outcome(access.get_report_for_user, people[who], reports["state"].pk, write=True) == status


JAIPUR_EDITION = {
    "state": 200,
    "collector": 200,
    **dict.fromkeys(["ipr_nodal", "energy_nodal", "viewer", "sp", "dpro", "discom", "field"], 403),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), expected(JAIPUR_EDITION, 404))
def test_a_districts_edition_is_built_by_its_collector(people, reports, who, status):
    assert outcome(access.get_report_for_user, people[who], reports["jaipur"].pk, write=True) == status


# -- links and shared messages ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    expected({**KIT_WRITE, "sp": 403, "field": 403, "viewer": 403}, 404),
)
def test_a_link_is_changed_by_its_districts_makers(people, campaign, who, status):
    link = ShortLink.objects.create(
        campaign=campaign, district=District.objects.get(code="jaipur"), channel="hoarding", asset="t"
    )
    assert outcome(access.get_link_for_user, people[who], link.code, write=True) == status


SHARED_ALL = {"state", "viewer"}  # and the Police's nodal officer (below)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_shared_messages_are_seen_by_district_and_removed_by_the_state(people, who):
    def shared(district: str | None) -> SharedMessage:
        place = District.objects.get(code=district) if district else None
        return SharedMessage.objects.create(
            text="KYC", level="likely_scam", language="en", district=place, shared_on="2026-10-12"
        )

    jaipur, ajmer, nowhere = shared("jaipur"), shared("ajmer"), shared(None)
    user = people[who]
    statewide = who in SHARED_ALL
    jaipur_side = who in ("collector", "sp", "dpro", "discom", "field")
    ajmer_side = who in ("other_collector", "other_dpro")
    if who == "no_posting":
        assert outcome(access.get_shared_message_for_user, user, nowhere.pk) == 403
        assert not access.visible_shared_messages(user).exists()
        return
    # Other departments' nodal officers (IPR, Energy) read no citizen's text; a district its own.
    assert outcome(access.get_shared_message_for_user, user, nowhere.pk) == (200 if statewide else 404)
    assert outcome(access.get_shared_message_for_user, user, jaipur.pk) == (200 if statewide or jaipur_side else 404)
    assert outcome(access.get_shared_message_for_user, user, ajmer.pk) == (200 if statewide or ajmer_side else 404)
    assert outcome(access.get_shared_message_for_user, user, nowhere.pk, write=True) == (
        200 if who == "state" else 404 if not statewide else 403
    )


@pytest.mark.django_db
def test_the_police_nodal_officer_reads_every_shared_message(people):
    from sajag.accounts.models import Posting, Role, User
    from sajag.geo.models import Department

    police = User.objects.create_user("t.police")
    Posting.objects.create(user=police, role=Role.DEPT_NODAL, department=Department.objects.get(code="police"))
    for district in ("jaipur", "ajmer", None):
        SharedMessage.objects.create(
            text="KYC",
            level="likely_scam",
            language="en",
            district=District.objects.get(code=district) if district else None,
            shared_on="2026-10-12",
        )
    assert access.visible_shared_messages(police).count() == 3


def known_utilities() -> dict[str, Utility]:
    Utility.objects.ensure_known()
    return {u.name: u for u in Utility.objects.select_related("department")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sends"),
    [
        ("state", {"JVVNL", "AVVNL", "JdVVNL", "PHED"}),
        ("energy_nodal", {"JVVNL", "AVVNL", "JdVVNL"}),
        *((who, set()) for who in ("ipr_nodal", "collector", "discom", "viewer", "no_posting")),
    ],
)
def test_a_utilitys_figures_come_from_its_own_department_alone(people, who, sends):
    utilities = known_utilities()
    assert {name for name, u in utilities.items() if access.may_send_figures_for(people[who], u)} == sends
    assert {u.name for u in access.sendable_utilities(people[who])} == sends


@pytest.mark.django_db
def test_a_bill_run_names_a_utility_of_its_assignments_department(people):
    utilities = known_utilities()
    energy = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code="energy")
    phed = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code="phed")
    discom = people["discom"]
    assert access.may_send_figures_for(discom, utilities["JVVNL"], assignment=energy)
    assert not access.may_send_figures_for(discom, utilities["PHED"], assignment=energy)
    assert access.may_send_figures_for(discom, utilities["PHED"], assignment=phed)  # add_record says who
    assert [u.name for u in access.sendable_utilities(discom, assignment=phed)] == ["PHED"]


@pytest.mark.django_db
def test_a_utility_is_found_by_its_name_however_written_and_only_for_its_department(people):
    known_utilities()
    officer = people["energy_nodal"]
    for name in ("JVVNL", "jvvnl", " Jvvnl ", "J.V.V.N.L."):
        assert access.get_utility_for_user(officer, name).name == "JVVNL"
    with translation.override("en"):
        with pytest.raises(PermissionDenied, match="PHED is a utility of the PHED department"):
            access.get_utility_for_user(officer, "phed")
        with pytest.raises(access.UnknownUtility, match=r"no utility called “Jaipur Power”.*AVVNL, JVVNL, JdVVNL"):
            access.get_utility_for_user(officer, "Jaipur  Power")


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "offered"), [("state", 4), ("energy_nodal", 3)])
def test_the_bill_export_form_offers_only_the_officers_utilities(people, who, offered):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sajag.reach.forms_extra import BillExportForm

    utilities = known_utilities()

    def form(utility) -> BillExportForm:
        upload = {"file": SimpleUploadedFile("b.csv", b"consumer_id\n")}
        return BillExportForm({"utility": utility}, upload, utilities=access.sendable_utilities(people[who]))

    assert len(form("").fields["utility"].queryset) == offered
    assert form(utilities["JVVNL"].pk).is_valid()
    assert form(utilities["PHED"].pk).is_valid() == (who == "state")  # Energy sends no PHED file
    assert "utility" in form("PHED Jaipur City").errors  # a name is no choice


# -- the actions check too, whoever calls them ----------------------------------------------------


@pytest.mark.django_db
def test_the_write_actions_refuse_what_the_access_module_refuses(people, campaign):
    from sajag.activities.actions import add_influencer
    from sajag.links.actions import create_link
    from sajag.materials.actions import create_topic_version
    from sajag.materials.models import Topic
    from sajag.reach.actions import record_survey, upload_outcomes

    jaipur, ajmer = District.objects.get(code="jaipur"), District.objects.get(code="ajmer")
    link = {"campaign": campaign, "channel": "hoarding", "asset": "a", "target": "public:home"}
    survey = {"conducted_on": campaign.starts_on, "method": "phone", "sample_size": 10, "knew_1930": 5}
    refused = [
        lambda: create_link(by=people["sp"], district=jaipur, **link),  # the SP makes no links
        lambda: create_link(by=people["collector"], district=ajmer, **link),  # another district
        lambda: create_link(by=people["collector"], district=None, **link),  # statewide
        lambda: record_survey(campaign=campaign, by=people["collector"], fields={"district": ajmer, **survey}),
        lambda: record_survey(campaign=campaign, by=people["field"], fields={"district": jaipur, **survey}),
        lambda: add_influencer(by=people["dpro"], campaign=campaign, fields={"district": ajmer, "name": "x"}),
        lambda: upload_outcomes(by=people["collector"], name="o.csv", data=b""),
        lambda: create_topic_version(topic=Topic.objects.first(), campaign=campaign, by=people["ipr_nodal"], fields={}),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            attempt()
    made = create_link(by=people["collector"], district=jaipur, **link)
    assert made.created_by == people["collector"]
    assert record_survey(campaign=campaign, by=people["collector"], fields={"district": jaipur, **survey}).pk


@pytest.mark.django_db
def test_a_district_viewer_reads_only_the_districts_shared_messages(people):
    from sajag.accounts.models import Posting, Role, User

    watcher = User.objects.create_user("t.viewer.jaipur")
    Posting.objects.create(user=watcher, role=Role.VIEWER, district=District.objects.get(code="jaipur"))
    for district in ("jaipur", "ajmer", None):
        SharedMessage.objects.create(
            text="KYC",
            level="likely_scam",
            language="en",
            district=District.objects.get(code=district) if district else None,
            shared_on="2026-10-12",
        )
    assert [m.district.code for m in access.visible_shared_messages(watcher)] == ["jaipur"]
