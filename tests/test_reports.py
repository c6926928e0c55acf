"""Weekly review reports: the numbers in the PDF text and the XLSX cells are the dashboard's and
the reach page's; week-over-week from the workflow's events; overdue work named by officer; the
background build; who sees and builds which edition."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sajag.accounts.scope import Scope
from sajag.campaigns.dashboard import build_matrix
from sajag.campaigns.models import Assignment, ReportEvent, Status
from sajag.geo.models import District
from sajag.reach.compute import district_reach
from sajag.reports import data, render
from sajag.reports.models import Report

from .browser import PRINT_MARKS
from .personas import ALL

PDFTOTEXT = shutil.which("pdftotext") or "pdftotext"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "r.pdf").write_bytes(pdf)
    return subprocess.run(
        [PDFTOTEXT, "-raw", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def as_of(campaign):
    return campaign.starts_on + dt.timedelta(days=20)


@pytest.fixture
def worked(campaign, people, as_of):
    """Some reported and verified work, with the workflow's events dated inside the campaign."""
    jaipur = Assignment.objects.get(directive__number=1, district__code="jaipur")
    ajmer = Assignment.objects.get(directive__number=1, district__code="ajmer")
    early = timezone.make_aware(dt.datetime.combine(as_of - dt.timedelta(days=10), dt.time(11)))
    late = timezone.make_aware(dt.datetime.combine(as_of - dt.timedelta(days=2), dt.time(11)))
    for a, status in ((jaipur, Status.VERIFIED), (ajmer, Status.REPORTED)):
        a.status = status
        a.save()
        ReportEvent.objects.create(
            assignment=a,
            action="submit",
            from_status="pending",
            to_status="reported",
            by=people["dpro"],
            at=early,
            version=1,
        )
        if status == Status.VERIFIED:
            ReportEvent.objects.create(
                assignment=a,
                action="verify",
                from_status="reported",
                to_status="verified",
                by=people["state"],
                at=late,
                version=1,
            )
    return jaipur, ajmer


@pytest.mark.django_db
def test_review_figures_are_the_dashboards_and_the_reach_pages(campaign, worked, as_of):
    review = data.collect(campaign, as_of=as_of)
    matrix = build_matrix(campaign=campaign, scope=Scope(everything=True), today=as_of)
    assert [(s, n, p) for s, _label, n, p in review.summary] == matrix.summary()
    assert review.total == matrix.total == Assignment.objects.filter(directive__meeting__campaign=campaign).count()
    reach = {r.district.code: r.reach for r in district_reach(campaign, today=as_of)}
    assert {r.code: (r.combined, r.lower, r.upper) for r in review.reach} == {
        code: (x.combined, x.lower, x.upper) for code, x in reach.items()
    }
    assert len(review.reach) == District.objects.count()


@pytest.mark.django_db
def test_week_over_week_comes_from_the_workflows_events(campaign, worked, as_of):
    review = data.collect(campaign, as_of=as_of)
    # A week ago both were reported (the verification came two days ago).
    assert review.then[Status.VERIFIED] == 0 and review.then[Status.REPORTED] == 2
    assert review.change(Status.VERIFIED) == 1 and review.change(Status.REPORTED) == -1


@pytest.mark.django_db
def test_overdue_work_names_the_responsible_officer(campaign, people, as_of):
    late = Assignment.objects.get(directive__number=1, district__code="jaipur")
    late.due_on = as_of - dt.timedelta(days=4)
    late.save()
    review = data.collect(campaign, as_of=as_of)
    mine = [o for o in review.overdue if o.assignment == late.holder_label()]
    assert [(o.officer, o.days) for o in mine] == [(people["dpro"].get_full_name() or "t.dpro", 4)]


@pytest.mark.django_db
def test_a_district_edition_holds_only_its_district(campaign, as_of):
    jaipur = District.objects.get(code="jaipur")
    review = data.collect(campaign, as_of=as_of, district=jaipur)
    assert [r.code for r in review.reach] == ["jaipur"]
    assert {name for name, _cells, _c in review.matrix} == {"Jaipur"}
    assert review.total == Assignment.objects.filter(directive__meeting__campaign=campaign, district=jaipur).count()


@pytest.mark.django_db
def test_the_spreadsheet_cells_hold_the_same_numbers(campaign, worked, as_of):
    review = data.collect(campaign, as_of=as_of)
    book = load_workbook(io.BytesIO(render.xlsx(review, "en")))
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    for _s, label, n, p in review.summary:
        assert summary[label][:2] == (n, p)
    assert summary["Total"][0] == review.total
    reach = {row[0]: row for row in book["Reach"].iter_rows(min_row=2, values_only=True)}
    for r in review.reach:
        assert reach[r.district][1:4] == (r.population, round(100 * r.combined, 1), round(100 * r.lower, 1))
    compliance = list(book["Compliance"].iter_rows(values_only=True))
    assert len(compliance) == 1 + len(review.matrix)
    assert len(compliance[0]) == 1 + len(review.directives) + len(review.summary)


@pytest.mark.django_db
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_the_pdf_is_a_document_with_the_same_numbers_in_both_languages(campaign, worked, as_of, tmp_path, mark):
    review = data.collect(campaign, as_of=as_of)
    english = " ".join(pdf_text(render.pdf(review, "en"), tmp_path).split())
    pages = int(re.search(r"Page 1 / (\d+)", english).group(1))
    assert pages >= 3 and f"Page {pages} / {pages}" in english
    assert campaign.name_en in english and "Weekly review" in english
    for _s, label, n, p in review.summary:
        assert f"{label} {n} {p}%" in english
    for r in review.reach:
        assert f"{100 * r.combined:.1f}%" in english
    assert f"{100 * review.state_reach:.1f}%" in english
    hindi_review = data.collect(campaign, as_of=as_of, lang="hi")
    hindi = re.sub(r"\s+", "", pdf_text(render.pdf(hindi_review, "hi"), tmp_path))
    assert "साप्ताहिकसमीक्षा" in hindi and re.sub(r"\s+", "", campaign.name_hi) in hindi
    assert "जयपुर" in hindi and "पेज1/" in hindi


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_reports_are_built_in_the_background_and_kept(
    client, people, campaign, as_of, tmp_path, settings, mark, task_queue
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["state"])
    response = client.post(reverse("reports:list"), {"edition": "state", "language": "both", "as_of": as_of})
    assert response.status_code == 302
    queued = list(Report.objects.order_by("pk"))
    assert [(r.district, r.language, r.state) for r in queued] == [(None, "hi", "queued"), (None, "en", "queued")]
    assert task_queue.run() == 2  # what a worker does
    for report in Report.objects.all():
        assert report.state == Report.State.DONE, report.message
        assert report.pages >= 3
        pdf = client.get(reverse("reports:file", args=[report.pk, "pdf"]))
        assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
        xlsx = client.get(reverse("reports:file", args=[report.pk, "xlsx"]))
        assert xlsx.status_code == 200
    page = client.get(reverse("reports:list")).content.decode()
    assert page.count(">XLSX<") == 2  # both kept and listed for download


@pytest.mark.django_db
def test_an_as_of_date_before_the_campaign_is_refused(client, people, campaign):
    client.force_login(people["state"])
    day = campaign.starts_on - dt.timedelta(days=1)
    response = client.post(reverse("reports:list"), {"edition": "state", "language": "en", "as_of": day})
    assert response.status_code == 400 and "The campaign starts on" in response.content.decode()
    assert not Report.objects.exists()


STATE_EYES = {"state", "ipr_nodal", "energy_nodal", "viewer"}
JAIPUR_EYES = STATE_EYES | {"collector", "sp", "dpro", "discom", "field"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_report_pages_by_role(client, people, campaign, as_of, who, django_capture_on_commit_callbacks):
    jaipur = District.objects.get(code="jaipur")
    state_report = Report.objects.create(campaign=campaign, language="en", as_of=as_of, created_by=people["state"])
    district_report = Report.objects.create(
        campaign=campaign, district=jaipur, language="hi", as_of=as_of, created_by=people["state"]
    )
    if who != "anonymous":
        client.force_login(people[who])
    listing = client.get(reverse("reports:list"))
    if who == "anonymous":
        assert listing.status_code == 302
        return
    if who == "no_posting":
        assert listing.status_code == 403
        return
    assert listing.status_code == 200
    for report, allowed in ((state_report, who in STATE_EYES), (district_report, who in JAIPUR_EYES)):
        assert client.get(reverse("reports:row", args=[report.pk])).status_code == (200 if allowed else 404)
    with django_capture_on_commit_callbacks(execute=False):
        for edition in ("state", "jaipur", "ajmer"):
            client.post(reverse("reports:list"), {"edition": edition, "language": "en", "as_of": as_of})
    made = {
        (r.district.code if r.district else "state")
        for r in Report.objects.exclude(pk__in=[state_report.pk, district_report.pk])
    }
    expected = {"state": {"state", "jaipur", "ajmer"}, "collector": {"jaipur"}, "other_collector": {"ajmer"}}
    assert made == expected.get(who, set())
