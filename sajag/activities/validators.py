"""Checks on channel-record fields, shared by the forms, the spreadsheet import and the API.
Plain Python: each returns the clean value or raises ValueError with a message for a person."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

# Rajasthan's extent with a small margin; the district check uses the real boundaries.
RAJASTHAN_LAT = (23.0, 30.25)
RAJASTHAN_LON = (69.45, 78.35)

PLATFORM_HOSTS = {
    "instagram": {"instagram.com", "www.instagram.com"},
    "facebook": {"facebook.com", "www.facebook.com", "m.facebook.com", "fb.watch", "web.facebook.com"},
    "x": {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"},
    "youtube": {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"},
    "whatsapp": {"whatsapp.com", "www.whatsapp.com"},
}
# What a link to one post (not a profile) looks like on each platform.
POST_PATHS = {
    "instagram": re.compile(r"^/(p|reel|reels|tv)/[A-Za-z0-9_-]+/?$"),
    "facebook": re.compile(
        r"^/(.+/(posts|videos|photos)/.+|permalink\.php|watch/?|share/[a-z]/.+|reel/\d+/?|story\.php|[^/]+/?)$"
    ),
    "x": re.compile(r"^/[A-Za-z0-9_]{1,15}/status/\d+/?$"),
    "youtube": re.compile(r"^/(watch|shorts/[A-Za-z0-9_-]+/?|[A-Za-z0-9_-]{6,}/?|live/[A-Za-z0-9_-]+/?)$"),
    "whatsapp": re.compile(r"^/channel/[A-Za-z0-9]+(/\d+)?/?$"),
}


def post_url(url: str, platform: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(_("The post link must be a full web address starting with https://"))
    host = parts.hostname or ""
    hosts = PLATFORM_HOSTS.get(platform)
    if hosts is None:
        raise ValueError(_("Unknown platform %(platform)s.") % {"platform": f"{platform!r}"})
    if host not in hosts:
        raise ValueError(
            _("This is not a %(platform)s link: the address is on %(host)s.") % {"platform": platform, "host": host}
        )
    if not POST_PATHS[platform].match(parts.path or "/"):
        raise ValueError(_("This %(platform)s link does not point to one post.") % {"platform": platform})
    return parts._replace(scheme="https", fragment="").geturl()


# Degrees, minutes and seconds as people type them: 27°58'12"N, 27° 58′ 12.5″ N, 27 58 12 N,
# 27°58.2'N (the ° may be a "d", a "º" or a space; primes as ' ’ ′ or "").
_DMS = re.compile(
    r"""^\s*(?P<d>\d{1,3}(?:\.\d+)?)\s*(?:°|º|˚|d|deg|\s)\s*(?:(?P<m>\d{1,2}(?:\.\d+)?)\s*(?:'|’|′|m|\s)\s*"""
    r"""(?:(?P<s>\d{1,2}(?:\.\d+)?)\s*(?:"|”|″|''|’’|′′|s)?\s*)?)?(?P<h>[NSEWnsew]|उ|पू)?\.?\s*$"""
)


def degrees(value) -> Decimal:
    """A latitude or longitude as a decimal number of degrees: decimal as typed (Devanagari
    digits too), or degrees, minutes and seconds."""
    try:
        number = Decimal(value if isinstance(value, str) else str(value))  # the common case: "26.9157"
    except InvalidOperation:
        text = str(value).strip().translate(DEVANAGARI_DIGITS).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
    if number is not None:
        if not number.is_finite():  # "nan", "inf": not a place
            raise ValueError(_("Latitude and longitude must be numbers such as 26.9124 and 75.7873."))
        return number
    match = _DMS.match(str(text))
    if match is None or (match["m"] is None and match["h"] is None):
        raise ValueError(_("Latitude and longitude must be numbers such as 26.9124 and 75.7873."))
    minutes, seconds = Decimal(match["m"] or 0), Decimal(match["s"] or 0)
    if minutes >= 60 or seconds >= 60:
        raise ValueError(_("%(value)s: minutes and seconds run to 59.") % {"value": str(value).strip()})
    number = Decimal(match["d"]) + minutes / 60 + seconds / 3600
    return -number if (match["h"] or "").upper() in ("S", "W") else number


def in_rajasthan(lat: Decimal, lon: Decimal) -> bool:
    return RAJASTHAN_LAT[0] <= lat <= RAJASTHAN_LAT[1] and RAJASTHAN_LON[0] <= lon <= RAJASTHAN_LON[1]


class SwappedCoordinates(ValueError):
    """Latitude and longitude given the other way round (Rajasthan's two ranges do not overlap,
    so the pair is unambiguous): the fix is offered, never made silently."""

    def __init__(self, lat: Decimal, lon: Decimal):
        self.lat, self.lon = lat, lon
        super().__init__(
            _(
                "the latitude and longitude are swapped (%(lat)s is a longitude, %(lon)s a latitude): "
                "swap them, or let Sajag swap them"
            )
            % {"lat": lat, "lon": lon}
        )


def coordinates(lat, lon, *, swap: bool = False) -> tuple[Decimal, Decimal]:
    """A point in Rajasthan from a typed pair (decimal or DMS). A swapped pair raises
    SwappedCoordinates, unless `swap` says the officer asked Sajag to swap such pairs."""
    lat_d, lon_d = degrees(lat), degrees(lon)
    if in_rajasthan(lat_d, lon_d):
        return lat_d.quantize(Decimal("0.000001")), lon_d.quantize(Decimal("0.000001"))
    if in_rajasthan(lon_d, lat_d):
        if not swap:
            raise SwappedCoordinates(lat_d, lon_d)
        return lon_d.quantize(Decimal("0.000001")), lat_d.quantize(Decimal("0.000001"))
    raise ValueError(
        _("The point %(lat)s, %(lon)s is not in Rajasthan (latitude first, then longitude).")
        % {"lat": lat_d, "lon": lon_d}
    )


NEAR_BORDER_KM = 2.0  # simplified boundaries: allow points just across a district line


def in_district(district, lat: float, lon: float) -> None:
    """Refuse a point that lies in another district or outside Rajasthan (typed coordinates are
    often swapped or mistyped)."""
    from sajag.geo import boundaries

    if boundaries.km_outside(district.code, lat, lon) <= NEAR_BORDER_KM:
        return
    other = boundaries.district_at(lat, lon)
    if other is None:
        raise ValueError(_("The point %(lat)s, %(lon)s is not in Rajasthan.") % {"lat": lat, "lon": lon})
    from sajag.geo.models import District

    raise ValueError(
        _("The point %(lat)s, %(lon)s is in %(other)s, not in %(district)s.")
        % {"lat": lat, "lon": lon, "other": District.objects.get(code=other), "district": district}
    )


# Day first, always (India): 05/10/2026 is 5 October. Two-digit years are this century's.
DATE_FORMATS = (
    "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%d/%m/%y", "%d.%m.%y",
    "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%d %b %y", "%d %B, %Y", "%d-%B-%Y",
)  # fmt: skip
# Hindi month names (and common spellings) as English ones, and Devanagari digits as ASCII, so a
# clerk's "5 अक्टूबर 2026" or "०५/१०/२०२६" reads like any other date.
HINDI_MONTHS = {
    "जनवरी": "January", "फरवरी": "February", "फ़रवरी": "February", "मार्च": "March", "अप्रैल": "April",
    "मई": "May", "जून": "June", "जुलाई": "July", "अगस्त": "August", "सितंबर": "September",
    "सितम्बर": "September", "अक्टूबर": "October", "अक्तूबर": "October", "नवंबर": "November",
    "नवम्बर": "November", "दिसंबर": "December", "दिसम्बर": "December",
}  # fmt: skip
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def _plain_date_text(text: str) -> str:
    text = " ".join(text.translate(DEVANAGARI_DIGITS).split())
    for hindi, english in HINDI_MONTHS.items():
        if hindi in text:
            text = text.replace(hindi, english)
    return text


# An Excel date that reached Sajag as its serial number (a CSV saved from a sheet whose column
# was formatted as a number): days since 30 December 1899, read for 2000 to 2099 only.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = (36526, 73050)
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")


def date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value).strip()
    if _SERIAL.match(text) and EXCEL_SERIALS[0] <= float(text) <= EXCEL_SERIALS[1]:
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    if len(text) == 19 and text[4] == "-" and text.endswith(" 00:00:00"):
        text = text[:10]  # a date written back by a spreadsheet as a date and a midnight
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)  # the common case, in C
        except ValueError:
            pass
    text = _plain_date_text(text)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("%(text)s is not a date: write it as 2026-10-05 or 05/10/2026.") % {"text": f"{text!r}"})


def month(value) -> dt.date:
    """A billing cycle: any day of the month, or 2026-10 / 10/2026; stored as the 1st."""
    if isinstance(value, dt.date | dt.datetime):
        return (value.date() if isinstance(value, dt.datetime) else value).replace(day=1)
    text = _plain_date_text(str(value))  # "अक्टूबर २०२६" → "October 2026"
    formats = ("%Y-%m", "%m/%Y", "%m-%Y", "%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%B-%Y", "%B-%y", "%b %y", "%B %y")
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return date(text).replace(day=1)
    except ValueError:
        raise ValueError(_("%(text)s is not a month: write it as 2026-10.") % {"text": f"{text!r}"}) from None


def whole_number(value, *, minimum: int = 0, maximum: int = 10**9) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().replace(",", "")
    if not text.isdecimal():  # ASCII or Devanagari digits (int() reads both)
        raise ValueError(_("%(value)s is not a whole number.") % {"value": f"{str(value).strip()!r}"})
    number = int(text)
    if not minimum <= number <= maximum:
        raise ValueError(
            _("%(number)s is outside %(minimum)s–%(maximum)s.")
            % {"number": number, "minimum": minimum, "maximum": maximum}
        )
    return number
