"""Spreadsheet import: all or nothing, idempotent, every bad row named with its reason."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from sajag.activities import importing, jobs
from sajag.activities.models import BillRun, Hoarding, ImportJob, OutreachMeeting, SocialPost
from sajag.campaigns.models import Directive

HEADER = (
    "District / जिला,City,Site / intersection,Latitude,Longitude,Size,Language,Installed on,Removed on,"
    "Passers-by per day"
)


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def hoardings_directive():
    return Directive.objects.get(number=1)


def run(user, data: bytes, *, directive=None, name="hoardings.csv") -> ImportJob:
    return jobs.start_import(directive=directive or hoardings_directive(), by=user, name=name, data=data)


GOOD = csv_bytes(
    HEADER,
    "Jaipur,Jaipur,Ajmeri Gate,26.9157,75.8163,20x10 ft,hi,2026-10-05,,12000",
    "जयपुर,Jaipur,Tonk Phatak,,,,both,05/10/2026,,",
    "jaipur,Jaipur,Badi Chaupar,26.9239,75.8267,,Hindi,2026-10-06,2026-10-30,8000",
)


@pytest.mark.django_db
def test_a_good_file_is_imported_and_importing_it_again_adds_nothing(people):
    job = run(people["dpro"], GOOD)
    assert (job.state, job.created_count, job.existing_count, job.error_count) == ("done", 3, 0, 0)
    assert Hoarding.objects.filter(district__code="jaipur", source="import").count() == 3
    h = Hoarding.objects.get(site="Tonk Phatak")
    assert (h.language, str(h.installed_on), h.latitude, h.import_job_id) == ("both", "2026-10-05", None, job.pk)
    again = run(people["dpro"], GOOD)
    assert (again.state, again.created_count, again.existing_count) == ("done", 0, 3)
    assert Hoarding.objects.count() == 3


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(people):
    data = csv_bytes(
        HEADER,
        "Jaipur,Jaipur,Ajmeri Gate,26.9157,75.8163,,hi,2026-10-05,,",
        "Jaipr,Jaipur,MI Road,,,,hi,2026-10-05,,",  # near miss
        "Jaipur,Jaipur,Statue Circle,28.61,77.20,,hi,2026-10-05,,",  # Delhi
        "Jaipur,Jaipur,Sindhi Camp,,,,kannada,31/31/2026,,-5",
        "Jaipur,Jaipur,Ajmeri Gate,26.9157,75.8163,,hi,2026-10-05,,",  # duplicate of row 2
        "Ajmer,Ajmer,Gandhi Bhawan,,,,hi,2026-10-05,,",  # not the DPRO's district
        "Jaipur,,Chandpole,,,,hi,2026-10-07,2026-10-01,",
    )
    job = run(people["dpro"], data)
    assert job.state == "refused" and job.created_count == 0
    assert Hoarding.objects.count() == 0
    errors = {e["row"]: e["message"] for e in job.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert "Did you mean Jaipur?" in errors[3]
    assert "is not in Rajasthan" in errors[4]
    assert "Language" in errors[5] and "Installed on" in errors[5] and "Passers-by per day" in errors[5]
    assert "the same record as row 2" in errors[6]
    assert "you cannot report for Ajmer" in errors[7]
    assert "City / शहर: missing" in errors[8]
    # The downloadable report: every row with an error column.
    sheet = load_workbook(io.BytesIO(job.error_report.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("row / पंक्ति", "error / त्रुटि")
    assert len(rows) == 1 + 7
    assert rows[1][1] in (None, "") and "Did you mean" in rows[2][1]


@pytest.mark.django_db
def test_an_xlsx_with_hindi_headers_is_imported(people):
    book = Workbook()
    sheet = book.active
    sheet.append(["जिला", "शहर", "स्थान / चौराहा", "भाषा", "लगाने की तिथि"])
    sheet.append(["जयपुर", "जयपुर", "अजमेरी गेट", "हिन्दी", __import__("datetime").date(2026, 10, 5)])
    out = io.BytesIO()
    book.save(out)
    job = run(people["dpro"], out.getvalue(), name="hoardings.xlsx")
    assert job.state == "done" and job.created_count == 1
    assert Hoarding.objects.get().site == "अजमेरी गेट"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (csv_bytes("District,City,Colour"), "Missing column(s): Site / intersection / स्थान / चौराहा"),
        (csv_bytes("District,City"), "Missing column(s): Site / intersection / स्थान / चौराहा"),
        (csv_bytes(HEADER), "header but no rows"),
        (b"District,City\n\x81\x8d\x90,x\n", "not UTF-8"),  # neither UTF-8 nor UTF-16 nor Windows-1252
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(people, data, message):
    job = run(people["dpro"], data)
    assert job.state == "refused"
    assert message in job.message
    assert Hoarding.objects.count() == 0


@pytest.mark.django_db
def test_a_file_named_xlsx_that_is_not_one_is_refused(people):
    job = run(people["dpro"], b"not a zip", name="x.xlsx")
    assert job.state == "refused" and "not a valid .xlsx" in job.message


@pytest.mark.django_db
def test_bill_runs_go_to_energy_or_phed_by_utility(people):
    from sajag.accounts.models import Posting, Role
    from sajag.geo.models import Department

    energy = people["energy_nodal"]
    data = csv_bytes(
        "District,Utility,Billing month,Bills printed with 1930",
        "Jaipur,JVVNL,2026-10,245000",
        'Kota,JVVNL,10/2026,"120,500"',
        "Ajmer,PHED Ajmer City,2026-10,50000",
    )
    job = run(energy, data, directive=Directive.objects.get(number=3))
    # The energy nodal officer cannot report PHED's bills.
    assert job.state == "refused" and [e["row"] for e in job.errors] == [4]
    Posting.objects.create(user=energy, role=Role.DEPT_NODAL, department=Department.objects.get(code="phed"))
    energy = type(energy).objects.get(pk=energy.pk)
    job = run(energy, data, directive=Directive.objects.get(number=3))
    assert job.state == "done" and job.created_count == 3
    assert {(b.district.code, b.department.code, b.bills_printed) for b in BillRun.objects.all()} == {
        ("jaipur", "energy", 245000),
        ("kota", "energy", 120500),
        ("ajmer", "phed", 50000),
    }


@pytest.mark.django_db
def test_social_posts_and_meetings_import(people):
    posts = csv_bytes(
        "District,Platform,Posted by,Handle,Post link,Posted at",
        "Jaipur,instagram,district,@dmjaipur,https://www.instagram.com/p/Cx1930abc/,2026-10-05 10:30",
        "Jaipur,x,influencer,@jaipurwala,https://x.com/jaipurwala/status/1843000000000000001,2026-10-06",
        "Jaipur,facebook,district,DM Jaipur,https://www.instagram.com/p/zzz/,2026-10-06",
    )
    job = run(people["dpro"], posts, directive=Directive.objects.get(number=2))
    assert [e["row"] for e in job.errors] == [4]
    assert "not a facebook link" in job.errors[0]["message"]
    meetings = csv_bytes(
        "District,Kind,Held on,Venue,Attendees,Safety topics",
        'Jaipur,bank,2026-10-08,Collectorate hall,45,"otp, links, payment"',
        "Jaipur,traders,2026-10-09,Vyapar Bhawan,80,ओटीपी; पासवर्ड",
    )
    job = run(people["collector"], meetings, directive=Directive.objects.get(number=5))
    assert job.state == "done"
    assert sorted(OutreachMeeting.objects.values_list("topics", flat=True)) == [
        ["otp", "password"],
        ["otp", "unknown_links", "digital_payment"],
    ]
    assert SocialPost.objects.count() == 0  # the posts file was refused whole


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["Jaipur", "jaipur", "JAIPUR", "जयपुर", "102", " Jaipur "])
def test_districts_are_recognised_in_either_language_or_by_code(value):
    from sajag.geo.models import District

    index = importing.DistrictIndex(list(District.objects.all()))
    assert index.find(value).code == "jaipur"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Jhunjhunu", "jhunjhunun"),
        ("Jalore", "jalor"),
        ("Chittorgarh", "chittaurgarh"),
        ("Sri Ganganagar", "ganganagar"),
        ("Dholpur", "dhaulpur"),
    ],
)
def test_other_common_spellings_are_recognised(alias, code):
    from sajag.geo.models import District

    assert importing.DistrictIndex(list(District.objects.all())).find(alias).code == code


def test_the_template_has_bilingual_headers_and_an_example_row():
    rows = importing.template_rows(importing.SCHEMAS["hoardings"])
    assert rows[0][0] == "District / जिला" and "Installed on / लगाने की तिथि" in rows[0]
    assert len(rows[1]) == len(rows[0])


@pytest.mark.django_db
def test_an_officer_cannot_import_into_a_directive_outside_their_scope(people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(people["viewer"], GOOD)
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_an_import_is_queued_then_checked_and_stored_by_a_worker(people, task_queue):
    lines = [HEADER] + [f"Jaipur,Jaipur,Site {i},,,,hi,2026-10-05,," for i in range(3000)]
    job = jobs.start_import(directive=hoardings_directive(), by=people["dpro"], name="big.csv", data=csv_bytes(*lines))
    assert job.state == "queued" and not Hoarding.objects.filter(import_job=job).exists()  # not in the request
    assert task_queue.run() == 1
    job.refresh_from_db()
    assert (job.state, job.created_count, job.done, job.percent, job.attempts) == ("done", 3000, 3000, 100, 1)
    assert Hoarding.objects.filter(import_job=job).count() == 3000
