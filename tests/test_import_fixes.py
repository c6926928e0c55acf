"""District spreadsheets as they really come, part two (issue 16): the fixes Sajag offers and makes
only when asked — coordinates in degrees, minutes and seconds or the other way round, meetings of
a kind that belongs to another directive, text typed in Kruti Dev, the good rows now and the
others to fix — and the error report that uploads again unchanged. The files are written here the
way offices make them (a DPRO's register under title rows, a Collectorate's "Unicode Text", a
workbook typed in Kruti Dev 010), not from Sajag's template."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from sajag.activities import importing, jobs, legacy
from sajag.activities import validators as v
from sajag.activities.models import Hoarding, OutreachMeeting
from sajag.campaigns.models import Directive


def clerk(district: str):
    """A district's field staff of no one department (a Collectorate clerk): adds records to every
    assignment of the district, the Collector and SP's and the departments' alike."""
    from sajag.accounts.models import Posting, Role, User
    from sajag.geo.models import District

    user = User.objects.create(username=f"t.clerk.{district}")
    Posting.objects.create(user=user, role=Role.FIELD_STAFF, district=District.objects.get(code=district))
    return user


def save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def titled(sheet, header: list, width: int) -> None:
    """Three merged title rows above the header, as a DPRO's register has them."""
    sheet.append(["कार्यालय जिला सूचना एवं जनसंपर्क अधिकारी, जयपुर"])
    sheet.append(["विषय: साइबर हेल्पलाइन 1930 होर्डिंग का विवरण"])
    sheet.append(["दिनांक: 20.10.2026"])
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.append(header)


HEADER = ["क्र.सं.", "जिला", "शहर/कस्बा", "स्थान/चौराहा", "अक्षांश", "देशांतर", "लगाने की तिथि", "टिप्पणी"]


def coordinates_workbook() -> bytes:
    """Coordinates as a DPRO's staff type them: decimal, degrees-minutes-seconds, Devanagari
    digits, and one pair the other way round (longitude first)."""
    book = Workbook()
    sheet = book.active
    titled(sheet, HEADER, len(HEADER))
    sheet.append([1, "Jaipur", "जयपुर", "अजमेरी गेट", 26.9157, 75.8163, dt.datetime(2026, 10, 5), ""])
    sheet.append([2, "Jaipur", "जयपुर", "बड़ी चौपड़", "26°55'28\"N", "75°49'37\"E", "05/10/2026", "GPS से"])
    sheet.append([3, "JAIPUR", "जयपुर", "त्रिपोलिया", "२६.९२४", "७५.८२३", "6-10-26", ""])
    sheet.append([4, "जयपुर", "सांगानेर", "सांगानेर चौराहा", "75.7873", "26.8205", "07.10.2026", "उल्टा"])
    return save(book)


@pytest.mark.django_db
def test_degrees_minutes_seconds_are_read_and_a_swapped_pair_is_offered_not_made(people):
    directive = Directive.objects.get(number=1)
    job = jobs.start_import(directive=directive, by=people["dpro"], name="होर्डिंग.xlsx", data=coordinates_workbook())
    assert job.state == "refused" and Hoarding.objects.count() == 0
    assert [e["row"] for e in job.errors] == [8]  # the swapped pair only: DMS and Devanagari digits read
    assert "swapped" in job.errors[0]["message"]
    assert {"fix": "swap_coordinates", "rows": 1} in job.offers
    assert {"fix": "good_rows_now", "rows": 3, "bad": 1} in job.offers

    fixed = jobs.import_again(job, by=people["dpro"], fix="swap_coordinates")
    assert (fixed.state, fixed.created_count) == ("done", 4), (fixed.message, fixed.errors)
    assert fixed.options == {"swap_coordinates": True}
    sites = {h.site: h for h in Hoarding.objects.all()}
    chowpar = sites["बड़ी चौपड़"]
    assert (float(chowpar.latitude), float(chowpar.longitude)) == pytest.approx((26.924444, 75.826944), abs=1e-6)
    assert float(sites["त्रिपोलिया"].latitude) == pytest.approx(26.924)
    assert (float(sites["सांगानेर चौराहा"].latitude), float(sites["सांगानेर चौराहा"].longitude)) == (26.8205, 75.7873)


def test_degrees_are_read_as_typed_and_nonsense_is_refused():
    assert float(v.degrees("27°58'12\"N")) == pytest.approx(27.97)
    assert float(v.degrees("27° 58′ 12.5″ N")) == pytest.approx(27.970139, abs=1e-6)
    assert float(v.degrees("27 58 12 N")) == pytest.approx(27.97)
    assert float(v.degrees("75°7.5'E")) == pytest.approx(75.125)
    assert float(v.degrees("२७.९७")) == pytest.approx(27.97)
    for typed in ("27°61'N", "north", "27°58'12\"N 75°"):
        with pytest.raises(ValueError):
            v.degrees(typed)
    with pytest.raises(v.SwappedCoordinates):
        v.coordinates("75.1", "27.9")
    assert v.coordinates("75.1", "27.9", swap=True) == (v.Decimal("27.900000"), v.Decimal("75.100000"))
    with pytest.raises(ValueError, match="not in Rajasthan"):
        v.coordinates("10", "10", swap=True)  # nothing to swap into Rajasthan


def test_an_excel_date_that_arrived_as_its_serial_number_is_read():
    assert v.date("46300") == dt.date(2026, 10, 5) == v.date(46300) == v.date(46300.0)
    assert v.date("2026-10-05 00:00:00") == dt.date(2026, 10, 5)  # a date written back with its midnight
    with pytest.raises(ValueError):
        v.date("12345")  # 1933: not a serial Sajag reads


def collectorate_meetings() -> bytes:
    """A Collectorate's list of the Collector and SP's meetings, saved as "Unicode Text" (UTF-16,
    tabs): the teachers' union meetings the clerk put in with the bank and trader ones, topics
    written several to a cell with two the office made up."""
    lines = [
        "बैठकों का विवरण - जिला कलक्टर कार्यालय जयपुर",
        "\t".join(["क्रम संख्या", "जिला", "बैठक का प्रकार", "दिनांक", "बैठक स्थल", "उपस्थिति", "विषय"]),
        "\t".join(["1", "जयपुर", "बैंक प्रतिनिधि", "08/10/2026", "कलेक्ट्रेट सभागार", "45 लोग", "ओटीपी, लिंक"]),
        "\t".join(["2", "जयपुर", "शिक्षक संघ बैठक", "09.10.2026", "रा.उ.मा.वि. बापू नगर", "approx 60", "ओटीपी"]),
        "\t".join(["3", "जयपुर", "शिक्षक संघ बैठक", "10.10.2026", "शिक्षा भवन", "80", "लिंक; भुगतान"]),
        "\t".join(["4", "जयपुर", "व्यापार मंडल", "11.10.2026", "व्यापार भवन", "लगभग 120", "केवाईसी, लॉटरी, ओटीपी"]),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


@pytest.mark.django_db
def test_teachers_union_meetings_are_never_filed_under_the_collectors_directive(people):
    officer = clerk("jaipur")
    job = jobs.start_import(
        directive=Directive.objects.get(number=5), by=officer, name="बैठक.txt", data=collectorate_meetings()
    )
    assert job.state == "refused" and OutreachMeeting.objects.count() == 0
    errors = {e["row"]: e["message"] for e in job.errors}
    assert "belongs to directive 4" in errors[4] and "belongs to directive 4" in errors[5]
    # Every unknown topic of the cell at once, not the first only.
    assert "“केवाईसी”, “लॉटरी”: not a safety topic" in errors[6]
    assert {"fix": "route_kinds", "rows": 2, "directive": 4} in job.offers

    routed = jobs.import_again(job, by=officer, fix="route_kinds")
    assert routed.state == "refused" and list(routed.errors) == [{"row": 6, "message": errors[6]}]
    good = jobs.import_again(routed, by=officer, fix="good_rows_now")
    assert (good.state, good.created_count, good.error_count) == ("done", 3, 1), good.message
    filed = {
        m.venue: (m.assignment.directive.number, m.attendees, m.approximate) for m in OutreachMeeting.objects.all()
    }
    assert filed == {
        "कलेक्ट्रेट सभागार": (5, 45, False),  # "45 लोग"
        "रा.उ.मा.वि. बापू नगर": (4, 60, True),  # "approx 60": stored with "approximate" noted
        "शिक्षा भवन": (4, 80, False),
    }


@pytest.mark.django_db
def test_a_collector_who_does_not_report_directive_4_is_told_who_does(people):
    job = jobs.start_import(
        directive=Directive.objects.get(number=5), by=people["collector"], name="b.txt", data=collectorate_meetings()
    )
    message = {e["row"]: e["message"] for e in job.errors}[4]
    assert "belongs to directive 4" in message and "send them this row" in message
    assert not any(o["fix"] == "route_kinds" for o in job.offers)


@pytest.mark.django_db
def test_allowed_values_are_named_in_the_clerks_language(people):
    data = "जिला,शहर,स्थान,भाषा,लगाने की तिथि\nJaipur,Jaipur,MI Road,Hinglish,05/10/2026\n".encode()
    with translation.override("hi"):
        job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert "हिन्दी, अंग्रेज़ी, दोनों" in job.errors[0]["message"], job.errors
    assert "both" not in job.errors[0]["message"]
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert "hindi, english, both" in job.errors[0]["message"]


# ---- Kruti Dev -----------------------------------------------------------------------------------

# Words as a clerk types them in Kruti Dev 010 (what the keys give), and what they read as.
KRUTI = {
    "LFkku@pkSjkgk": "स्थान/चौराहा",
    "'kgj@dLck": "शहर/कस्बा",
    "yxkus dh frfFk": "लगाने की तिथि",
    "izfrfnu jkgxhj ¼vuqekfur½": "प्रतिदिन राहगीर (अनुमानित)",
    "ftyk": "जिला",
    ">qa>quwa": "झुंझुनूं",
    "t;iqj": "जयपुर",
    "cM+h pkSiM+": "बड़ी चौपड़",
    "fpÙkkSM+x<+": "चित्तौड़गढ़",
    "lokbZ ek/kksiqj": "सवाई माधोपुर",
    "f'k{kd la?k cSBd": "शिक्षक संघ बैठक",
    "dysDVªsV lHkkxkj": "कलेक्ट्रेट सभागार",
    "O;kikj eaMy": "व्यापार मंडल",
    "45 yksx": "45 लोग",
}


def test_kruti_dev_words_read_as_the_hindi_they_show():
    for typed, hindi in KRUTI.items():
        assert legacy.to_unicode(typed, "krutidev_010") == hindi, typed
    assert legacy.font_of("Kruti Dev 010") == "krutidev_010" and legacy.font_of("DevLys 010") == "devlys_010"
    assert legacy.font_of("Walkman-Chanakya905") == "walkman_chanakya_905" and legacy.font_of("Mangal") is None
    for not_text in ("12000", "05/10/2026", "https://x.com/a/status/1", "जयपुर", "", None, 26.9):
        assert not legacy.convertible(not_text)


def kruti_workbook() -> bytes:
    """The DPRO's register typed in Kruti Dev 010: the cells hold ASCII in that font, title
    rows and header included; numbers and dates as Excel keeps them."""
    book = Workbook()
    sheet = book.active
    kruti = Font(name="Kruti Dev 010", size=14)
    sheet.append(["dk;kZy; ftyk lwpuk ,oa tulaidZ vf/kdkjh] t;iqj"])
    sheet.append(["Ø-la-", "ftyk", "'kgj@dLck", "LFkku@pkSjkgk", "yxkus dh frfFk", "izfrfnu jkgxhj ¼vuqekfur½"])
    sheet.append([1, "t;iqj", "t;iqj", "vtesjh xsV", dt.datetime(2026, 10, 5), 12000])
    sheet.append([2, "t;iqj", "t;iqj", "cM+h pkSiM+", dt.datetime(2026, 10, 6), "8,000"])
    sheet.append([3, "t;iqj", "lkaxkusj", "lkaxkusj pkSjkgk", "07.10.2026", "yxHkx 5000"])
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = kruti
    return save(book)


@pytest.mark.django_db
def test_a_workbook_typed_in_kruti_dev_is_shown_converted_and_stored_only_when_confirmed(people):
    directive = Directive.objects.get(number=1)
    job = jobs.start_import(directive=directive, by=people["dpro"], name="होर्डिंग.xlsx", data=kruti_workbook())
    assert job.state == "refused" and Hoarding.objects.count() == 0  # nothing before the officer has looked
    assert "Kruti Dev 010" in job.message
    assert job.offers[0] == {"fix": "legacy_font", "font": "krutidev_010", "name": "Kruti Dev 010"}
    assert ["cM+h pkSiM+", "बड़ी चौपड़"] in job.converted and ["vtesjh xsV", "अजमेरी गेट"] in job.converted
    assert ["LFkku@pkSjkgk", "स्थान/चौराहा"] in job.converted  # the header as read, too

    confirmed = jobs.import_again(job, by=people["dpro"], fix="legacy_font")
    assert (confirmed.state, confirmed.created_count) == ("done", 3), (confirmed.message, confirmed.errors)
    assert confirmed.options == {"legacy_font": "krutidev_010"}
    assert sorted(Hoarding.objects.values_list("site", flat=True)) == ["अजमेरी गेट", "बड़ी चौपड़", "सांगानेर चौराहा"]
    sanganer = Hoarding.objects.get(site="सांगानेर चौराहा")
    assert (sanganer.daily_passers_by, sanganer.approximate) == (5000, True)  # "yxHkx 5000": लगभग 5000
    assert not Hoarding.objects.get(site="बड़ी चौपड़").approximate  # "8,000"
    assert {h.city for h in Hoarding.objects.all()} == {"जयपुर", "सांगानेर"}
    assert not any(">" in h.site or "@" in h.site for h in Hoarding.objects.all())


@pytest.mark.django_db
def test_kruti_dev_under_sajags_own_header_is_found_by_its_districts(people):
    """A CSV has no font names: the template's header in Unicode over records typed in Kruti Dev
    is found by a district that reads as one only once converted."""
    data = (
        "District / जिला,City / शहर,Site / intersection / स्थान / चौराहा,Installed on / लगाने की तिथि\n"
        ">qa>quwa,>qa>quwa,cl LVSaM,05/10/2026\n"
    ).encode()
    officer = clerk("jhunjhunun")
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=officer, name="h.csv", data=data)
    assert job.state == "refused" and job.offers[0]["fix"] == "legacy_font", (job.message, job.errors)
    assert [">qa>quwa", "झुंझुनूं"] in job.converted
    done = jobs.import_again(job, by=officer, fix="legacy_font")
    assert done.state == "done", done.errors
    hoarding = Hoarding.objects.get()
    assert (hoarding.district.code, hoarding.city, hoarding.site) == ("jhunjhunun", "झुंझुनूं", "बस स्टैंड")


@pytest.mark.django_db
def test_a_unicode_file_is_never_taken_for_a_legacy_font(people):
    data = "जिला,शहर,स्थान,लगाने की तिथि\nJaipur,Jaipur,MI Road,05/10/2026\nजयपुर,जयपुर,अजमेरी गेट,05/10/2026\n"
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data.encode()
    )
    assert (job.state, job.offers, job.converted) == ("done", [], [])
    assert Hoarding.objects.filter(site="MI Road").exists()


# ---- near-duplicates ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_hoarding_or_meeting_written_twice_another_way_is_asked_about(people):
    hoardings = (
        "जिला,शहर,स्थान,अक्षांश,देशांतर,लगाने की तिथि\n"
        "Jaipur,Jaipur,Ajmeri Gate,26.91570,75.81630,05/10/2026\n"
        "Jaipur,Jaipur,Ajmeri Gate Circle,26.91570,75.81630,06/10/2026\n"  # one GPS reading typed twice
        "Jaipur,Jaipur,Ajmeri  gate,26.91573,75.81628,07/10/2026\n"  # the same site, its date typed again
        "Jaipur,Jaipur,New Gate,26.91581,75.81640,05/10/2026\n"  # another hoarding 15 m away: a record
    )
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=hoardings.encode()
    )
    errors = {e["row"]: e["message"] for e in job.errors}
    assert job.state == "refused" and sorted(errors) == [3, 4], errors
    assert "at the same point as row 2 (“Ajmeri Gate”)" in errors[3] and "at the same point as row 2" in errors[4]
    assert {"fix": "not_duplicates", "rows": 2} in job.offers
    # The officer knows better (a hoarding put up again, two faces of one structure): on their word.
    different = jobs.import_again(job, by=people["dpro"], fix="not_duplicates")
    assert (different.state, different.created_count) == ("done", 4), different.errors
    Hoarding.objects.all().delete()

    meetings = (
        "जिला,प्रकार,दिनांक,स्थान,उपस्थित लोग\nजयपुर,बैंक,08/10/2026,कलेक्ट्रेट सभागार,45\nजयपुर,बैंक,08/10/2026,कलेक्ट्रेट  सभा-गार,45\n"
    )
    directive = Directive.objects.get(number=5)
    job = jobs.start_import(directive=directive, by=people["collector"], name="m.csv", data=meetings.encode())
    assert job.state == "refused" and "the same meeting as row 2" in job.errors[0]["message"]
    # Against what is stored: the first row stored, the second spelling asked about.
    jobs.start_import(directive=directive, by=people["collector"], name="m.csv", data=meetings.encode()[:-40])
    first = "जिला,प्रकार,दिनांक,स्थान,उपस्थित लोग\nजयपुर,बैंक,08/10/2026,कलेक्ट्रेट सभागार,45\n"
    stored = jobs.start_import(directive=directive, by=people["collector"], name="m.csv", data=first.encode())
    assert OutreachMeeting.objects.count() == 1, stored.message
    second = "जिला,प्रकार,दिनांक,स्थान,उपस्थित लोग\nजयपुर,बैंक,08/10/2026,कलेक्ट्रेट  सभा-गार,45\n"
    job = jobs.start_import(directive=directive, by=people["collector"], name="m.csv", data=second.encode())
    assert "the same meeting as one already stored" in job.errors[0]["message"]


# ---- one round to fix ---------------------------------------------------------------------------


def register_with_mistakes() -> bytes:
    book = Workbook()
    sheet = book.active
    titled(sheet, ["क्र.सं.", "जिला", "शहर/कस्बा", "स्थान/चौराहा", "लगाने की तिथि", "प्रतिदिन राहगीर"], 6)
    sheet.append([1, "Jaipur", "जयपुर", "अजमेरी गेट", dt.datetime(2026, 10, 5), 12000])
    sheet.append([2, "Jaipr", "जयपुर", "बड़ी चौपड़", dt.datetime(2026, 10, 6), 8000])
    sheet.append([3, "Jaipur", "जयपुर", "त्रिपोलिया", dt.datetime(2026, 5, 10), 3000])
    sheet.append([4, "Jaipur", "जयपुर", "गोविंद देव जी", "7 अक्टूबर 2026", "लगभग 4000"])
    return save(book)


def corrected(report: bytes) -> bytes:
    """The clerk opens the error report, fixes the two cells named, and saves it as it is."""
    book = load_workbook(io.BytesIO(report))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    district, date = header.index("जिला") + 1, header.index("लगाने की तिथि") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[district - 1].value == "Jaipr":
            row[district - 1].value = "Jaipur"
        if isinstance(row[date - 1].value, dt.datetime) and row[date - 1].value.month == 5:
            row[date - 1].value = dt.datetime(2026, 10, 5)
    return save(book)


@pytest.mark.django_db
def test_the_error_report_uploads_again_unchanged_once_corrected(people):
    directive = Directive.objects.get(number=1)
    job = jobs.start_import(directive=directive, by=people["dpro"], name="h.xlsx", data=register_with_mistakes())
    assert job.state == "refused" and [e["row"] for e in job.errors] == [6, 7]
    with job.error_report.open("rb") as fh:
        report = fh.read()
    sheet = load_workbook(io.BytesIO(report)).active
    assert [c.value for c in sheet[1]][:3] == ["row / पंक्ति", "error / त्रुटि", "क्र.सं."]
    assert isinstance(sheet.cell(2, 7).value, dt.datetime)  # dates stay dates, not text
    again = jobs.start_import(directive=directive, by=people["dpro"], name="errors.xlsx", data=corrected(report))
    assert (again.state, again.created_count) == ("done", 4), (again.message, again.errors)
    assert "row / पंक्ति" in again.message  # its own columns read past, with a word
    once = jobs.start_import(directive=directive, by=people["dpro"], name="errors.xlsx", data=corrected(report))
    assert (once.created_count, once.existing_count) == (0, 4) and Hoarding.objects.count() == 4


@pytest.mark.django_db
def test_the_good_rows_now_and_the_others_as_a_file_to_fix(people):
    directive = Directive.objects.get(number=1)
    job = jobs.start_import(
        directive=directive,
        by=people["dpro"],
        name="h.xlsx",
        data=register_with_mistakes(),
        options={"good_rows_now": True},
    )
    assert (job.state, job.created_count, job.error_count) == ("done", 2, 2), job.message
    assert sorted(Hoarding.objects.values_list("site", flat=True)) == ["अजमेरी गेट", "गोविंद देव जी"]
    with job.error_report.open("rb") as fh:
        report = fh.read()
    rows = list(load_workbook(io.BytesIO(report)).active.values)
    assert [r[0] for r in rows[1:]] == [6, 7]  # the rows still to fix, only
    fixed = jobs.start_import(directive=directive, by=people["dpro"], name="fix.xlsx", data=corrected(report))
    assert (fixed.state, fixed.created_count, fixed.existing_count) == ("done", 2, 0), fixed.errors
    assert Hoarding.objects.count() == 4


@pytest.mark.django_db
def test_only_the_fixes_offered_can_be_asked_for(people, client):
    directive = Directive.objects.get(number=1)
    job = jobs.start_import(directive=directive, by=people["dpro"], name="h.xlsx", data=register_with_mistakes())
    assert [o["fix"] for o in job.offers] == ["good_rows_now"]
    with pytest.raises(jobs.Refused):
        jobs.import_again(job, by=people["dpro"], fix="legacy_font")
    client.force_login(people["dpro"])
    response = client.post(f"/activities/import/{job.pk}/again/", {"fix": "swap_coordinates"})
    assert response.status_code == 302 and Hoarding.objects.count() == 0
    response = client.post(f"/activities/import/{job.pk}/again/", {"fix": "good_rows_now"})
    assert response.status_code == 302 and Hoarding.objects.count() == 2
    client.force_login(people["state"])  # sees the job, did not start it
    assert client.post(f"/activities/import/{job.pk}/again/", {"fix": "good_rows_now"}).status_code == 403


def test_the_report_columns_are_read_past():
    mapped, skipped, missing = importing._header_map(
        importing.SCHEMAS["hoardings"], ["row / पंक्ति", "error / त्रुटि", "जिला", "शहर", "स्थान", "लगाने की तिथि"]
    )
    assert missing == [] and skipped == ["row / पंक्ति", "error / त्रुटि"] and mapped[:2] == [None, None]


def two_row_header_workbook() -> bytes:
    """A header over two rows: "स्थान" merged over "शहर | चौराहा", "निर्देशांक" over "अक्षांश |
    देशांतर", and "लगाने की" over "तिथि" (a heading broken over two lines)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["होर्डिंग विवरण — जिला जयपुर"])
    sheet.append(["क्र.सं.", "जिला", "स्थान", "", "निर्देशांक", "", "लगाने की"])
    sheet.append(["", "", "शहर", "चौराहा", "अक्षांश", "देशांतर", "तिथि"])
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:F2")
    sheet.append([1, "जयपुर", "जयपुर", "अजमेरी गेट", 26.9157, 75.8163, dt.datetime(2026, 10, 5)])
    return save(book)


@pytest.mark.django_db
def test_a_header_over_two_rows_is_read_as_one(people):
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.xlsx", data=two_row_header_workbook()
    )
    assert (job.state, job.created_count) == ("done", 1), (job.message, job.errors)
    hoarding = Hoarding.objects.get()
    assert (hoarding.city, hoarding.site, float(hoarding.latitude)) == ("जयपुर", "अजमेरी गेट", 26.9157)
    assert "the header is row 3" in job.message


# ---- after a cold review and a new user's walk ---------------------------------------------------


@pytest.mark.django_db
def test_rows_of_spaces_are_blank_and_a_total_row_with_spaces_is_a_total(people):
    data = (
        "जिला,शहर,स्थान,लगाने की तिथि,प्रतिदिन राहगीर\nJaipur,Jaipur,MI Road,05/10/2026,100\n , , , , \nकुल, , , ,100\n"
    ).encode()
    job = jobs.start_import(directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=data)
    assert (job.state, job.created_count) == ("done", 1), job.errors
    assert "1 total row(s) skipped" in job.message


@pytest.mark.django_db
def test_a_complete_header_with_a_pair_under_a_merged_heading_reads_the_pair(people):
    book = Workbook()
    sheet = book.active
    sheet.append(["जिला", "शहर", "स्थान", "लगाने की तिथि", "निर्देशांक", ""])
    sheet.append(["", "", "", "", "अक्षांश", "देशांतर"])
    sheet.merge_cells("E1:F1")
    sheet.append(["जयपुर", "जयपुर", "अजमेरी गेट", dt.datetime(2026, 10, 5), 26.9157, 75.8163])
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.xlsx", data=save(book)
    )
    assert (job.state, job.created_count) == ("done", 1), (job.message, job.errors)
    assert float(Hoarding.objects.get().latitude) == 26.9157  # never stored without its coordinates


@pytest.mark.django_db
def test_a_workbook_that_only_declares_a_legacy_font_is_read_as_typed(people):
    book = Workbook()
    sheet = book.active
    sheet.append(["कार्यालय जिला सूचना एवं जनसंपर्क अधिकारी"])
    sheet["A1"].font = Font(name="Kruti Dev 010")  # the title's font; the records are in Arial
    sheet.append(["District", "City", "Site", "Installed on"])
    sheet.append(["Jaipur", "Jaipur", "MI Road", "05/10/2026"])
    sheet.append(["Jaipr", "Jaipur", "SBI Bank, PNB", "06/10/2026"])
    job = jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.xlsx", data=save(book)
    )
    assert not any(o["fix"] == "legacy_font" for o in job.offers) and job.converted == []
    assert "'Jaipr'" in job.errors[0]["message"]  # quoted as typed, never as a conversion


@pytest.mark.django_db
def test_a_kruti_dev_total_row_and_a_hindi_signature_are_not_records(people):
    data = (
        "ftyk,'kgj,LFkku,yxkus dh frfFk,izfrfnu jkgxhj\n"
        "t;iqj,t;iqj,vtesjh xsV,05/10/2026,100\n"
        "dqy,,,,100\n"
        ",,ह./-,,\n"
        ",,जिला जनसम्पर्क अधिकारी,,\n"
    ).encode()
    job = jobs.start_import(
        directive=Directive.objects.get(number=1),
        by=people["dpro"],
        name="h.csv",
        data=data,
        options={"legacy_font": "krutidev_010"},
    )
    assert (job.state, job.created_count) == ("done", 1), job.errors
    assert "1 total row(s) skipped" in job.message and "signature row(s) skipped" in job.message


@pytest.mark.django_db
def test_the_good_rows_now_never_store_part_of_a_district_given_by_sub_divisions(people):
    from sajag.activities.models import BillRun

    data = (
        "जिला,संस्था,बिलिंग माह,1930 सहित मुद्रित बिल\n"
        "Sanganer,JVVNL,2026-10,500\n"
        "Chomu,JVVNL,2026-10,5OO\n"  # an O for a 0
        "Ajmer,AVVNL,2026-10,700\n"
    ).encode()
    job = jobs.start_import(
        directive=Directive.objects.get(number=3),
        by=people["energy_nodal"],
        name="b.csv",
        data=data,
        options={"good_rows_now": True},
    )
    assert [e["row"] for e in job.errors] == [3]
    assert list(BillRun.objects.values_list("district__code", "bills_printed")) == [("ajmer", 700)]


@pytest.mark.django_db
def test_good_rows_now_with_no_good_row_is_refused(people):
    data = "जिला,शहर,स्थान,लगाने की तिथि\nJaipr,Jaipur,MI Road,05/10/2026\n".encode()
    job = jobs.start_import(
        directive=Directive.objects.get(number=1),
        by=people["dpro"],
        name="h.csv",
        data=data,
        options={"good_rows_now": True},
    )
    assert job.state == "refused" and Hoarding.objects.count() == 0


@pytest.mark.django_db
def test_topics_as_the_campaign_words_them_and_every_problem_of_a_row_at_once(people):
    officer = clerk("jaipur")
    data = (
        "जिला\tबैठक का प्रकार\tदिनांक\tबैठक स्थल\tउपस्थिति\tचर्चा के विषय\n"
        "जयपुर\tबैंक\t08/10/2026\tसभागार\tकरीबन 200\tएटीएम पिन, डिजिटल भुगतान; अनजान लिंक, निजी डेटा\n"
        "जयपुर\tशिक्षक संघ बैठक\t09/10/2026\tशिक्षा भवन\t80\tलॉटरी\n"
    ).encode("utf-16")
    job = jobs.start_import(directive=Directive.objects.get(number=5), by=officer, name="m.txt", data=data)
    errors = {e["row"]: e["message"] for e in job.errors}
    assert sorted(errors) == [3]  # the first row reads: its count and its four topics
    assert "“लॉटरी”" in errors[3] and "belongs to directive 4" in errors[3]  # both problems, one round
    good = jobs.import_again(job, by=officer, fix="good_rows_now")
    meeting = OutreachMeeting.objects.get()
    assert (meeting.attendees, meeting.approximate) == (200, True)
    assert set(meeting.topics) == {"atm_pin", "digital_payment", "unknown_links", "data_privacy"}, good.message


@pytest.mark.django_db
def test_a_meeting_stored_before_under_this_directive_is_already_present_not_misfiled(people):
    from sajag.activities.models import OutreachMeeting as Meeting
    from sajag.campaigns.models import Assignment

    officer = clerk("jaipur")
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    Meeting.objects.create(
        assignment=joint,
        district=joint.district,
        created_by=officer,
        kind="teachers_union",
        held_on=dt.date(2026, 10, 9),
        venue="शिक्षा भवन",
        attendees=80,
    )
    data = "जिला,प्रकार,दिनांक,स्थान,उपस्थित लोग\nजयपुर,शिक्षक संघ,09/10/2026,शिक्षा भवन,80\n".encode()
    job = jobs.start_import(directive=joint.directive, by=officer, name="m.csv", data=data)
    assert (job.state, job.existing_count) == ("done", 1), job.errors


def test_counts_and_coordinates_as_clerks_write_them():
    assert importing._number("करीबन 200") == 200 and isinstance(importing._number("करीबन 200"), importing.Approximate)
    assert v.whole_number("४५") == 45  # Devanagari digits, as the weekly outcomes are typed
    for nonsense in ("nan", "NaN", "inf"):
        with pytest.raises(ValueError):
            v.coordinates(nonsense, "75.8")
    assert legacy.convertible("jksM ua- ‰")  # रोड नं. ३ in Kruti Dev: ‰ is its ३
