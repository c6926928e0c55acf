"""Spreadsheets built to make a worker labour: refused from what is really in them, at once.

An attack probe found that a 1.6 KB .xlsx whose ``<dimension>`` claims ``A1:XFD1048576`` held a
worker for 18 minutes, and a 4 MB zip bomb (1 GB of sheet XML) for over ten; four uploads took
the citizen pages down. These files are made here the way the probe made them.
"""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from sajag.activities import importing, jobs
from sajag.activities.models import Hoarding, ImportJob
from sajag.campaigns.models import Directive

HEADER = [
    "District / जिला",
    "City",
    "Site / intersection",
    "Latitude",
    "Longitude",
    "Size",
    "Language",
    "Installed on",
    "Removed on",
    "Passers-by per day",
]
ROW = ["Jaipur", "Jaipur", "Ajmeri Gate", "", "", "", "hi", "2026-10-05", "", 12000]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The same .xlsx with its first sheet's XML changed, re-zipped as Excel zips it (deflate)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body.decode()).encode()
            dst.writestr(item.filename, body)
    return out.getvalue()


def dimension_bomb() -> bytes:
    """A real two-row sheet whose dimension tag claims every cell a sheet can have."""
    return rewrite_sheet(
        xlsx([HEADER, ROW]), lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)
    )


def start(user, data: bytes, name="hoardings.xlsx"):
    return jobs.start_import(directive=Directive.objects.get(number=1), by=user, name=name, data=data)


@pytest.mark.django_db
def test_a_sheet_claiming_a_million_rows_is_read_for_the_rows_it_has(people):
    data = dimension_bomb()
    assert len(data) < 10_000 and b'ref="A1:XFD1048576"' in zipfile.ZipFile(io.BytesIO(data)).read(
        "xl/worksheets/sheet1.xml"
    )
    rows = importing.read_rows("h.xlsx", data)
    header = next(rows)
    assert len(header) == len(HEADER)  # not padded to 16,384 columns
    assert [len(r) for r in rows] == [len(ROW)]  # one row, not a million
    job = start(people["dpro"], data)
    assert (job.state, job.created_count) == ("done", 1)
    assert Hoarding.objects.get().site == "Ajmeri Gate"


@pytest.mark.django_db
def test_a_value_in_the_last_row_of_the_sheet_is_refused_not_walked_to(people):
    far = rewrite_sheet(
        xlsx([HEADER, ROW]),
        lambda xml: xml.replace(
            "</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        ),
    )
    job = start(people["dpro"], far)
    assert job.state == "refused"
    assert "100,000" in job.message and "split" in job.message
    assert not Hoarding.objects.exists()


@pytest.mark.django_db
def test_a_row_with_values_in_thousands_of_columns_is_refused_naming_the_row(people):
    wide = rewrite_sheet(
        xlsx([HEADER, ROW]),
        lambda xml: xml.replace(
            "</row></sheetData>", '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        ),
    )
    job = start(people["dpro"], wide)
    assert job.state == "refused"
    assert "Row 2" in job.message and "16,384" in job.message and "200" in job.message


@pytest.mark.django_db
def test_blank_formatted_cells_after_the_data_do_not_count_as_columns(people):
    # Office files often carry formatting far to the right of the data: empty cells, not values.
    styled = rewrite_sheet(
        xlsx([HEADER, ROW]),
        lambda xml: xml.replace("</row></sheetData>", '<c r="ZZ2" s="0"/></row></sheetData>'),
    )
    job = start(people["dpro"], styled)
    assert (job.state, job.created_count) == ("done", 1)


def zip_bomb(megabytes: int) -> bytes:
    """A valid header row followed by megabytes of whitespace inside the sheet XML: a few KB zipped."""
    padding = " " * (megabytes * 1024 * 1024)
    return rewrite_sheet(xlsx([HEADER, ROW]), lambda xml: xml.replace("<sheetData>", "<sheetData>" + padding))


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_in_the_web_request_from_its_table_of_contents(client, people):
    bomb = zip_bomb(20)
    assert len(bomb) < 200_000
    client.force_login(people["dpro"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/activities/import/",
        {"directive": Directive.objects.get(number=1).pk, "file": SimpleUploadedFile("h.xlsx", bomb)},
    )
    assert response.status_code == 200  # the form again, with the reason: no job queued
    assert "100 गुना से अधिक" in response.content.decode()  # in Hindi, the default language
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_zip_bomb_that_reaches_a_worker_is_refused_before_it_is_unpacked(people, monkeypatch):
    unpacked = []
    monkeypatch.setattr(importing, "_xlsx_rows", lambda data: unpacked.append(1) or iter([]))
    job = start(people["dpro"], zip_bomb(20))
    assert job.state == "refused" and "100 times its packed size" in job.message
    assert unpacked == []


def test_a_large_honest_spreadsheet_passes_the_size_checks():
    # 20,000 real rows: text compresses well, but not a hundredfold.
    rows = [HEADER] + [["Jaipur", "Jaipur", f"Site {i}", "", "", "", "hi", "2026-10-05", "", i] for i in range(20_000)]
    importing.check_upload("big.xlsx", xlsx(rows))


def test_the_total_unpacked_size_is_bounded_too(monkeypatch):
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(importing.ImportRefused, match="the limit is 0 MB"):
        importing.check_upload("h.xlsx", xlsx([HEADER, ROW] * 50))


@pytest.mark.django_db
def test_a_file_that_takes_too_long_is_refused_with_the_limit(people, settings):
    settings.SAJAG_IMPORT_SECONDS = 0
    lines = [",".join(HEADER)] + [f"Jaipur,Jaipur,Site {i},,,,hi,2026-10-05,,100" for i in range(1200)]
    job = start(people["dpro"], ("\n".join(lines) + "\n").encode(), name="h.csv")
    assert job.state == "refused" and "longer than 0 seconds" in job.message
    assert not Hoarding.objects.exists()


@pytest.mark.django_db
def test_a_csv_field_too_long_to_read_is_refused_naming_the_line(people):
    data = (",".join(HEADER) + "\n" + 'Jaipur,Jaipur,"' + "x" * 200_000 + '",,,,hi,2026-10-05,,\n').encode()
    job = start(people["dpro"], data, name="h.csv")
    assert job.state == "refused" and "Line 2" in job.message


@pytest.mark.django_db
def test_the_same_file_stored_meanwhile_by_a_parallel_import_is_already_present_not_a_failure(people, monkeypatch):
    data = xlsx([HEADER, ROW, ["Jaipur", "Jaipur", "Tonk Phatak", "", "", "", "hi", "2026-10-06", "", 500]])
    first = start(people["dpro"], data)
    assert (first.state, first.created_count) == ("done", 2)
    # The second upload was checked before the first one's rows were committed.
    real, calls = importing._existing_keys, []

    def existing_keys(*args):
        calls.append(1)
        return set() if len(calls) == 1 else real(*args)

    monkeypatch.setattr(importing, "_existing_keys", existing_keys)
    second = start(people["dpro"], data)
    assert (second.state, second.created_count, second.existing_count) == ("done", 0, 2)
    assert "already present" in second.message
    assert Hoarding.objects.count() == 2
