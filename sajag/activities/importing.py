"""Spreadsheet import of channel records (CSV or XLSX), all or nothing.

Every row is checked; if any row is bad nothing is stored and the officer gets a report of
every bad row with its reason (and a spreadsheet of the rows with an error column). Importing
the same file again adds nothing: rows whose natural key is already stored are skipped.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import difflib
import functools
import gc
import io
import itertools
import json
import operator
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sajag.campaigns.models import Assignment, Channel, Directive
from sajag.geo.models import Department, District

from . import legacy
from . import validators as v
from .models import BillRun, Hoarding, OutreachMeeting, SocialPost, Source, Topic

MAX_ERRORS_SHOWN = 200

# Bounds on what a file may make the worker do, checked before and while it is read; the
# sheet's own <dimension> tag is never trusted (a 1.6 KB file can claim a million rows).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts of an .xlsx, uncompressed
MAX_RATIO = 100  # uncompressed : compressed, for any part over a megabyte
MAX_PARTS = 2000
MAX_WHOLE_PART_BYTES = 30 * 1024 * 1024  # the shared strings and styles, read whole by openpyxl
MAX_ROWS = 100_000  # records in one file (what the refusal says)
# Rows as they stand in the sheet, blank ones included: the records, their header and the title
# rows an office puts above it (HEADER_SCAN_ROWS).
MAX_SHEET_ROWS = MAX_ROWS + 16
MAX_COLUMNS = 200


class ImportRefused(ValueError):
    """The file as a whole cannot be read (format, header); nothing was stored."""


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    hi: str
    required: bool
    parse: Callable[[object], object]
    example: str = ""

    @property
    def header(self) -> str:
        return f"{self.en} / {self.hi}"


@dataclass(frozen=True)
class Schema:
    channel: str
    model: type
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]  # fields of the model, district included
    natural_figure: str = ""  # a figure that rows for parts of one district add up to (bills)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _text(limit: int) -> Callable[[object], str]:
    def parse(value) -> str:
        text = " ".join(str(value).split())
        if len(text) > limit:
            raise ValueError(_("longer than %(limit)s characters") % {"limit": limit})
        return text

    return parse


def _choice(choices: dict[str, str]) -> Callable[[object], str]:
    """Accepts the code, the English or the Hindi label, case-insensitively. A value it does not
    know is answered with the words it does, in the clerk's language ("दोनों", not "both")."""

    seen: dict[object, str] = {}  # the same few words on every row: folded once each

    def parse(value) -> str:
        if value in seen:
            return seen[value]
        key = _fold(value)
        if key in choices:
            if len(seen) < 1000:
                seen[value] = choices[key]
            return choices[key]
        raise ValueError(
            _("%(value)r is not one of: %(choices)s") % {"value": str(value).strip(), "choices": _words_for(choices)}
        )

    return parse


def _words_for(choices: dict[str, str]) -> str:
    """One word per allowed value, as a clerk would write it: the first Hindi spelling in a Hindi
    session, the first English one otherwise (the dictionaries list them in that order)."""
    hindi = (get_language() or "").startswith("hi")
    words: dict[str, str] = {}
    for word, code in choices.items():
        is_hindi = any("\u0900" <= ch <= "\u097f" for ch in word)
        if is_hindi == hindi and code not in words:
            words[code] = word
    return ", ".join(words.get(code, code) for code in dict.fromkeys(choices.values()))


def _fold(value) -> str:
    return unicodedata.normalize("NFC", " ".join(str(value).split())).casefold()


def _topics(value) -> list[str]:
    labels = {_fold(t.value): t.value for t in Topic} | {_fold(t.label): t.value for t in Topic}
    labels |= {
        "otp": "otp",
        "atm": "atm_pin",
        "pin": "atm_pin",
        "links": "unknown_links",
        "link": "unknown_links",
        "password": "password",
        "privacy": "data_privacy",
        "payment": "digital_payment",
        "ओटीपी": "otp",
        "एटीएम": "atm_pin",
        "लिंक": "unknown_links",
        "पासवर्ड": "password",
        "डेटा": "data_privacy",
        "डाटा": "data_privacy",
        "भुगतान": "digital_payment",
        # As the campaign's rules are worded, and as clerks shorten them
        "ओटीपी साझा न करें": "otp",
        "एटीएम पिन": "atm_pin",
        "पिन": "atm_pin",
        "अनजान लिंक": "unknown_links",
        "अज्ञात लिंक": "unknown_links",
        "निजी डेटा": "data_privacy",
        "व्यक्तिगत डेटा": "data_privacy",
        "डेटा सुरक्षा": "data_privacy",
        "डिजिटल भुगतान": "digital_payment",
        "ऑनलाइन भुगतान": "digital_payment",
        "सुरक्षित भुगतान": "digital_payment",
        "पासवर्ड गोपनीय": "password",
        "unknown links": "unknown_links",
        "atm pin": "atm_pin",
        "digital payment": "digital_payment",
        "personal data": "data_privacy",
    }
    found, unknown = [], []
    for part in re.split(r"[,;\n|/।]+", str(value)):
        key = _fold(part)
        if not key:
            continue
        if key not in labels:
            unknown.append(part.strip())
        elif labels[key] not in found:
            found.append(labels[key])
    if unknown:  # every unknown topic of the cell at once, not the first only
        hindi = (get_language() or "").startswith("hi")
        known = "ओटीपी, एटीएम, लिंक, पासवर्ड, डेटा, भुगतान" if hindi else "otp, atm, links, password, privacy, payment"
        raise ValueError(
            _("%(values)s: not a safety topic (%(known)s)")
            % {"values": ", ".join(f"“{u}”" for u in unknown), "known": known}
        )
    return found


def _datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    text = str(value).strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return timezone.make_aware(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return timezone.make_aware(dt.datetime.combine(v.date(text), dt.time(12, 0)))


# Words clerks write beside a count: "45 लोग", "approx 60", "लगभग 200 व्यक्ति". The first ones
# say the figure is an estimate, and it is stored as approximate.
ESTIMATE_WORDS = ("लगभग", "करीब", "अनुमानित", "approx.", "approx", "appx", "about", "around", "~", "≈", "करीबन")
COUNT_WORDS = tuple(
    sorted((*ESTIMATE_WORDS, "लोग", "व्यक्ति", "persons", "people", "nos.", "nos"), key=len, reverse=True)
)  # longest first: "करीबन" before "करीब"


class Approximate(int):
    """A count written as an estimate: an int that remembers it."""


def _number(value) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return v.whole_number(value)  # the common case: "12000"
    if isinstance(value, str):
        text = value.translate(v.DEVANAGARI_DIGITS).casefold()
        estimate = any(word in text for word in ESTIMATE_WORDS)
        for word in COUNT_WORDS:
            text = text.replace(word, " ")
        number = v.whole_number(" ".join(text.split()) or value)
        return Approximate(number) if estimate else number
    return v.whole_number(value)


LANGUAGES = {
    "hindi": "hi",
    "hi": "hi",
    "हिन्दी": "hi",
    "हिंदी": "hi",
    "english": "en",
    "en": "en",
    "अंग्रेज़ी": "en",
    "अंग्रेजी": "en",
    "both": "both",
    "दोनों": "both",
    "hi+en": "both",
    "bilingual": "both",
    "हिन्दी और अंग्रेज़ी": "both",
    "हिंदी व अंग्रेजी": "both",
    "द्विभाषी": "both",
}
PLATFORMS = {
    "instagram": "instagram",
    "facebook": "facebook",
    "fb": "facebook",
    "x": "x",
    "twitter": "x",
    "youtube": "youtube",
    "whatsapp": "whatsapp",
    "whatsapp channel": "whatsapp",
    "इंस्टाग्राम": "instagram",
    "फेसबुक": "facebook",
    "एक्स": "x",
    "यूट्यूब": "youtube",
    "व्हाट्सएप": "whatsapp",
}
ACCOUNTS = {
    "district": "district",
    "district handle": "district",
    "जिला": "district",
    "influencer": "influencer",
    "इंफ्लुएंसर": "influencer",
    "इन्फ्लुएंसर": "influencer",
}
MEETING_KINDS = {
    "teachers' union": "teachers_union",
    "teachers_union": "teachers_union",
    "teachers union": "teachers_union",
    "शिक्षक संघ": "teachers_union",
    "bank": "bank",
    "बैंक": "bank",
    "traders' association": "traders",
    "traders": "traders",
    "व्यापार मंडल": "traders",
    "व्यापारी संघ": "traders",
    "other": "other",
    "अन्य": "other",
    # As offices write them
    "शिक्षक संघ बैठक": "teachers_union",
    "शिक्षक संघ की बैठक": "teachers_union",
    "शिक्षक": "teachers_union",
    "बैंक प्रतिनिधि": "bank",
    "बैंक प्रतिनिधियों के साथ बैठक": "bank",
    "बैंकर्स": "bank",
    "bankers": "bank",
    "व्यापार मण्डल": "traders",
    "व्यापारी": "traders",
    "vyapar mandal": "traders",
}

DISTRICT = Column("district", "District", "जिला", True, str, "Jaipur")

SCHEMAS: dict[str, Schema] = {
    "hoardings": Schema(
        "hoardings",
        Hoarding,
        (
            DISTRICT,
            Column("city", "City", "शहर", True, _text(100), "Jaipur"),
            Column("site", "Site / intersection", "स्थान / चौराहा", True, _text(200), "MI Road – Ajmeri Gate"),
            Column("latitude", "Latitude", "अक्षांश", False, str, "26.9157"),
            Column("longitude", "Longitude", "देशांतर", False, str, "75.8163"),
            Column("size", "Size", "आकार", False, _text(40), "20x10 ft"),
            # Not required as a column: a register without one is Hindi (said so); a cell left
            # empty where the column is there is still asked for.
            Column("language", "Language", "भाषा", False, _choice(LANGUAGES), "hi"),
            Column("installed_on", "Installed on", "लगाने की तिथि", True, v.date, "2026-10-05"),
            Column("removed_on", "Removed on", "हटाने की तिथि", False, v.date, ""),
            Column("daily_passers_by", "Passers-by per day", "प्रतिदिन राहगीर", False, _number, "12000"),
        ),
        ("district", "city", "site", "installed_on"),
    ),
    "social_media": Schema(
        "social_media",
        SocialPost,
        (
            DISTRICT,
            Column("platform", "Platform", "प्लेटफ़ॉर्म", True, _choice(PLATFORMS), "instagram"),
            Column("account_kind", "Posted by", "किसने पोस्ट किया", True, _choice(ACCOUNTS), "district"),
            Column("handle", "Handle", "हैंडल", True, _text(120), "@dmjaipur"),
            Column("url", "Post link", "पोस्ट लिंक", True, str, "https://www.instagram.com/p/Cx1930abc/"),
            Column("posted_at", "Posted at", "पोस्ट का समय", True, _datetime, "2026-10-05 10:30"),
        ),
        ("url",),
    ),
    "utility_bills": Schema(
        "utility_bills",
        BillRun,
        (
            DISTRICT,
            Column("utility", "Utility", "संस्था", True, _text(60), "JVVNL"),
            Column("cycle", "Billing month", "बिलिंग माह", True, v.month, "2026-10"),
            Column("bills_printed", "Bills printed with 1930", "1930 सहित मुद्रित बिल", True, _number, "245000"),
        ),
        ("district", "utility", "cycle"),
        natural_figure="bills_printed",
    ),
    "meetings": Schema(
        "meetings",
        OutreachMeeting,
        (
            DISTRICT,
            Column("kind", "Kind", "प्रकार", True, _choice(MEETING_KINDS), "bank"),
            Column("held_on", "Held on", "तिथि", True, v.date, "2026-10-08"),
            Column("venue", "Venue", "स्थान", True, _text(200), "Collectorate meeting hall"),
            Column(
                "organisations", "Organisations present", "उपस्थित संस्थाएं", False, _text(2000), "SBI; PNB; Vyapar Mandal"
            ),
            Column("attendees", "Attendees", "उपस्थित लोग", True, _number, "45"),
            Column("topics", "Safety topics", "सुरक्षा विषय", False, _topics, "otp, links, payment"),
        ),
        ("district", "kind", "held_on", "venue"),
    ),
}

# Each format's name as the officer reads it (the template links).
SCHEMA_LABELS = {
    "hoardings": gettext_lazy("Hoardings"),
    "social_media": gettext_lazy("Social media"),
    "utility_bills": gettext_lazy("Utility bills"),
    "meetings": gettext_lazy("Meetings"),
}

CHANNEL_SCHEMA = {
    Channel.HOARDINGS: "hoardings",
    Channel.SOCIAL_MEDIA: "social_media",
    Channel.UTILITY_BILLS: "utility_bills",
    Channel.TEACHER_MEETINGS: "meetings",
    Channel.BANK_TRADER_MEETINGS: "meetings",
}

# Utilities and the department whose bills they print.
DISCOMS = {"jvvnl": "energy", "avvnl": "energy", "jdvvnl": "energy"}


def schema_for(directive: Directive) -> Schema:
    key = CHANNEL_SCHEMA.get(directive.channel)
    if key is None:
        raise ImportRefused(_("Directive %(number)s has no spreadsheet format.") % {"number": directive.number})
    return SCHEMAS[key]


# ---- reading --------------------------------------------------------------------------


def read_rows(name: str, data: bytes, notices: list[str] | None = None) -> Iterator[list]:
    """Rows of a CSV (any delimiter, UTF-8, UTF-16 or Windows-1252) or XLSX file (recognised by
    content), as they stand in the sheet; bounded in size, rows, columns and time
    (``check_upload``, ``SAJAG_IMPORT_SECONDS``). How the file was read goes to `notices`."""
    check_upload(name, data)
    deadline = time.monotonic() + settings.SAJAG_IMPORT_SECONDS
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data, notices)
    return _bounded(rows, deadline)


def check_upload(name: str, data: bytes) -> None:
    """Refuse, from its size and an .xlsx's table of contents alone (no part is unpacked), a
    file too large to read or built to swell when unpacked: in the web request, in a moment."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 50 MB: split it into parts."))
    if data[:4] != b"PK\x03\x04":
        if name.lower().endswith((".xlsx", ".xls")):
            raise ImportRefused(_("The file is named like a spreadsheet but is not a valid .xlsx file."))
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportRefused(_("The spreadsheet is damaged or not an .xlsx file.")) from exc
    unpacked = sum(p.file_size for p in parts)
    swollen = [p for p in parts if p.file_size > 1024 * 1024 and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    # openpyxl reads these parts whole before the first row (and before any time check).
    read_whole = [
        p
        for p in parts
        if p.filename.startswith(("xl/sharedStrings", "xl/styles")) and p.file_size > MAX_WHOLE_PART_BYTES
    ]
    if swollen and unpacked <= MAX_UNPACKED_BYTES:
        raise ImportRefused(
            _(
                "Part of the spreadsheet unpacks to more than %(ratio)s times its packed size, which no "
                "real data does: save it again from Excel or LibreOffice, or send it as CSV."
            )
            % {"ratio": MAX_RATIO}
        )
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES or read_whole:
        raise ImportRefused(
            _(
                "The spreadsheet unpacks to %(size)s MB, far more than its data could need (the limit is "
                "%(limit)s MB, at most %(ratio)s times the file's size): save it again from Excel or "
                "LibreOffice, or send it as CSV."
            )
            % {"size": f"{unpacked / 1048576:,.0f}", "limit": MAX_UNPACKED_BYTES // 1048576, "ratio": MAX_RATIO}
        )


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of a CSV or tab-separated file as offices save it, and a note of how it was read
    when that was not UTF-8: Excel's "Unicode Text" is UTF-16 (with its byte-order mark, or
    without one: every other byte zero); an old Windows export is Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), _("read as UTF-16 (Excel's 'Unicode Text')")
    sample = data[:4000]
    if len(sample) >= 8 and sample[1::2].count(0) > len(sample) // 4 and sample[::2].count(0) < len(sample) // 8:
        try:
            return data.decode("utf-16-le"), _("read as UTF-16 (Excel's 'Unicode Text')")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        broken = exc
    if b"\xe0\xa4" in data or b"\xe0\xa5" in data:
        # UTF-8 Hindi with a stray byte: read as Windows-1252, every Hindi word would be garbled.
        line = data[: broken.start].count(b"\n") + 1
        raise ImportRefused(
            _(
                "Line %(line)s of the file has a character that is not UTF-8 text: fix it, or save the file "
                "as 'CSV UTF-8' again."
            )
            % {"line": f"{line:,}"}
        )
    try:
        return data.decode("cp1252"), _("read as Windows-1252, not UTF-8: check that the names came out right")
    except UnicodeDecodeError as exc:
        raise ImportRefused(_("The CSV file is not UTF-8 text: save it as 'CSV UTF-8' and upload again.")) from exc


def delimiter_of(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most evenly and most often."""
    lines = [line for line in text[:20000].splitlines() if line.strip()][:10]
    try:  # Python's sniffer knows quotes ("SBI; PNB" inside a comma file is one cell)
        return csv.Sniffer().sniff("\n".join(lines[1:] or lines), delimiters=",;\t").delimiter
    except csv.Error:
        pass
    best, best_score = ",", 0
    for candidate in (",", "\t", ";"):
        counts = [line.count(candidate) for line in lines]
        if not counts or max(counts) == 0:
            continue
        score = sorted(counts)[len(counts) // 2]  # the median line's count: title lines count less
        if score > best_score:
            best, best_score = candidate, score
    return best


def _csv_rows(data: bytes, notices: list[str] | None = None) -> Iterator[list]:
    text, how = decode_text(data)
    delimiter = delimiter_of(text)
    if notices is not None:
        if how:
            notices.append(how)
        if delimiter != ",":
            tabs = delimiter == "\t"
            notices.append(_("columns separated by tabs") if tabs else _("columns separated by semicolons"))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportRefused(
                _("Line %(line)s of the CSV file cannot be read (%(error)s).")
                % {"line": f"{reader.line_num:,}", "error": exc}
            ) from exc


def _xlsx_rows(data: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(_("The spreadsheet is damaged or not an .xlsx file.")) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the cells present, not the extent the file claims
        for row in sheet.iter_rows(values_only=True):
            yield ["" if cell is None else cell for cell in row]
    except ImportRefused:
        raise
    except Exception as exc:  # damaged XML inside a valid zip
        raise ImportRefused(_("The spreadsheet is damaged or not an .xlsx file.")) from exc
    finally:
        book.close()


def _bounded(rows: Iterator[list], deadline: float) -> Iterator[list]:
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise ImportRefused(
                _("The sheet goes on past row %(limit)s: send at most %(limit)s rows per file (split it into parts).")
                % {"limit": f"{MAX_ROWS:,}"}
            )
        end = len(row)
        while end and (row[end - 1] == "" or row[end - 1] is None):
            end -= 1  # empty cells after the last value: formatting, not data
        row = row[:end]
        if len(row) > MAX_COLUMNS:
            raise ImportRefused(
                _("Row %(row)s has values in %(n)s columns; a sheet may use at most %(limit)s.")
                % {"row": f"{number:,}", "n": f"{len(row):,}", "limit": MAX_COLUMNS}
            )
        if time.monotonic() > deadline:
            raise ImportRefused(
                _("Reading the file took longer than %(seconds)s seconds; split it into smaller files.")
                % {"seconds": settings.SAJAG_IMPORT_SECONDS}
            )
        yield row


# Other headers offices write for the template's columns, by meaning (matched with spaces,
# slashes, dots, brackets and dashes ignored; a header that begins with one matches too).
SYNONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("*", "district"): ("जिला", "जिले का नाम", "जनपद", "district name", "zila"),
    ("hoardings", "city"): ("शहर/कस्बा", "कस्बा", "नगर", "town", "city/town", "शहर का नाम"),
    ("hoardings", "site"): ("स्थान/चौराहा", "स्थान", "चौराहा", "स्थल", "location", "place", "intersection", "site"),
    ("hoardings", "latitude"): ("lat", "latitude (n)"),
    ("hoardings", "longitude"): ("long", "lng", "lon", "longitude (e)"),
    ("hoardings", "size"): ("साइज", "साइज़", "आकार (फीट)", "size (ft)"),
    ("hoardings", "installed_on"): (
        "लगाने की तिथि", "लगाने की दिनांक", "लगाने का दिनांक", "लगाने की तारीख", "लगाने की तारीख़", "स्थापना तिथि",
        "स्थापना दिनांक", "दिनांक", "तिथि", "तारीख", "date of installation",
        "installation date", "installed", "date",
    ),
    ("hoardings", "removed_on"): ("हटाने की तिथि", "हटाने की दिनांक", "removal date", "removed"),
    ("hoardings", "daily_passers_by"): (
        "प्रतिदिन राहगीर", "राहगीर", "daily footfall", "footfall", "passers-by", "passersby",
    ),
    ("meetings", "kind"): ("बैठक का प्रकार", "प्रकार", "meeting type", "type of meeting", "type"),
    ("meetings", "held_on"): ("दिनांक", "बैठक की तिथि", "बैठक दिनांक", "date of meeting", "date"),
    ("meetings", "venue"): ("स्थान", "बैठक स्थल", "place", "venue"),
    ("meetings", "organisations"): (
        "संस्थाएं", "उपस्थित संस्थाएँ", "organisations", "organizations present", "organizations",
    ),
    ("meetings", "attendees"): (
        "उपस्थिति", "उपस्थित संख्या", "उपस्थित", "participants", "no. of participants", "attendance",
    ),
    ("meetings", "topics"): (
        "विषय", "topics", "topics covered", "सुरक्षा नियम", "चर्चा के विषय", "चर्चित विषय", "बैठक के विषय",
        "विषय जिन पर चर्चा हुई", "topics discussed",
    ),
    ("utility_bills", "utility"): ("डिस्कॉम", "निगम", "discom", "company"),
    ("utility_bills", "cycle"): ("बिलिंग माह", "माह", "month", "billing cycle"),
    ("utility_bills", "bills_printed"): (
        "1930 सहित बिल", "बिल (1930 सहित)", "bills with 1930", "bills printed with 1930",
    ),
}  # fmt: skip
# Columns offices add that Sajag does not need: read past, with a word, never refused.
IGNORED_HEADERS = (
    "क्र.सं.", "क्रम संख्या", "क्र.", "s.no", "sr.no", "sl.no", "serial", "टिप्पणी", "रिमार्क", "remarks", "remark", "notes",
    "row / पंक्ति", "error / त्रुटि",  # REPORT_HEADERS: the error report's own columns
)  # fmt: skip
HEADER_SCAN_ROWS = 15  # title rows above the header: an office name, a subject, a date line


def _header_key(value) -> str:
    return "".join(ch for ch in _fold(value) if ch not in " /\\.()[]-_:,;'\"’") if value is not None else ""


def _variants(schema: Schema) -> list[tuple[str, Column]]:
    """(folded header, column), longest first: a header that starts with a longer one wins."""
    out: dict[str, Column] = {}
    for c in schema.columns:
        names = [c.en, c.hi, c.header, c.key, *SYNONYMS.get((schema.channel, c.key), ())]
        names += SYNONYMS.get(("*", c.key), ())
        for name in names:
            out.setdefault(_header_key(name), c)
    return sorted(((k, c) for k, c in out.items() if k), key=lambda kc: -len(kc[0]))


def _header_map(schema: Schema, header: list) -> tuple[list[Column | None], list[str], list[str]]:
    """Each cell of the header row: its column, or None. Then the headers read past (serial
    numbers, remarks, anything unknown) and the required columns missing.

    A cell names a column by one of its headers exactly (spaces, slashes, dots ignored); failing
    that, without a bracketed addition ("प्रतिदिन राहगीर (अनुमानित)") — never by a prefix, which
    took "Date of survey" for the installation date. Two cells naming one column are refused, by
    name: which one holds the figure is the clerk's to say, not Sajag's to guess."""
    variants = dict(_variants(schema))
    ignored = {_header_key(h) for h in IGNORED_HEADERS}
    mapped: list[Column | None] = [None] * len(header)
    keys = [_header_key(cell) for cell in header]
    for i, key in enumerate(keys):
        if key and key not in ignored:
            mapped[i] = variants.get(key)
    for i, cell in enumerate(header):
        if mapped[i] is None and keys[i] and keys[i] not in ignored and "(" in str(cell):
            col = variants.get(_header_key(str(cell).split("(", 1)[0]))
            if col is not None and col not in mapped:
                mapped[i] = col
    for col in {c for c in mapped if c is not None}:
        cells = [str(header[i]).strip() for i, c in enumerate(mapped) if c is col]
        if len(cells) > 1:
            raise ImportRefused(
                _("Columns %(cells)s could each be “%(column)s”: keep the one that holds it and rename the other.")
                % {"cells": " and ".join(f"“{c}”" for c in cells), "column": col.header}
            )
    skipped = [str(header[i]).strip() for i, key in enumerate(keys) if key and mapped[i] is None]
    missing = [c.header for c in schema.columns if c.required and c not in mapped]
    return mapped, skipped, missing


def find_header(schema: Schema, rows: Iterator[list]) -> tuple[int, list, list[Column | None], list[str], list[list]]:
    """The header row under any title rows: the first of the sheet's first rows that names every
    required column (or, failing that, the one that names most). Returns its 1-based number, the
    row, its map, the headers read past, and the rows read after it while looking."""
    seen: list[list] = []
    best: tuple[int, int] | None = None  # (columns named, index)
    for row in rows:
        seen.append(row)
        if len(seen) > 1 and (two := _two_row_header(schema, seen[-2], row)):
            # A heading over a pair ("निर्देशांक" over "अक्षांश | देशांतर"), or a header broken
            # over two lines ("लगाने की" over "तिथि"): one header, its second row's number.
            mapped, skipped, _missing = _header_map(schema, two)
            return len(seen), two, mapped, skipped, []
        try:
            mapped, _skipped, missing = _header_map(schema, row)
        except ImportRefused:
            if len(seen) >= HEADER_SCAN_ROWS:
                break
            continue  # two cells of one meaning: said if this row turns out to be the header
        named = sum(c is not None for c in mapped)
        if named and not missing:
            best = (named, len(seen) - 1)
            break
        if named and (best is None or named > best[0]):
            best = (named, len(seen) - 1)
        if len(seen) >= HEADER_SCAN_ROWS:
            break
    if not seen:
        raise ImportRefused(_("The file is empty."))
    at = best[1] if best else 0
    header = seen[at]
    mapped, skipped, missing = _header_map(schema, header)
    if missing:
        raise ImportRefused(
            _("Missing column(s): %(missing)s. (Row %(row)s was read as the header.)")
            % {"missing": ", ".join(missing), "row": at + 1}
        )
    return at + 1, header, mapped, skipped, seen[at + 1 :]


def _two_row_header(schema: Schema, upper: list, lower: list) -> list | None:
    """The header two rows make together when neither names every required column alone: each
    column's lower cell under a merged heading, or the two cells joined. None otherwise."""

    def complete(cells: list) -> bool:
        try:
            mapped, _skipped, missing = _header_map(schema, cells)
        except ImportRefused:
            return False
        return not missing and any(c is not None for c in mapped)

    def text(cell) -> str:
        return "" if cell is None else str(cell).strip()

    if not any(text(c) for c in lower) or complete(upper) or complete(lower):
        return None
    width = max(len(upper), len(lower))
    upper = [*upper, *[""] * (width - len(upper))]
    lower = [*lower, *[""] * (width - len(lower))]
    # A merged heading leaves its cells after the first empty: carried right until the next one.
    carried, last = [], ""
    for cell in upper:
        last = text(cell) or last
        carried.append(last)
    under = [text(b) or text(a) for a, b in zip(upper, lower, strict=True)]
    joined = [" ".join(x for x in (a, text(b)) if x) for a, b in zip(carried, lower, strict=True)]
    for cells in (under, joined):
        if complete(cells):
            return cells
    return None


def _second_header_row(schema: Schema, header: list, mapped: list[Column | None], lower: list) -> list | None:
    """The header with the row under it, when that row is more header (each of its cells a
    column's name) naming columns the first row's merged headings hid; else None."""
    names = dict(_variants(schema))
    cells = [c for c in lower if c is not None and str(c).strip()]
    if not cells or not all(isinstance(c, str) and _header_key(c) in names for c in cells):
        return None
    width = max(len(header), len(lower))
    upper, lower = [*header, *[""] * (width - len(header))], [*lower, *[""] * (width - len(lower))]
    two = [b if b is not None and str(b).strip() else a for a, b in zip(upper, lower, strict=True)]
    try:
        more, _skipped, missing = _header_map(schema, two)
    except ImportRefused:
        return None
    named = sum(c is not None for c in mapped)
    return two if not missing and sum(c is not None for c in more) > named else None


# Rows that are not records: a total ("कुल", "योग", "Total"), a signature block.
TOTAL_WORDS = ("कुल", "योग", "कुल योग", "महायोग", "total", "grand total", "sub total", "subtotal")
SIGNATURE_WORDS = (
    "हस्ताक्षर", "signature", "sd/-", "(हस्ताक्षर)", "मोहर", "seal", "मोहर सहित हस्ताक्षर", "ह./-", "ह/-", "ह0", "ह.",
    "(sd)", "sd",
)  # fmt: skip
SIGNATURE_STARTS = ("हस्ताक्षर ", "signature of", "sd/-", "ह./-", "ह/-")


def row_kind(cells: list) -> str | None:
    """ "total" or "signature" for a row that is not a record (its cells in the columns Sajag
    reads), else None. Whole cells only: "मोहर सिंह" is a name, not a seal."""
    folded = [_fold(c).rstrip(":") for c in cells if c is not None and str(c).strip()]
    if not folded:
        return None
    if any(c in TOTAL_WORDS for c in folded):
        return "total"
    if any(c in SIGNATURE_WORDS or c.startswith(SIGNATURE_STARTS) for c in folded):
        return "signature"
    return None


# ---- districts ------------------------------------------------------------------------

ALIASES = {
    "jhunjhunu": "jhunjhunun",
    "jalore": "jalor",
    "chittorgarh": "chittaurgarh",
    "dholpur": "dhaulpur",
    "sri ganganagar": "ganganagar",
    "shri ganganagar": "ganganagar",
    "sriganganagar": "ganganagar",
    "kuchaman": "didwana-kuchaman",
    "didwana": "didwana-kuchaman",
    "kotputli": "kotputli-behror",
    "khairthal": "khairthal-tijara",
    "salumber": "salumbar",
    "sawai madhopur": "sawai-madhopur",
}


class DistrictIndex:
    """Recognises a district by its code, LGD code, English or Hindi name, or a common spelling;
    a tehsil, town or former district by the district it is in today (``places.csv``: "Bari" is
    in Dhaulpur), noting each such reading. "Did you mean" only for a close spelling of a district
    the officer may report for: never Barmer for Bari."""

    def __init__(self, districts: list[District], scope: set[int] | None = None):
        self.by_key: dict[str, District] = {}
        by_code = {d.code: d for d in districts}
        for d in districts:
            for key in (d.code, d.name_en, d.name_hi, str(d.lgd_code or "")):
                if key:
                    self.by_key[_fold(key)] = d
        for alias, code in ALIASES.items():
            self.by_key[_fold(alias)] = by_code[code]
        self.places: dict[str, list[District]] = {}
        self.place_keys: set[str] = set()  # folded spellings that name a place below a district
        for alias, code in places().items():
            found = [by_code[c] for c in code if c in by_code]
            if found and _fold(alias) not in self.by_key:
                self.places[_fold(alias)] = found
                self.place_keys.add(_fold(alias))
        in_scope = [d for d in districts if scope is None or d.pk in scope]
        self.suggestable = {d.name_en: d for d in in_scope} | {d.name_hi: d for d in in_scope}
        self.read_as: dict[tuple[str, str], int] = {}  # (as written, district) → rows
        self.known: dict[object, District] = {}  # a cell as written → its district (not places: noted per row)

    def knows(self, value) -> bool:
        """Whether `value` names a district or a place in one district (nothing noted)."""
        key = _fold(value)
        if self.by_key.get(key) or self.by_key.get(key.replace(" ", "-")):
            return True
        near = self.places.get(key) or self.places.get(key.replace("-", " "))
        return bool(near) and len({d.pk for d in near}) == 1

    def find(self, value) -> District:
        hit = self.known.get(value)
        if hit is not None:  # a spelling already read: most rows repeat a few
            return hit
        key = _fold(value)
        if not key:
            raise ValueError("the district is empty")
        hit = self.by_key.get(key) or self.by_key.get(key.replace(" ", "-"))
        if hit:
            if len(self.known) < 10_000:
                self.known[value] = hit
            return hit
        written = str(value).strip()
        near = self.places.get(key) or self.places.get(key.replace("-", " "))
        if near and len({d.pk for d in near}) == 1:
            note = (written, near[0].name_en)
            self.read_as[note] = self.read_as.get(note, 0) + 1
            return near[0]
        if near:
            raise ValueError(
                _("%(value)r is a place in more than one district (%(districts)s): write the district.")
                % {"value": written, "districts": ", ".join(sorted({d.name_en for d in near}))}
            )
        close = difflib.get_close_matches(written, list(self.suggestable), n=1, cutoff=0.8)
        if close:
            message = _("no district %(value)r. Did you mean %(close)s?")
            raise ValueError(message % {"value": written, "close": close[0]})
        raise ValueError(_("no district %(value)r.") % {"value": written})


@functools.lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, ...]]:
    """Spelling → the codes of the districts it names (sajag/geo/data/places.csv)."""
    out: dict[str, tuple[str, ...]] = {}
    with PLACES_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["alias"]] = (*out.get(row["alias"], ()), row["district"])
    return out


PLACES_FILE = Path(__file__).resolve().parent.parent / "geo" / "data" / "places.csv"


# ---- checking and writing -------------------------------------------------------------


@dataclass
class RowError:
    row: int  # 1-based line in the file, header = 1
    messages: list[str]


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # kept for the error report
    header: list = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # how the file was read: titles, columns, rows skipped
    # Fixes Sajag can make if the officer asks (OPTIONS): [{"fix": ..., "rows": n, ...}]
    offers: list[dict] = field(default_factory=list)
    converted: list[list[str]] = field(default_factory=list)  # legacy-font text: [as typed, as read]
    stored_good_rows: bool = False  # the good rows were stored although others have errors
    updated: int = 0  # stored records given this file's figure, at the officer's word

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_confirm(self) -> dict | None:
        """The legacy font whose converted text the officer has still to see, as offered."""
        return next((o for o in self.offers if o["fix"] == "legacy_font"), None)


# What an officer may ask of a run, after seeing the fix offered: swap latitude and longitude where
# they are the other way round; file a meeting under the directive its kind belongs to; read the
# text typed in a legacy font (its value: the font); store the good rows now, the others to fix.
OPTIONS = ("swap_coordinates", "route_kinds", "legacy_font", "good_rows_now", "update_figures", "not_duplicates")
LEGACY_SAMPLES = 30  # conversions shown for confirmation
LEGACY_SNIFF_ROWS = 50  # records looked at for a legacy font under a Unicode header
# Columns read through a legacy font whatever they hold; the others only when their value as
# typed cannot be read (a date or a count typed in Kruti Dev: "5 vDVwcj 2026", "45 yksx").
LEGACY_TEXT_COLUMNS = {"city", "site", "venue", "organisations"}
# The directive a meeting's kind belongs to (a teachers' union meeting is directive 4's, a bank's
# or traders' meeting the Collector and SP's); "other" fits either.
KIND_CHANNEL = {
    "teachers_union": Channel.TEACHER_MEETINGS,
    "bank": Channel.BANK_TRADER_MEETINGS,
    "traders": Channel.BANK_TRADER_MEETINGS,
}


@dataclass
class _Target:
    """A directive rows may be stored under: its assignments and which of them the officer may add to."""

    directive: Directive
    assignments: dict[tuple[int, int | None], Assignment]
    allowed: dict[tuple[int, int | None], bool]
    departments: list[Department]

    @classmethod
    def of(cls, directive: Directive, by) -> _Target:
        assignments = {
            (a.district_id, a.department_id): a
            for a in Assignment.objects.filter(directive=directive).select_related("district", "department")
        }
        allowed = {key: by.has_perm("activities.add_record", a) for key, a in assignments.items()}
        return cls(directive, assignments, allowed, list(directive.departments.all()))


def check_and_import(
    *,
    directive: Directive,
    by,
    name: str,
    data: bytes,
    job=None,
    progress: Callable[..., None] | None = None,
    options: dict | None = None,
) -> ImportResult:
    """Read, check every row, then (only if all are good, or the officer asked for the good rows
    now) store the new ones in one transaction. `options` are the fixes the officer asked for
    (OPTIONS); a run finds the fixes it could make and offers them (ImportResult.offers).

    The cyclic garbage collector is paused meanwhile: 100,000 rows of lists, dicts and tuples,
    all alive until the end, made it walk them again and again (a third of the import's time;
    bench/import.py). The import makes no cycles; reference counting frees the rest as before."""
    with _cyclic_gc_paused():
        return _check_and_import(
            directive=directive, by=by, name=name, data=data, job=job, progress=progress, options=options
        )


def _check_and_import(*, directive, by, name, data, job, progress, options) -> ImportResult:
    schema = schema_for(directive)
    options = options or {}
    notices: list[str] = []
    named_font = legacy_font_named(data)
    rows = read_rows(name, data, notices)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    font: str | None = options.get("legacy_font") or None
    try:
        rest = iter(head)
        header_row, header, mapped, skipped, after = find_header(schema, rest)
        after += rest  # the rows read ahead beyond the header
        if after and (two := _second_header_row(schema, header, mapped, after[0])):
            # A complete header with a heading merged over a pair under it ("निर्देशांक" over
            # "अक्षांश | देशांतर"): the pair is read too, not stored without its coordinates.
            header_row, header, after = header_row + 1, two, after[1:]
            mapped, skipped, _missing = _header_map(schema, header)
        sniff = not font
    except ImportRefused as refused:
        # A header typed in a legacy font reads as one once converted.
        decoded = [legacy.convert_row(row, font or named_font or legacy.TEXT_DETECTED) for row in head]
        try:
            header_row, header, mapped, skipped, _after = find_header(schema, iter(decoded))
        except ImportRefused:
            raise refused from None  # what the header as typed lacks, not its conversion
        after = head[header_row:]  # the records as typed: converted column by column below
        font, sniff = font or named_font or legacy.TEXT_DETECTED, False
    if header_row > 1:
        notices.append(
            _("the header is row %(row)s: the %(n)s row(s) above it were read as titles")
            % {"row": header_row, "n": header_row - 1}
        )
    if skipped:
        notices.append(_("columns not used: %(columns)s") % {"columns": ", ".join(skipped)})
    result = ImportResult(header=list(header), notices=notices)
    if not sniff and font and header != head[header_row - 1]:  # the header itself was converted
        result.converted += [[a, b] for a, b in zip(head[header_row - 1], header, strict=False) if a != b]
    not_records = {"total": 0, "signature": 0}
    language = schema.column("language") if schema.channel == "hoardings" else None
    language_assumed = language is not None and language not in mapped
    if language_assumed:
        notices.append(_("no language column: every hoarding recorded as Hindi"))
    target = _Target.of(directive, by)
    campaign = directive.meeting.campaign
    # Meetings of a kind that belongs to another directive of the campaign: named, and filed
    # there when the officer asks (route_kinds).
    kind_targets: dict[str, _Target] = {}
    if schema.channel == "meetings":
        others = Directive.objects.filter(meeting__campaign=campaign, channel__in=set(KIND_CHANNEL.values()))
        by_channel = {d.channel: d for d in others.exclude(pk=directive.pk).order_by("number")}
        for kind, channel in KIND_CHANNEL.items():
            if channel != directive.channel and channel in by_channel:
                kind_targets[kind] = _Target.of(by_channel[channel], by)
    misfiled: dict[int, int] = {}  # directive number → rows of a kind that belong there
    updates: list[tuple[tuple, dict, int]] = []  # stored records whose figure the officer asked to update
    changed_rows = near_rows = 0
    swapped = 0
    window = (campaign.starts_on - dt.timedelta(days=PREPARATION_DAYS), campaign.ends_on)
    scope = {district for (district, _department), ok in target.allowed.items() if ok}
    if options.get("route_kinds"):
        for t in kind_targets.values():
            scope |= {district for (district, _department), ok in t.allowed.items() if ok}
    index = DistrictIndex(list(District.objects.all()), scope=scope)
    if sniff:  # a header in Unicode (a template's) over records typed in a legacy font
        after += itertools.islice(rows, LEGACY_SNIFF_ROWS)
        font = _legacy_records(mapped, after, index, named_font)
    departments = {d.code: d for d in Department.objects.all()}
    existing_keys = _existing_keys(schema, directive)
    for t in kind_targets.values():
        existing_keys |= _existing_keys(schema, t.directive)
    near = _NearDuplicates(schema, existing_keys)
    confirmed = bool(options.get("legacy_font"))
    if font and not confirmed:
        notices.append(
            _("the text is typed in the %(font)s font: read as Unicode Hindi, to be confirmed")
            % {"font": legacy.NAMES[font]}
        )
    elif font:
        notices.append(_("text typed in the %(font)s font read as Unicode Hindi") % {"font": legacy.NAMES[font]})
    seen: dict[tuple, int] = {}
    pending: list = []
    # Records given in parts (a district's bills by sub-division): the first part's row and values
    # (the figure summed over the parts) and each part's name with its row.
    parts: dict[tuple, dict] = {}
    points: list[tuple[int, District, float, float]] = []  # checked against boundaries in bulk

    required = sum(c.required for c in schema.columns)
    used = [i for i, col in enumerate(mapped) if col is not None]  # the cells Sajag reads
    last_used = max(used)
    pick = operator.itemgetter(*used) if len(used) > 1 else (lambda row: (row[used[0]],))
    for line, raw in enumerate(itertools.chain(after, rows), start=header_row + 1):
        if font:  # before anything reads the row: "dqy" is a total row once it reads कुल
            raw = _legacy_row(mapped, raw, font, index, result.converted)
        cells = pick(raw) if len(raw) > last_used else [raw[i] for i in used if i < len(raw)]
        # Empty cells counted in C (a cell of spaces is empty too); a row that seems to fill fewer
        # than a record needs is counted exactly: the blank, total and signature rows.
        try:
            spaces = sum(map(str.isspace, cells))
        except TypeError:  # numbers and dates among the cells (a workbook)
            spaces = sum(1 for c in cells if isinstance(c, str) and c.isspace())
        filled = len(cells) - cells.count("") - cells.count(None) - spaces
        if filled < required:
            filled = sum(1 for c in cells if c is not None and str(c).strip())
        if not filled:
            continue  # blank lines (or a serial number alone) are not rows
        # A total or a signature row fills fewer cells than a record needs: only those are looked at,
        # and under a signature only those are its name and post — a full row is still a record.
        kind = None
        if filled < required:
            cells = [c for c, col in zip(raw, mapped, strict=False) if col is not None]
            kind = "signature" if not_records["signature"] else row_kind(cells)
        if kind:
            not_records[kind] += 1  # a total or a signature block: not a record
            continue
        result.total += 1
        result.rows.append([line, *raw])
        values, messages = _parse_row(schema, mapped, raw, index, swap=bool(options.get("swap_coordinates")))
        if any(m.startswith(SWAPPED_MARK) for m in messages):
            swapped += 1
            messages = [m.removeprefix(SWAPPED_MARK) for m in messages]
        if not messages:
            messages += _outside_campaign(schema, values, window)
        if language is not None and values.get("language") is None and not messages:
            if language_assumed:
                values["language"] = "hi"
            else:
                messages.append(_("%(column)s: missing") % {"column": language.header})
        row_target = target
        if (
            values.get("kind") in kind_targets
            and isinstance(values.get("district"), District)
            and (messages or _key(schema, values) not in existing_keys)  # a stored record stays where it is
        ):
            row_target = kind_targets[values["kind"]]
            if not options.get("route_kinds"):
                number, district = row_target.directive.number, values["district"].pk
                may = any(ok for (d, _dept), ok in row_target.allowed.items() if d == district)
                said = {
                    "kind": OutreachMeeting.Kind(values["kind"]).label,
                    "number": number,
                    "title": row_target.directive.tr("short"),
                    "departments": ", ".join(str(d) for d in row_target.departments) or _("the Collector and SP"),
                }
                if may:  # the officer reports there too: Sajag offers to file the row there
                    misfiled[number] = misfiled.get(number, 0) + 1
                    messages.append(
                        _("Kind: a %(kind)s meeting belongs to directive %(number)s (%(title)s), not this one") % said
                    )
                else:
                    messages.append(
                        _(
                            "Kind: a %(kind)s meeting belongs to directive %(number)s (%(title)s), which "
                            "%(departments)s report: send them this row"
                        )
                        % said
                    )
        if not messages:
            assignment, message = _assignment_for(values, departments, row_target, schema)
            if message:
                messages.append(message)
        if not messages:
            key = _key(schema, values)
            written = _fold(raw[mapped.index(DISTRICT)]) if DISTRICT in mapped else ""
            if schema.natural_figure and written in index.place_keys:
                # A DISCOM's sheet by sub-division: one part of a district's record, added up below.
                part = parts.get(key)
                if key in seen:
                    messages.append(
                        _("the district's own row %(row)s and rows for its sub-divisions: keep one or the other")
                        % {"row": seen[key]}
                    )
                elif part is None:
                    values["_line"], values["_part"] = line, True
                    parts[key] = {
                        "line": line,
                        "names": {written: line},
                        "values": values,
                        "assignment": assignment,
                    }
                elif written in part["names"]:
                    messages.append(_("the same record as row %(row)s") % {"row": part["names"][written]})
                else:
                    part["names"][written] = line
                    part["values"][schema.natural_figure] += values[schema.natural_figure]
            elif key in parts:
                messages.append(
                    _("the district's own row and rows for its sub-divisions (from row %(row)s): keep one or the other")
                    % {"row": parts[key]["line"]}
                )
            elif key in seen:
                messages.append(_("the same record as row %(row)s") % {"row": seen[key]})
            else:
                seen[key] = line
                if key in existing_keys:
                    changed = _changed_figures(schema, values, existing_keys[key])
                    if changed and options.get("update_figures"):
                        updates.append((key, values, line))  # the officer asked: the new figure replaces
                    elif changed:
                        messages.append(changed)  # the same record, other figures: asked, not skipped
                        changed_rows += 1
                    else:
                        result.existing += 1
                elif (similar := near.check(line, values)) and not options.get("not_duplicates"):
                    messages.append(similar)  # a new record at the same point or place as another: asked
                    near_rows += 1
                else:
                    values["_line"] = line
                    pending.append((assignment, values))
        if messages:
            result.errors.append(RowError(line, messages))
        elif values.get("latitude") is not None:
            points.append((line, values["district"], float(values["latitude"]), float(values["longitude"])))
        if progress and result.total % 1000 == 0:
            progress(result.total, len(result.errors))

    for key, part in parts.items():  # each district given by its sub-divisions: their sum is its record
        if key in existing_keys:
            changed = _changed_figures(schema, part["values"], existing_keys[key])
            if changed and options.get("update_figures"):
                updates.append((key, part["values"], part["line"]))
            elif changed:
                result.errors.append(RowError(part["line"], [changed]))
                changed_rows += 1
            else:
                result.existing += 1
        else:
            pending.append((part["assignment"], part["values"]))
    added_up = [p for p in parts.values() if len(p["names"]) > 1]
    if added_up:
        notices.append(_("%(n)s district record(s) added up from their sub-divisions' rows") % {"n": len(added_up)})
    if index.read_as:
        read = ", ".join(f"{written} → {district} ({n})" for (written, district), n in sorted(index.read_as.items()))
        notices.append(_("places read as their district: %(places)s") % {"places": read})
    if not_records["total"]:
        notices.append(_("%(n)s total row(s) skipped") % {"n": not_records["total"]})
    if not_records["signature"]:
        notices.append(_("%(n)s signature row(s) skipped") % {"n": not_records["signature"]})
    if result.total == 0:
        raise ImportRefused(_("The file has a header but no rows."))
    if progress:
        progress(result.total, len(result.errors), final=True)  # every row read: shown before storing
    result.errors += _check_points(points)
    result.errors.sort(key=lambda e: e.row)
    bad = {e.row for e in result.errors}
    good = [(a, values) for a, values in pending if values["_line"] not in bad]
    if parts and bad:
        # A district's record added up from its sub-divisions is stored whole or not at all: any
        # row of that district with an error keeps it back (a part left out could never be added).
        lines = {line: raw for line, *raw in result.rows}
        held, at = set(), mapped.index(DISTRICT)
        for line in bad:
            cell = lines.get(line, [])
            try:
                held.add(index.find(cell[at]).pk if at < len(cell) else None)
            except ValueError:
                continue
        good = [(a, values) for a, values in good if not (values.get("_part") and values["district"].pk in held)]
    if kind_targets and misfiled:
        rows, number = sum(misfiled.values()), min(misfiled)
        result.offers.append({"fix": "route_kinds", "rows": rows, "directive": number})
    if swapped:
        result.offers.append({"fix": "swap_coordinates", "rows": swapped})
    if changed_rows:
        result.offers.append({"fix": "update_figures", "rows": changed_rows})
    if near_rows:  # the officer may know better: a hoarding put up again, two faces of one structure
        result.offers.append({"fix": "not_duplicates", "rows": near_rows})
    updates = [u for u in updates if u[2] not in bad]
    if font and not confirmed:
        result.offers.insert(0, {"fix": "legacy_font", "font": font, "name": legacy.NAMES[font]})
        return result  # nothing is stored before the officer has seen the converted text
    if result.errors:
        if good and not options.get("good_rows_now"):
            result.offers.append({"fix": "good_rows_now", "rows": len(good), "bad": len(bad)})
        if not options.get("good_rows_now") or not good:
            return result  # nothing good to store: refused as a whole
        pending = good
        result.stored_good_rows = True
    if updates:
        result.updated = _update_figures(schema, directive, updates)
    try:
        result.created = _insert(schema, pending, by, job)
    except IntegrityError:
        # The same rows stored meanwhile by another import of this file (two uploads at once):
        # they are already present, and only the rest is new.
        stored = _existing_keys(schema, directive)
        fresh = [(a, values) for a, values in pending if _key(schema, values) not in stored]
        result.existing += len(pending) - len(fresh)
        result.created = _insert(schema, fresh, by, job)
    return result


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def legacy_font_named(data: bytes) -> str | None:
    """The legacy Hindi font an .xlsx's styles name (Kruti Dev 010, DevLys 010, Chanakya), or
    None: read from xl/styles.xml alone, without opening the sheet."""
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/styles.xml")
            if info.file_size > MAX_WHOLE_PART_BYTES:
                return None
            styles = archive.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, ValueError):
        return None
    for name in re.findall(r"<(?:\w+:)?name\s+val=\"([^\"]+)\"", styles):
        if font := legacy.font_of(name):
            return font
    return None


def _legacy_records(mapped: list[Column | None], rows: list[list], index, named: str | None) -> str | None:
    """The legacy font of records under a Unicode header: a district that reads as one only once
    converted (the font a workbook's styles name, else Kruti Dev). A font named in the styles is
    not enough by itself: a workbook may declare one for its title and hold English text."""
    at = {col.key: i for i, col in enumerate(mapped) if col is not None}
    font = named or legacy.TEXT_DETECTED
    for row in rows:
        cell = row[at["district"]] if at.get("district", len(row)) < len(row) else ""
        if legacy.convertible(cell) and not index.knows(cell) and index.knows(legacy.to_unicode(cell, font)):
            return font
    return None


def _legacy_row(mapped: list[Column | None], raw: list, font: str, index, converted: list) -> list:
    """The row with its legacy-font text in Unicode: text columns always, the others only where
    the value as typed cannot be read. Samples of what was converted go to `converted`."""
    out = list(raw)
    for i, (col, cell) in enumerate(zip(mapped, raw, strict=False)):
        if col is None or not legacy.convertible(cell):
            continue
        if col is DISTRICT:
            read = legacy.to_unicode(cell, font)
            if index.knows(cell) or not (index.knows(read) or row_kind([read])):
                continue  # readable as typed ("Jaipur"), or neither a district nor a total ("Jaipr": as typed)
        elif col.key not in LEGACY_TEXT_COLUMNS:
            try:
                col.parse(cell)
                continue  # readable as typed ("12-Oct-26", "hi")
            except ValueError:
                try:
                    col.parse(legacy.to_unicode(cell, font))
                except ValueError:
                    continue  # not read either way: kept as typed, for the message to quote
        out[i] = legacy.to_unicode(cell, font)
        if out[i] != cell and len(converted) < LEGACY_SAMPLES and [cell, out[i]] not in converted:
            converted.append([cell, out[i]])
    return out


class _NearDuplicates:
    """A new record that may be one already given, under another natural key: a hoarding at the
    very point of another (to about a metre: one GPS reading typed twice), or of the same site
    within about 10 m (its date or town typed another way); a meeting of the same district, day
    and kind at a venue spelt only differently."""

    def __init__(self, schema: Schema, existing: dict[tuple, object]):
        self.channel = schema.channel
        self.seen: dict[tuple, tuple[int | None, str]] = {}  # near key → (row, or None if stored; what)
        if self.channel == "meetings":
            for district, kind, held_on, venue in existing:
                self.seen.setdefault((district, kind, held_on, _header_key(venue)), (None, venue))
        elif self.channel == "hoardings" and existing:
            districts = {key[0] for key in existing}
            stored = Hoarding.objects.filter(district__in=districts, latitude__isnull=False)
            for district, lat, lon, site in stored.values_list("district_id", "latitude", "longitude", "site"):
                for key in self._points(district, site, lat, lon):
                    self.seen.setdefault(key, (None, site))

    @staticmethod
    def _points(district: int, site: str, lat, lon) -> tuple[tuple, tuple]:
        lat, lon = float(lat), float(lon)
        site_key = "".join(site.casefold().split())  # spaces and case aside
        return (district, round(lat, 5), round(lon, 5)), (district, site_key, round(lat, 4), round(lon, 4))

    def check(self, line: int, values: dict) -> str | None:
        if self.channel == "meetings":
            keys: tuple[tuple, ...] = (
                (values["district"].pk, values["kind"], values["held_on"], _header_key(values["venue"])),
            )
            what = values["venue"]
        elif self.channel == "hoardings" and values.get("latitude") is not None:
            what = values["site"]
            keys = self._points(values["district"].pk, what, values["latitude"], values["longitude"])
        else:
            return None
        key = next((k for k in keys if k in self.seen), None)
        if key is None:
            for k in keys:
                self.seen[k] = (line, what)
            return None
        row, other = self.seen[key]
        if self.channel == "meetings":
            if row is None:
                return _("the same meeting as one already stored (at “%(venue)s”)? Write the venue as stored, or "
                         "remove the row") % {"venue": other}  # fmt: skip
            return _("the same meeting as row %(row)s (at “%(venue)s”)? Keep one") % {"row": row, "venue": other}
        if row is None:
            return _("at the same point as a hoarding already stored (“%(site)s”): the same hoarding? Give this one "
                     "its own coordinates, or remove the row") % {"site": other}  # fmt: skip
        return _("at the same point as row %(row)s (“%(site)s”): the same hoarding? Give each its own "
                 "coordinates, or keep one") % {"row": row, "site": other}  # fmt: skip


# A record's own date must fall in the campaign, or in the month before it (hoardings go up before
# the first day): a date outside is asked about, never stored silently ("10/05/2026" read day first
# is 10 May, which a clerk may have meant as 5 October).
PREPARATION_DAYS = 30
EVENT_DATES = {
    "hoardings": "installed_on",
    "meetings": "held_on",
    "social_media": "posted_at",
    "utility_bills": "cycle",  # a billing month: its first day
}


def _outside_campaign(schema: Schema, values: dict, window: tuple[dt.date, dt.date]) -> list[str]:
    key = EVENT_DATES.get(schema.channel)
    when = values.get(key) if key else None
    if when is None:
        return []
    day = when.date() if isinstance(when, dt.datetime) else when
    first, last = window
    if first <= day <= last:
        return []
    return [
        _("%(column)s: %(date)s is outside the campaign (%(first)s to %(last)s). Dates are read day first: check it.")
        % {
            "column": schema.column(key).header,
            "date": day.strftime("%d %b %Y"),
            "first": first.strftime("%d %b %Y"),
            "last": last.strftime("%d %b %Y"),
        }
    ]


def _key(schema: Schema, values: dict) -> tuple:
    return tuple(values[k] if k != "district" else values["district"].pk for k in schema.natural_key)


def _check_points(points: list[tuple[int, District, float, float]]) -> list[RowError]:
    """Each point against its district's boundary, vectorised per district (a typed pair of
    coordinates is often swapped or mistyped)."""
    import shapely

    from sajag.geo import boundaries

    errors = []
    by_district: dict[str, list] = {}
    for item in points:
        by_district.setdefault(item[1].code, []).append(item)
    for code, items in by_district.items():
        inside = shapely.contains_xy(boundaries.district_shape(code), [i[3] for i in items], [i[2] for i in items])
        for (line, district, lat, lon), ok in zip(items, inside, strict=True):
            if ok:
                continue
            try:
                v.in_district(district, lat, lon)
            except ValueError as exc:
                errors.append(RowError(line, [_("Latitude / Longitude: %(error)s") % {"error": exc}]))
    return errors


def _insert(schema: Schema, pending: list, by, job) -> int:
    """Insert the new records in one transaction with a parameterised executemany: the same
    rows Django's bulk_create would write, without building a model object per row (which cost
    more than everything else in the import; bench/import.py)."""
    if not pending:
        return 0
    model = schema.model
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    names = [k for k in pending[0][1] if k != "district" and k in _model_fields(model)]
    fields = [model._meta.get_field(n) for n in names]
    adapt = [_adapter(f) for f in fields]
    columns = ["assignment_id", "district_id", "created_by_id", "source", "import_job_id", "created_at"]
    columns += [f.column for f in fields]
    job_id = job.pk if job is not None else None
    # Column by column (a comprehension each, a plain copy where the backend takes the value as
    # it is), then zipped into rows: no generator per row.
    records = [values for _assignment, values in pending]
    data = [
        [values[n] for values in records] if a is None else [a(values[n]) for values in records]
        for a, n in zip(adapt, names, strict=True)
    ]
    fixed = [
        [assignment.pk for assignment, _values in pending],
        [values["district"].pk for values in records],
        *([value] * len(pending) for value in (by.pk, Source.IMPORT, job_id, now)),
    ]
    rows = list(zip(*fixed, *data, strict=True))
    quote = ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 — names from the model, values bound
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


@functools.lru_cache(maxsize=16)
def _model_fields(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields}


def _adapter(field) -> Callable | None:
    """The backend's conversion for one column (None: the value as it is); empty optional text
    becomes ""."""
    ops = connection.ops
    kind = field.get_internal_type()
    if field.is_relation:
        return lambda value: value.pk if value is not None else None
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    if kind == "DecimalField":
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    if kind == "JSONField":
        return lambda value: json.dumps(value if value is not None else [])
    if not field.null:
        return lambda value: "" if value is None else value
    return None


SWAPPED_MARK = "\x00swapped:"  # a message about a swapped pair, counted for the fix offered


def _parse_row(schema: Schema, mapped: list[Column | None], raw: list, index: DistrictIndex, *, swap: bool = False):
    values: dict[str, object] = {}
    messages: list[str] = []
    cells = {col.key: cell for col, cell in zip(mapped, raw, strict=False) if col is not None}
    for col in schema.columns:
        cell = cells.get(col.key, "")
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if col.required:
                messages.append(_("%(column)s: missing") % {"column": col.header})
            else:
                values[col.key] = None
            continue
        try:
            values[col.key] = index.find(cell) if col is DISTRICT else col.parse(cell)
        except ValueError as exc:
            messages.append(f"{col.header}: {exc}")  # the header is bilingual already
    if messages:
        return values, messages
    if schema.channel in FIGURES and "approximate" in _model_fields(schema.model):
        values["approximate"] = isinstance(values.get(FIGURES[schema.channel]), Approximate)
    if schema.channel == "hoardings":
        messages += _check_hoarding(values, swap=swap)
    if schema.channel == "social_media":
        try:
            values["url"] = v.post_url(values["url"], values["platform"])
        except ValueError as exc:
            messages.append(f"{schema.column('url').header}: {exc}")
    return values, messages


def _check_hoarding(values: dict, *, swap: bool = False) -> list[str]:
    messages = []
    lat, lon = values.get("latitude"), values.get("longitude")
    if (lat is None) != (lon is None):
        messages.append(_("Latitude / Longitude: give both or neither"))
    elif lat is not None:
        try:
            values["latitude"], values["longitude"] = v.coordinates(lat, lon, swap=swap)
        except v.SwappedCoordinates as exc:
            messages.append(SWAPPED_MARK + _("Latitude / Longitude: %(error)s") % {"error": exc})
        except ValueError as exc:
            messages.append(_("Latitude / Longitude: %(error)s") % {"error": exc})
    if values.get("removed_on") and values["removed_on"] < values["installed_on"]:
        messages.append(_("Removed on: before the installation date"))
    return messages


def _assignment_for(values, departments, target: _Target, schema):
    district = values["district"]
    directive_departments, assignments, allowed = target.departments, target.assignments, target.allowed
    if schema.channel == "utility_bills":
        utility = _fold(values["utility"])
        dept = departments["energy"] if utility in DISCOMS else departments["phed"] if "phed" in utility else None
        if dept is None:
            return None, _("Utility: write JVVNL, AVVNL, JdVVNL, or a PHED division (e.g. PHED Jaipur City)")
        serving = [d for d in district.discom_list() if d]
        if utility in DISCOMS and serving and utility not in {_fold(d) for d in serving}:
            return None, _("Utility: %(utility)s does not serve %(district)s (its discom: %(serving)s)") % {
                "utility": values["utility"].strip(),
                "district": district,
                "serving": ", ".join(serving),
            }
        values["department"] = dept
        dept_id = dept.pk
    elif directive_departments:
        dept_id = directive_departments[0].pk
    else:
        dept_id = None
    assignment = assignments.get((district.pk, dept_id))
    if assignment is None:
        return None, _("District: this directive has no assignment for %(district)s") % {"district": district}
    if not allowed[(district.pk, dept_id)]:
        return None, _("District: you cannot report for %(district)s on this directive (or it is already verified)") % {
            "district": district
        }
    return assignment, None


# The figure of each kind of record that a second file may give differently for the same record.
FIGURES = {"hoardings": "daily_passers_by", "utility_bills": "bills_printed", "meetings": "attendees"}


def _existing_keys(schema: Schema, directive: Directive) -> dict[tuple, object]:
    """The natural keys of the records already stored, each with its figure (FIGURES) or None."""
    fields = [("district_id" if k == "district" else k) for k in schema.natural_key]
    figure = FIGURES.get(schema.channel)
    qs = schema.model.objects.all()
    if schema.natural_key != ("url",):
        qs = qs.filter(district__in=Assignment.objects.filter(directive=directive).values("district"))
    if figure is None:
        return dict.fromkeys(qs.values_list(*fields))
    return {tuple(row[:-1]): row[-1] for row in qs.values_list(*fields, figure)}


def _update_figures(schema: Schema, directive: Directive, updates: list[tuple[tuple, dict, int]]) -> int:
    """Give stored records this file's figure (the officer asked, having seen both): by natural
    key, each its own UPDATE, in one transaction, audited like any change to a record."""
    figure = FIGURES[schema.channel]
    done = 0
    with transaction.atomic():
        for key, values, _line in updates:
            lookup = {
                ("district_id" if k == "district" else k): value
                for k, value in zip(schema.natural_key, key, strict=True)
            }
            for record in schema.model.objects.filter(**lookup):
                setattr(record, figure, values[figure])
                fields = [figure]
                if "approximate" in _model_fields(schema.model):
                    record.approximate = bool(values.get("approximate"))
                    fields.append("approximate")
                record.save(update_fields=fields)
                done += 1
    return done


def _changed_figures(schema: Schema, values: dict, stored) -> str | None:
    """What differs between a row and the record already stored under its key, or None."""
    figure = FIGURES.get(schema.channel)
    if figure is None or values.get(figure) is None or stored is None or values[figure] == stored:
        return None
    return _(
        "already stored with %(column)s %(stored)s; this file says %(new)s. Nothing was changed: keep the stored "
        "figure, or let Sajag update it to this file's."
    ) % {"column": schema.column(figure).header, "stored": f"{stored:,}", "new": f"{values[figure]:,}"}


# ---- templates and error reports ------------------------------------------------------


def template_rows(schema: Schema) -> list[list[str]]:
    return [[c.header for c in schema.columns], [c.example for c in schema.columns]]


def write_xlsx(rows: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from sajag.core import cells

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        # Dates stay dates (shown day first), so the clerk's corrected report reads as it was sent.
        values = [c.replace(tzinfo=None) if isinstance(c, dt.datetime) else c for c in row]
        cells.append_row(sheet, values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, dt.date):
                sheet.cell(sheet.max_row, column).number_format = (
                    "DD/MM/YYYY" if not isinstance(value, dt.datetime) else "DD/MM/YYYY HH:MM"
                )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(rows: list[list]) -> bytes:
    from sajag.core import cells

    out = io.StringIO()
    csv.writer(out).writerows(cells.safe_row(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


REPORT_HEADERS = ("row / पंक्ति", "error / त्रुटि")  # the error report's own columns, read past on re-upload


def error_report_rows(result: ImportResult, *, only_errors: bool = False) -> list[list]:
    """The rows of the file in the clerk's own columns, after the row number and an error column
    (empty when good); with `only_errors`, the rows still to fix. It uploads again unchanged once
    corrected: its own two columns are read past, its dates stay dates."""
    errors = {e.row: "; ".join(e.messages) for e in result.errors}
    rows = [[*REPORT_HEADERS, *result.header]]
    for line, *cells in result.rows:
        if only_errors and line not in errors:
            continue
        rows.append([line, errors.get(line, ""), *cells])
    return rows


def suffix(name: str) -> str:
    return Path(name).suffix.lower()
