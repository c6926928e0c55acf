"""District spreadsheets as offices really save them (issue 16): title rows above the header,
headers in the office's own words, serial-number and remarks columns, dates typed every way,
counts with words beside them, a total row and a signature block, Excel's "Unicode Text"
(UTF-16, tab-separated) and semicolon CSVs. The files are written here the way a DPRO's or a
Collectorate's clerk makes them, not from Sajag's template."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from sajag.activities import importing, jobs
from sajag.activities.models import Hoarding, OutreachMeeting
from sajag.campaigns.models import Directive


def dpro_workbook() -> bytes:
    """A DPRO's hoardings register: three merged title rows, Hindi headers of the office's own,
    a serial-number and a remarks column, dates as real Excel dates and as typed text, Devanagari
    digits, a blank row, a total row with a SUM formula, and a signature block."""
    book = Workbook()
    sheet = book.active
    sheet.append(["कार्यालय जिला सूचना एवं जनसंपर्क अधिकारी, जयपुर"])
    sheet.append(["विषय: साइबर हेल्पलाइन 1930 होर्डिंग का विवरण"])
    sheet.append(["दिनांक: 20.10.2026"])
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    sheet.append(["क्र.सं.", "जिला", "शहर/कस्बा", "स्थान/चौराहा", "लगाने की तिथि", "प्रतिदिन राहगीर (अनुमानित)", "टिप्पणी"])
    rows = [
        (1, "Jaipur", "जयपुर", "अजमेरी गेट", dt.datetime(2026, 10, 5), 12000, "लगा दिया"),
        (2, "JAIPUR", "जयपुर", "बड़ी चौपड़", "05/10/2026", "8,000", ""),
        (3, "जयपुर", "सांगानेर", "सांगानेर चौराहा", "6-10-26", "", "फोटो संलग्न"),
        (4, "jaipur", "चौमूं", "बस स्टैंड", "07.10.2026", "5000", ""),
        None,  # a blank row in the middle
        (5, "Jaipur", "शाहपुरा", "मुख्य बाजार", "8 अक्टूबर 2026", "३०००", ""),
        (6, "Jaipur", "दूदू", "हाईवे तिराहा", "12-Oct-26", 2500, ""),
    ]
    for row in rows:
        sheet.append(list(row) if row else [])
    sheet.append(["", "कुल", "", "", "", "=SUM(F5:F11)", ""])
    sheet.append([])
    sheet.append(["", "", "", "", "", "हस्ताक्षर", ""])
    sheet.append(["", "", "", "", "", "जिला सूचना एवं जनसंपर्क अधिकारी", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_dpros_own_workbook_is_read_as_sent(people):
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="होर्डिंग.xlsx", data=dpro_workbook()
    )
    assert (job.state, job.created_count, job.error_count) == ("done", 6, 0), (job.message, job.errors)
    stored = {h.site: h for h in Hoarding.objects.all()}
    assert str(stored["बड़ी चौपड़"].installed_on) == "2026-10-05"  # 05/10/2026: day first
    assert str(stored["सांगानेर चौराहा"].installed_on) == "2026-10-06"  # 6-10-26
    assert str(stored["बस स्टैंड"].installed_on) == "2026-10-07"  # 07.10.2026
    assert str(stored["मुख्य बाजार"].installed_on) == "2026-10-08"  # 8 अक्टूबर 2026
    assert str(stored["हाईवे तिराहा"].installed_on) == "2026-10-12"  # 12-Oct-26
    assert stored["बड़ी चौपड़"].daily_passers_by == 8000 and stored["मुख्य बाजार"].daily_passers_by == 3000
    assert all(h.language == "hi" for h in stored.values())  # no language column: Hindi, and said so
    message = job.message
    assert "the header is row 4" in message and "3 row(s) above it were read as titles" in message
    assert "columns not used: क्र.सं., टिप्पणी" in message
    assert "1 total row(s) skipped" in message and "signature row(s) skipped" in message
    assert "Hindi" in message  # the language assumed is said


@pytest.mark.django_db
def test_the_same_workbook_again_adds_nothing(people):
    directive = Directive.objects.get(number=1)
    jobs.start_import(directive=directive, by=people["dpro"], name="h.xlsx", data=dpro_workbook())
    again = jobs.start_import(directive=directive, by=people["dpro"], name="h.xlsx", data=dpro_workbook())
    assert (again.state, again.created_count, again.existing_count) == ("done", 0, 6)


def collectorate_unicode_text() -> bytes:
    """A Collectorate's meetings list saved from Excel as "Unicode Text": UTF-16 with its
    byte-order mark, tab-separated, a title line, Hindi headers and meeting kinds, counts with
    words beside them."""
    lines = [
        "बैठकों का विवरण - जिला कलक्टर कार्यालय जयपुर",
        "\t".join(["क्रम संख्या", "जिला", "बैठक का प्रकार", "दिनांक", "बैठक स्थल", "उपस्थिति", "विषय"]),
        "\t".join(["1", "जयपुर", "बैंक प्रतिनिधि", "08/10/2026", "कलेक्ट्रेट सभागार", "45 लोग", "ओटीपी, लिंक"]),
        "\t".join(["2", "जयपुर", "व्यापार मंडल", "09.10.2026", "व्यापार भवन", "approx 60", "भुगतान"]),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


@pytest.mark.django_db
def test_a_collectorates_unicode_text_file_is_read_as_sent(people):
    directive = Directive.objects.get(number=5)
    data = collectorate_unicode_text()
    job = jobs.start_import(directive=directive, by=people["collector"], name="बैठक.txt", data=data)
    assert (job.state, job.created_count, job.error_count) == ("done", 2, 0), (job.message, job.errors)
    meetings = {m.venue: m for m in OutreachMeeting.objects.all()}
    assert (meetings["कलेक्ट्रेट सभागार"].kind, meetings["कलेक्ट्रेट सभागार"].attendees) == ("bank", 45)
    assert (meetings["व्यापार भवन"].kind, meetings["व्यापार भवन"].attendees) == ("traders", 60)
    assert "UTF-16" in job.message and "tabs" in job.message and "the header is row 2" in job.message


@pytest.mark.django_db
def test_a_semicolon_csv_in_windows_1252_is_read(people):
    data = (
        "District;City;Site / intersection;Language;Installed on\nJaipur;Jaipur;Caf\xe9 Chowk;hi;05/10/2026\n"
    ).encode("cp1252")
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert job.state == "done" and Hoarding.objects.get().site == "Café Chowk"
    assert "Windows-1252" in job.message and "semicolons" in job.message


@pytest.mark.django_db
def test_a_header_that_names_too_little_says_which_row_it_read(people):
    data = b"Office of the DPRO\nDistrict,City,Colour\nJaipur,Jaipur,red\n"
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert job.state == "refused"
    assert "Missing column(s): Site / intersection / स्थान / चौराहा" in job.message
    assert "Row 2 was read as the header" in job.message


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("05/10/2026", "2026-10-05"),
        ("5-10-26", "2026-10-05"),
        ("05.10.2026", "2026-10-05"),
        ("5 अक्टूबर 2026", "2026-10-05"),
        ("12-Oct-26", "2026-10-12"),
        ("०५/१०/२०२६", "2026-10-05"),
        ("5 October 2026", "2026-10-05"),
    ],
)
def test_dates_as_clerks_type_them_are_read_day_first(typed, date):
    from sajag.activities import validators

    assert str(validators.date(typed)) == date


@pytest.mark.parametrize(("typed", "number"), [("45 लोग", 45), ("approx 60", 60), ("1,23,456", 123456), ("३०००", 3000)])
def test_counts_as_clerks_write_them(typed, number):
    assert importing._number(typed) == number


@pytest.mark.parametrize(
    ("row", "kind"),
    [(["", "कुल", "", 123], "total"), (["Total:", 55], "total"), (["", "हस्ताक्षर"], "signature"), (["Jaipur"], None)],
)
def test_total_and_signature_rows_are_recognised(row, kind):
    assert importing.row_kind(row) == kind


# ---- places: one gazetteer ---------------------------------------------------------------------


@pytest.fixture
def index(db):
    from sajag.geo.models import District

    return importing.DistrictIndex(list(District.objects.all()))


@pytest.mark.parametrize(
    ("written", "district"),
    [("Bari", "dhaulpur"), ("Kaman", "deeg"), ("Sanganer", "jaipur"), ("Chomu", "jaipur"), ("JHUNJHUNU", "jhunjhunun")],
)
def test_a_tehsil_or_town_is_read_as_its_district_and_noted(index, written, district):
    assert index.find(written).code == district
    if written.casefold() not in ("jhunjhunu",):
        assert any(w == written for w, _d in index.read_as)


def test_a_spelling_of_places_in_two_districts_is_asked_not_guessed(index):
    with pytest.raises(ValueError) as asked:
        index.find("Shahpura")
    assert "more than one district" in str(asked.value) and "Bhilwara" in str(asked.value)


@pytest.mark.django_db
def test_did_you_mean_only_for_a_close_spelling_within_the_officers_districts():
    from sajag.geo.models import District

    jaipur = District.objects.get(code="jaipur")
    scoped = importing.DistrictIndex(list(District.objects.all()), scope={jaipur.pk})
    with pytest.raises(ValueError) as near:
        scoped.find("Jaipr")
    assert "Did you mean Jaipur?" in str(near.value)
    with pytest.raises(ValueError) as far:
        scoped.find("Barmr")  # close to Barmer, which this officer does not report for
    assert "Did you mean" not in str(far.value)
    with pytest.raises(ValueError) as loose:
        importing.DistrictIndex(list(District.objects.all())).find("Bareilly")  # not Barmer, not Baran
    assert "Did you mean" not in str(loose.value)


@pytest.mark.django_db
def test_a_workbook_that_names_tehsils_is_stored_under_their_district_and_says_so(people):
    data = (
        b"District,City,Site / intersection,Installed on\n"
        b"Sanganer,Sanganer,Sanganer Circle,05/10/2026\n"
        b"Chomu,Chomu,Bus Stand,06/10/2026\n"
    )
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert job.state == "done" and job.created_count == 2, (job.message, job.errors)
    assert set(Hoarding.objects.values_list("district__code", flat=True)) == {"jaipur"}
    assert "Sanganer → Jaipur (1)" in job.message and "Chomu → Jaipur (1)" in job.message


@pytest.mark.django_db
def test_a_date_outside_the_campaign_is_asked_about_never_stored(people):
    data = (
        b"District,City,Site / intersection,Installed on\n"
        b"Jaipur,Jaipur,Ajmeri Gate,05/10/2026\n"
        b"Jaipur,Jaipur,Sindhi Camp,10/05/2026\n"  # 10 May, read day first
        b"Jaipur,Jaipur,Badi Chaupar,05/10/2025\n"  # last year
        b"Jaipur,Jaipur,Statue Circle,25/09/2026\n"  # a week before the start: hoardings go up early
    )
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert job.state == "refused" and not Hoarding.objects.exists()
    errors = {e["row"]: e["message"] for e in job.errors}
    assert sorted(errors) == [3, 4]
    assert "10 May 2026 is outside the campaign" in errors[3] and "day first" in errors[3]
    assert "05 Oct 2025 is outside the campaign" in errors[4]


@pytest.mark.django_db
def test_a_record_already_stored_with_other_figures_is_asked_about_not_skipped(people):
    directive = Directive.objects.get(number=1)
    header = b"District,City,Site / intersection,Installed on,Passers-by per day\n"
    first = jobs.start_import(
        directive=directive,
        by=people["dpro"],
        name="h.csv",
        data=header + b"Jaipur,Jaipur,Ajmeri Gate,05/10/2026,12000\n",
    )
    assert first.state == "done" and first.created_count == 1
    changed = jobs.start_import(
        directive=directive,
        by=people["dpro"],
        name="h.csv",
        data=header + b"Jaipur,Jaipur,Ajmeri Gate,05/10/2026,15000\n",
    )
    assert changed.state == "refused"
    assert (
        "already stored with Passers-by per day / प्रतिदिन राहगीर 12,000; this file says 15,000"
        in changed.errors[0]["message"]
    )
    assert Hoarding.objects.get().daily_passers_by == 12000
    same = jobs.start_import(
        directive=directive,
        by=people["dpro"],
        name="h.csv",
        data=header + b'Jaipur,Jaipur,Ajmeri Gate,5.10.2026,"12,000"\n',
    )
    assert (same.state, same.existing_count) == ("done", 1)


@pytest.mark.django_db
def test_a_discom_sheet_by_sub_division_is_added_up_per_district(people):
    from sajag.activities.models import BillRun

    data = (
        "बिलिंग माह: अक्टूबर 2026\n"
        "District,Utility,Billing month,Bills printed with 1930\n"
        'Sanganer,JVVNL,2026-10,"1,23,456"\n'
        "Chomu,JVVNL,2026-10,10000\n"
        "Kota,JVVNL,2026-10,5000\n"
    ).encode()
    job = jobs.start_import(
        directive=Directive.objects.get(number=3), by=people["energy_nodal"], name="b.csv", data=data
    )
    assert job.state == "done" and job.created_count == 2, (job.message, job.errors)
    assert {(b.district.code, b.bills_printed) for b in BillRun.objects.all()} == {("jaipur", 133456), ("kota", 5000)}
    assert "1 district record(s) added up from their sub-divisions' rows" in job.message


@pytest.mark.django_db
def test_the_same_district_twice_is_still_a_duplicate(people):
    data = (
        b"District,Utility,Billing month,Bills printed with 1930\nJaipur,JVVNL,2026-10,100\nJaipur,JVVNL,2026-10,100\n"
    )
    job = jobs.start_import(
        directive=Directive.objects.get(number=3), by=people["energy_nodal"], name="b.csv", data=data
    )
    assert job.state == "refused" and "the same record as row 2" in job.errors[0]["message"]


# ---- from the review: nothing wrong may be stored silently -------------------------------------

BILLS = "District,Utility,Billing month,Bills printed with 1930\n"


def bills(user, text: str):
    return jobs.start_import(directive=Directive.objects.get(number=3), by=user, name="b.csv", data=text.encode())


@pytest.mark.django_db
def test_a_districts_own_row_beside_its_sub_divisions_is_asked_not_added(people):
    job = bills(
        people["energy_nodal"],
        BILLS + "Sanganer,JVVNL,2026-10,1000\nChomu,JVVNL,2026-10,500\nJaipur,JVVNL,2026-10,1500\n",
    )
    assert job.state == "refused" and "keep one or the other" in job.errors[0]["message"]


@pytest.mark.django_db
def test_the_same_sub_division_file_again_adds_nothing(people):
    text = BILLS + "Sanganer,JVVNL,2026-10,1000\nChomu,JVVNL,2026-10,500\n"
    assert bills(people["energy_nodal"], text).created_count == 1
    again = bills(people["energy_nodal"], text)
    assert (again.state, again.created_count, again.existing_count) == ("done", 0, 1), (again.message, again.errors)
    changed = bills(people["energy_nodal"], BILLS + "Sanganer,JVVNL,2026-10,1000\nChomu,JVVNL,2026-10,700\n")
    assert changed.state == "refused" and "1,500; this file says 1,700" in changed.errors[0]["message"]


@pytest.mark.django_db
def test_a_billing_month_outside_the_campaign_is_asked(people):
    job = bills(people["energy_nodal"], BILLS + "Jaipur,JVVNL,10/2025,1000\n")
    assert job.state == "refused" and "outside the campaign" in job.errors[0]["message"]


@pytest.mark.django_db
def test_a_remark_or_a_name_that_looks_like_a_signature_loses_no_row(people):
    data = (
        "District,Kind,Held on,Venue,Attendees,Remarks\n"
        "Jaipur,bank,2026-10-08,Mohar Singh Bhawan,45,\n"
        "Jaipur,bank,2026-10-09,,,हस्ताक्षर शेष\n"  # incomplete, remark about a signature: an error
        "Jaipur,traders,2026-10-10,Vyapar Bhawan,80,\n"
    ).encode()
    job = jobs.start_import(directive=Directive.objects.get(number=5), by=people["collector"], name="m.csv", data=data)
    assert job.state == "refused" and [e["row"] for e in job.errors] == [3]  # asked, and nothing after it dropped
    assert "signature" not in job.message


@pytest.mark.parametrize(
    ("header", "named"),
    [
        (["District", "City", "Site", "Date of survey", "Installed on"], "installed_on"),  # not the survey's date
        (["District", "Distance from road", "City", "Site", "Installed on"], "district"),
    ],
)
def test_a_header_is_never_taken_by_a_prefix(header, named):
    mapped, skipped, _missing = importing._header_map(importing.SCHEMAS["hoardings"], header)
    columns = [c.key if c else None for c in mapped]
    assert columns.count(named) == 1
    assert ("Date of survey" in skipped) or ("Distance from road" in skipped)


def test_two_cells_of_one_meaning_are_refused_by_name():
    with pytest.raises(importing.ImportRefused) as refused:
        importing._header_map(
            importing.SCHEMAS["hoardings"], ["District", "City", "Site", "Installed on", "लगाने की तिथि"]
        )
    assert "“Installed on” and “लगाने की तिथि”" in str(refused.value)


def test_bills_printed_beside_bills_with_1930_is_asked_never_guessed():
    header = ["District", "Utility", "Billing month", "Bills printed", "Bills printed with 1930"]
    with pytest.raises(importing.ImportRefused) as refused:
        importing._header_map(importing.SCHEMAS["utility_bills"], header)
    assert "“Bills printed” and “Bills printed with 1930”" in str(refused.value)
    mapped, _skipped, _missing = importing._header_map(
        importing.SCHEMAS["utility_bills"], ["District", "Utility", "Billing month", "मुद्रित बिल"]
    )
    assert mapped[3] is None  # "printed bills" alone is not "printed with 1930"


def test_utf8_hindi_with_one_stray_byte_is_refused_not_garbled():
    data = "District,City\nजयपुर,बड़ी चौपड़\n".encode() + b"Jaipur,\x92x\n"
    with pytest.raises(importing.ImportRefused) as refused:
        importing.decode_text(data)
    assert "Line 3" in str(refused.value)


def test_a_comma_file_with_semicolons_inside_quotes_stays_a_comma_file():
    text = 'District,Kind,Organisations present\nJaipur,bank,"SBI; PNB; Vyapar Mandal; LIC"\nJaipur,bank,"SBI; PNB"\n'
    assert importing.delimiter_of(text) == ","


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("अक्टूबर 2026", (2026, 10)),
        ("अक्तूबर २०२६", (2026, 10)),
        ("Oct-26", (2026, 10)),
        ("October-2026", (2026, 10)),
        ("oct 2026", (2026, 10)),
        ("10/2026", (2026, 10)),
    ],
)
def test_a_billing_month_as_offices_write_it(written, month):
    from sajag.activities import validators

    assert validators.month(written) == dt.date(*month, 1)


def test_a_month_that_is_not_one_names_what_was_written():
    from sajag.activities import validators

    with pytest.raises(ValueError, match="'Octobre 2026' is not a month"):
        validators.month("Octobre 2026")


@pytest.mark.django_db
def test_a_discom_that_does_not_serve_the_district_is_refused_naming_the_one_that_does(people):
    from sajag.activities.models import BillRun

    job = bills(people["energy_nodal"], BILLS + "Barmer,JVVNL,2026-10,1000\nJaipur,JVVNL,2026-10,500\n")
    assert job.state == "refused" and not BillRun.objects.exists()
    (error,) = job.errors
    assert error["row"] == 2 and "JVVNL does not serve Barmer (its discom: JdVVNL)" in error["message"]
    assert bills(people["energy_nodal"], BILLS + "Barmer,jdvvnl,2026-10,1000\n").state == "done"


@pytest.mark.django_db
def test_a_changed_figure_is_updated_only_when_the_officer_asks(people):
    directive = Directive.objects.get(number=1)
    header = b"District,City,Site / intersection,Installed on,Passers-by per day\n"
    jobs.start_import(
        directive=directive,
        by=people["dpro"],
        name="h.csv",
        data=header + b"Jaipur,Jaipur,Ajmeri Gate,05/10/2026,12000\n",
    )
    data = header + b"Jaipur,Jaipur,Ajmeri Gate,05/10/2026,approx 15000\nJaipur,Jaipur,MI Road,06/10/2026,9000\n"
    changed = jobs.start_import(directive=directive, by=people["dpro"], name="h.csv", data=data)
    assert {"fix": "update_figures", "rows": 1} in changed.offers
    assert "let Sajag update it" in changed.errors[0]["message"] and Hoarding.objects.count() == 1
    updated = jobs.import_again(changed, by=people["dpro"], fix="update_figures")
    assert (updated.state, updated.created_count) == ("done", 1), updated.errors
    assert "1 stored records given this file's figure" in updated.message
    ajmeri = Hoarding.objects.get(site="Ajmeri Gate")
    assert (ajmeri.daily_passers_by, ajmeri.approximate) == (15000, True)
    again = jobs.start_import(directive=directive, by=people["dpro"], name="h.csv", data=data)
    assert (again.state, again.existing_count, again.created_count) == ("done", 2, 0)
