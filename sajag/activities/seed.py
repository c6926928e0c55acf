"""Demo channel records with generated photos (carrying EXIF time and GPS), so the evidence
panels and the map have something to show. Idempotent: records are keyed by client id."""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid

from PIL import Image, ImageDraw

from sajag.campaigns.models import Assignment, Campaign, Channel, Status

from . import actions
from .models import BillRun, Hoarding, OutreachMeeting, Topic

NAMESPACE = uuid.UUID("6a1c0d1e-1930-4e3b-9a55-5a1a95a1a930")
# A point near the centre of each district with demo records (district headquarters).
DEMO_SITES = {
    "jaipur": [
        (26.9157, 75.8163, "Ajmeri Gate"),
        (26.8930, 75.8040, "Tonk Phatak"),
        (26.9239, 75.8267, "Badi Chaupar"),
    ],
    "jodhpur": [(26.2920, 73.0190, "Jalori Gate"), (26.2720, 73.0060, "Paota Circle")],
    "ajmer": [(26.4560, 74.6350, "Gandhi Bhawan Chauraha")],
    "kota": [(25.1800, 75.8380, "Kotri Chauraha"), (25.1450, 75.8480, "Gumanpura")],
    "udaipur": [(24.5790, 73.6900, "Surajpole"), (24.5870, 73.7120, "Delhi Gate")],
    "bikaner": [(28.0180, 73.3120, "Kote Gate")],
    "alwar": [(27.5600, 76.6050, "Hope Circus")],
    "bharatpur": [(27.2170, 77.4900, "Binarayan Gate")],
}


def photo_bytes(text: str, lat: float, lon: float, when: dt.datetime) -> bytes:
    """A small JPEG with the campaign's number on it and EXIF capture time and GPS."""
    image = Image.new("RGB", (640, 360), (11, 79, 138))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 340), outline=(255, 255, 255), width=6)
    draw.text((60, 120), "1930", fill=(255, 255, 255), font_size=120)
    draw.text((60, 280), text[:50], fill=(255, 255, 255), font_size=24)
    exif = Image.Exif()
    exif[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = ("N" if lat >= 0 else "S"), _dms(abs(lat))
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), _dms(abs(lon))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    s = round((value - d - m / 60) * 3600, 2)
    return (float(d), float(m), s)


def seed_records(campaign: Campaign) -> int:
    rng = random.Random(1930)  # noqa: S311 — a reproducible demo, not security
    made = 0
    reported = Assignment.objects.filter(directive__meeting__campaign=campaign).exclude(status=Status.PENDING)
    for code, sites in DEMO_SITES.items():
        for a in reported.filter(district__code=code).select_related("directive", "district", "department", "report"):
            made += _seed_assignment(a, sites, rng)
    made += _seed_bills_and_meetings_elsewhere(reported.exclude(district__code__in=DEMO_SITES), rng)
    return made


def _seed_bills_and_meetings_elsewhere(reported, rng) -> int:
    """Every other reported bill run and meeting, without photos: enough for the reach map."""
    from sajag.geo.models import District

    households = dict(District.objects.values_list("pk", "households_2011"))
    made = 0
    for a in reported.select_related("directive__meeting__campaign", "district", "department", "report"):
        client_id = uuid.uuid5(NAMESPACE, f"{a.pk}-elsewhere")
        channel = a.directive.channel
        day = a.directive.meeting.campaign.starts_on + dt.timedelta(days=rng.randint(2, 12))
        if channel == Channel.UTILITY_BILLS:
            share = rng.uniform(0.35, 0.9) if a.department.code == "energy" else rng.uniform(0.05, 0.2)
            utility = a.district.discom_list()[0] if a.department.code == "energy" else f"PHED {a.district.name_en}"
            model = BillRun
            fields = {
                "department": a.department,
                "utility": utility,
                "cycle": day.replace(day=1),
                "bills_printed": int(households[a.district_id] * share),
            }
        elif channel in (Channel.TEACHER_MEETINGS, Channel.BANK_TRADER_MEETINGS):
            model = OutreachMeeting
            kind = "teachers_union" if channel == Channel.TEACHER_MEETINGS else "bank"
            fields = {
                "kind": kind,
                "held_on": day,
                "venue": "Collectorate meeting hall",
                "organisations": "",
                "attendees": rng.randint(30, 150),
                "topics": [t.value for t in Topic],
            }
        else:
            continue
        if model.objects.filter(client_id=client_id).exists():
            continue
        try:
            actions.record_with_evidence(
                model=model, assignment=a, by=a.report.submitted_by, fields=fields, client_id=client_id
            )
            made += 1
        except actions.DuplicateRecord:
            pass
    return made


def _seed_assignment(a: Assignment, sites, rng) -> int:
    by = a.report.submitted_by
    made = 0
    for i, (lat, lon, site) in enumerate(sites):
        client_id = uuid.uuid5(NAMESPACE, f"{a.pk}-{i}")
        day = a.directive.meeting.campaign.starts_on + dt.timedelta(days=3 + i)
        when = dt.datetime.combine(day, dt.time(10 + i, 15))
        fields, model = _fields(a, i, lat, lon, site, day, rng)
        if model is None or model.objects.filter(client_id=client_id).exists():
            continue
        photo = actions.Upload(f"IMG_{a.pk}_{i}.jpg", photo_bytes(f"{site}, {a.district.name_en}", lat, lon, when))
        try:
            actions.record_with_evidence(
                model=model, assignment=a, by=by, fields=fields, uploads=[photo], client_id=client_id
            )
            made += 1
        except actions.DuplicateRecord:
            pass
        if model is BillRun:
            break  # one bill run per utility and month
    return made


def _fields(a: Assignment, i: int, lat, lon, site, day, rng):
    channel = a.directive.channel
    if channel == Channel.HOARDINGS:
        return {
            "city": a.district.name_en,
            "site": site,
            "latitude": lat,
            "longitude": lon,
            "size": "20x10 ft",
            "language": "hi",
            "installed_on": day,
            "daily_passers_by": rng.randint(4, 30) * 1000,
        }, Hoarding
    if channel in (Channel.TEACHER_MEETINGS, Channel.BANK_TRADER_MEETINGS):
        kind = "teachers_union" if channel == Channel.TEACHER_MEETINGS else ("bank" if i % 2 == 0 else "traders")
        return {
            "kind": kind,
            "held_on": day,
            "venue": f"{site} meeting hall",
            "latitude": lat,
            "longitude": lon,
            "organisations": "SBI; PNB; Vyapar Mandal" if kind != "teachers_union" else "Rajasthan Shikshak Sangh",
            "attendees": rng.randint(25, 120),
            "topics": [t.value for t in Topic][: 3 + i],
        }, OutreachMeeting
    if channel == Channel.UTILITY_BILLS:
        utility = a.district.discom_list()[0] if a.department.code == "energy" else f"PHED {a.district.name_en} City"
        return {
            "department": a.department,
            "utility": utility,
            "cycle": day.replace(day=1),
            "bills_printed": rng.randint(80, 400) * 1000,
        }, BillRun
    return None, None
