"""The seeded October campaign of the brief: its meeting, five directives, assignments for every
district, demo users for every role, and a spread of demo reports as of the third week of
October. Idempotent: loading it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password
from django.db import transaction

from sajag.accounts.models import Posting, Role, User
from sajag.geo.models import Department, District
from sajag.geo.reference import load_reference_data

from . import actions
from .models import Assignment, Campaign, Channel, Directive, DirectiveScope, Meeting, ReportEvent, Responsibility

DEMO_PASSWORD = "sajag-demo-2026"  # noqa: S105 — printed by `make demo`; demo data only
DEMO_AS_OF = dt.date(2026, 10, 21)  # the third week of October
IST = ZoneInfo("Asia/Kolkata")

CAMPAIGN = {
    "slug": "cyber-awareness-october-2026",
    "name_en": "Statewide cyber-safety awareness campaign, October 2026",
    "name_hi": "प्रदेशव्यापी साइबर सुरक्षा जागरूकता अभियान, अक्टूबर 2026",
    "starts_on": dt.date(2026, 10, 1),
    "ends_on": dt.date(2026, 10, 31),
    "goal_en": "Make the National Cyber Helpline 1930 reach every person in the state.",
    "goal_hi": "प्रदेश में प्रत्येक व्यक्ति तक राष्ट्रीय साइबर हेल्पलाइन नंबर 1930 की पहुंच सुनिश्चित करना।",
}

# The news report says only "Friday"; 25 Sep 2026 is the Friday before the campaign month.
MEETING = {
    "title_en": "High-level meeting on cyber-fraud prevention and cyber awareness",
    "title_hi": "साइबर ठगी से रोकथाम एवं साइबर जागरूकता को लेकर उच्च स्तरीय बैठक",
    "chair_en": "Bhaskar A. Sawant, Additional Chief Secretary, Home Department",
    "chair_hi": "भास्कर ए. सावंत, अतिरिक्त मुख्य सचिव, गृह विभाग",
    "held_on": dt.date(2026, 9, 25),
    "place_en": "Shasan Sachivalaya (Secretariat), Jaipur",
    "place_hi": "शासन सचिवालय, जयपुर",
    "attendees_en": "\n".join(
        [
            "Ravi Kumar Surpur, Secretary, Information Technology & Communication department",
            "Sachin Mittal, Additional Director General of Police",
            "Mahendra Kumar Khinchi, Joint Secretary, Home department",
            "Dr. Gordhan Lal Sharma, Additional Director (Administration), I&PR department",
            "Officers of the Energy, PHED, Consumer Affairs and Education departments",
        ]
    ),
    "attendees_hi": "\n".join(
        [
            "रवि कुमार सुरपुर, शासन सचिव, सूचना प्रौद्योगिकी और संचार विभाग",
            "सचिन मित्तल, अतिरिक्त पुलिस महानिदेशक",
            "महेंद्र कुमार खींची, संयुक्त शासन सचिव, गृह विभाग",
            "डॉ. गोरधन लाल शर्मा, अतिरिक्त निदेशक (प्रशासन), सूचना एवं जनसंपर्क विभाग",
            "ऊर्जा, पीएचईडी, उपभोक्ता मामले एवं शिक्षा विभाग के अधिकारी",
        ]
    ),
}


@dataclass(frozen=True)
class DirectiveSpec:
    number: int
    departments: tuple[str, ...]
    responsibility: str
    channel: str
    short_en: str
    short_hi: str
    text_en: str
    text_hi: str
    target: int
    unit_en: str
    unit_hi: str
    due_on: dt.date


# The five directives of the brief, in its words (Hindi spelling slips of the news report
# corrected: एटीएम, इंस्टाग्राम). Targets and due dates are the demo's: the report gives none.
DIRECTIVES = [
    DirectiveSpec(
        1,
        ("ipr",),
        Responsibility.DEPARTMENT,
        Channel.HOARDINGS,
        "Hoardings at city intersections",
        "शहर के चौराहों पर होर्डिंग्स",
        "Put up hoardings at the major intersections (chauraha) of cities about the National Cyber "
        "Helpline 1930 and the prevention of cyber crime.",
        "शहर के प्रमुख चौराहों पर राष्ट्रीय साइबर हेल्प लाइन नं. 1930 और साइबर अपराधों की रोकथाम के प्रति "
        "जागरूकता के लिए होर्डिंग्स लगवाना।",
        10,
        "hoardings",
        "होर्डिंग्स",
        dt.date(2026, 10, 10),
    ),
    DirectiveSpec(
        2,
        ("ipr",),
        Responsibility.DEPARTMENT,
        Channel.SOCIAL_MEDIA,
        "Social media with local influencers",
        "स्थानीय इंफ्लुएंसर्स के साथ सोशल मीडिया",
        "In the districts, publicise on social media — Instagram, Facebook and X handles — together "
        "with local influencers.",
        "जिलों में सोशल मीडिया जैसे इंस्टाग्राम, फेसबुक एवं एक्स हैंडल्स पर स्थानीय इंफ्लुएंसर्स के साथ मिलकर प्रचार-प्रसार करना।",
        20,
        "posts",
        "पोस्ट",
        dt.date(2026, 10, 25),
    ),
    DirectiveSpec(
        3,
        ("energy", "phed"),
        Responsibility.DEPARTMENT,
        Channel.UTILITY_BILLS,
        "1930 on consumer bills",
        "उपभोक्ता बिलों पर 1930",
        "Print the 1930 helpline number on consumer bills (electricity and water).",
        "उपभोक्ता बिलों पर 1930 हेल्प लाइन नम्बर का प्रकाशन करना।",
        1,
        "billing cycle",
        "बिलिंग चक्र",
        dt.date(2026, 10, 31),
    ),
    DirectiveSpec(
        4,
        ("education",),
        Responsibility.DEPARTMENT,
        Channel.TEACHER_MEETINGS,
        "Meetings with teachers' unions",
        "शिक्षक संघों के साथ बैठक",
        "Hold meetings with teachers' associations to make them aware of cyber safety: not sharing "
        "OTP and ATM password (PIN), not clicking unknown links, keeping one's password confidential, "
        "data privacy, digital payment safety, and other safety provisions.",
        "शिक्षक संघों के साथ बैठक आयोजित कर साइबर सुरक्षा जागरूकता पहलुओं जैसे ओटीपी, एटीएम पासवर्ड साझा नहीं "
        "करना, अनजान लिंक्स पर क्लिक नहीं करने, अपने पासवर्ड को गोपनीय रखने, डाटा प्राइवेसी, डिजिटल पेमेंट "
        "सेफ्टी आदि से संबंधित सुरक्षा प्रावधानों के बारे में जागरूक करना।",
        2,
        "meetings",
        "बैठकें",
        dt.date(2026, 10, 15),
    ),
    DirectiveSpec(
        5,
        (),
        Responsibility.COLLECTOR_SP,
        Channel.BANK_TRADER_MEETINGS,
        "Collector and SP: banks and traders",
        "कलक्टर एवं एसपी: बैंक व व्यापारी",
        "The District Collector and SP hold meetings with the district's top banks and traders' "
        "associations to make the public aware of Helpline 1930 and other aspects of cyber security.",
        "जिला कलक्टर एवं एसपी अपने जिले के शीर्ष बैंकों, व्यापारी संघों के साथ बैठक आयोजित कर आमजन को हेल्प "
        "लाइन नं. 1930 के बारे में एवं अन्य साइबर सुरक्षा संबंधी पहलुओं के बारे में जागरूक करें।",
        2,
        "meetings",
        "बैठकें",
        dt.date(2026, 10, 15),
    ),
]

# District officers who report on department assignments: (username prefix, department, title).
DISTRICT_OFFICERS = [
    ("dpro", "ipr", "District Public Relations Officer"),
    ("deo", "education", "District Education Officer"),
    ("discom", "energy", "Discom Executive Engineer"),
    ("phed", "phed", "PHED Executive Engineer"),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    description: str


def _user(username: str, first: str, last: str, password_hash: str, language: str = "hi") -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "password": password_hash, "language": language},
    )
    return user


def _posting(user: User, role: str, *, department=None, district=None, title: str = "") -> None:
    Posting.objects.get_or_create(
        user=user, role=role, department=department, district=district, defaults={"title": title}
    )


def seed_users(password_hash: str) -> list[DemoLogin]:
    depts = {d.code: d for d in Department.objects.all()}
    state = _user("state.nodal", "Demo", "State Nodal Officer", password_hash)
    _posting(state, Role.STATE_NODAL, department=depts["home"], title="Joint Secretary, Home (state nodal officer)")
    for code in ("ipr", "energy", "phed", "education", "police", "consumer", "itc"):
        nodal = _user(f"{code}.nodal", "Demo", f"{depts[code].abbr_en} Nodal Officer", password_hash)
        _posting(nodal, Role.DEPT_NODAL, department=depts[code], title=f"{depts[code].abbr_en} nodal officer")
    viewer = _user("viewer", "Demo", "Viewer", password_hash, "en")
    _posting(viewer, Role.VIEWER, title="Read-only, statewide")
    for district in District.objects.all():
        for prefix, role, title in (
            ("collector", Role.COLLECTOR, "District Collector"),
            ("sp", Role.SP, "Superintendent of Police"),
        ):
            u = _user(f"{prefix}.{district.code}", "Demo", f"{title} {district.name_en}", password_hash)
            _posting(u, role, district=district, title=f"{title}, {district.name_en}")
        for prefix, dept, title in DISTRICT_OFFICERS:
            u = _user(f"{prefix}.{district.code}", "Demo", f"{title} {district.name_en}", password_hash)
            _posting(
                u,
                Role.DISTRICT_OFFICER,
                district=district,
                department=depts[dept],
                title=f"{title}, {district.name_en}",
            )
    jaipur = District.objects.get(code="jaipur")
    field = _user("field.jaipur", "Demo", "Field Staff Jaipur", password_hash)
    _posting(field, Role.FIELD_STAFF, district=jaipur, department=depts["ipr"], title="I&PR field staff, Jaipur")
    return [
        DemoLogin("State nodal officer", "state.nodal", "sees and verifies everything"),
        DemoLogin(
            "Department nodal officer",
            "ipr.nodal",
            "I&PR across districts (also energy.nodal, phed.nodal, education.nodal, police.nodal)",
        ),
        DemoLogin(
            "District Collector",
            "collector.jaipur",
            "Jaipur only (collector.<district> for any district, e.g. collector.ajmer)",
        ),
        DemoLogin("Superintendent of Police", "sp.jaipur", "Jaipur only"),
        DemoLogin("District department officer", "dpro.jaipur", "I&PR in Jaipur (also deo., discom., phed.<district>)"),
        DemoLogin("Field staff", "field.jaipur", "I&PR Jaipur, read-only for now"),
        DemoLogin("Viewer", "viewer", "read-only, statewide"),
    ]


def seed_campaign() -> tuple[Campaign, bool]:
    campaign, created = Campaign.objects.get_or_create(slug=CAMPAIGN["slug"], defaults=CAMPAIGN)
    meeting, _ = Meeting.objects.get_or_create(campaign=campaign, title_en=MEETING["title_en"], defaults=MEETING)
    depts = {d.code: d for d in Department.objects.all()}
    for spec in DIRECTIVES:
        directive, made = Directive.objects.get_or_create(
            meeting=meeting,
            number=spec.number,
            defaults={
                "text_en": spec.text_en,
                "text_hi": spec.text_hi,
                "short_en": spec.short_en,
                "short_hi": spec.short_hi,
                "responsibility": spec.responsibility,
                "channel": spec.channel,
                "target_number": spec.target,
                "target_unit_en": spec.unit_en,
                "target_unit_hi": spec.unit_hi,
                "scope": DirectiveScope.EVERY_DISTRICT,
                "due_on": spec.due_on,
            },
        )
        if made:
            directive.departments.set([depts[c] for c in spec.departments])
        actions.generate_assignments(directive=directive)
    return campaign, created


def _reporter_username(assignment: Assignment) -> str:
    if assignment.department_id is None:
        return f"collector.{assignment.district.code}"
    prefix = next(p for p, dept, _ in DISTRICT_OFFICERS if dept == assignment.department.code)
    return f"{prefix}.{assignment.district.code}"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=IST)


def seed_demo_reports(campaign: Campaign, *, as_of: dt.date = DEMO_AS_OF) -> int:
    """A deterministic spread of reports: mostly done where the work was due, less where not."""
    rng = random.Random(2026)  # noqa: S311 — a reproducible demo spread, not security
    users = {u.username: u for u in User.objects.all()}
    state = users["state.nodal"]
    made = 0
    assignments = Assignment.objects.filter(directive__meeting__campaign=campaign).select_related(
        "department", "district", "directive"
    )
    for a in assignments.order_by("pk"):
        due_passed = a.due_on < as_of
        roll = rng.random()
        outcome = (
            ("verified" if roll < 0.55 else "reported" if roll < 0.75 else "returned" if roll < 0.83 else None)
            if due_passed
            else ("verified" if roll < 0.12 else "reported" if roll < 0.35 else "returned" if roll < 0.40 else None)
        )
        if outcome is None:
            continue
        reporter = users[_reporter_username(a)]
        day = max(
            campaign.starts_on, min(as_of - dt.timedelta(days=1), a.due_on - dt.timedelta(days=rng.randint(0, 6)))
        )
        target = a.directive.target_number or 1
        achieved = max(1, round(target * rng.uniform(0.6, 1.3)))
        summary = _demo_summary(a, achieved)
        report = actions.submit_report(
            assignment=a, by=reporter, summary=summary, achieved_number=achieved, expected_version=0, at=_at(day, 11)
        )
        review_day = min(as_of, day + dt.timedelta(days=rng.randint(1, 3)))
        if outcome == "verified":
            actions.verify_report(assignment=a, by=state, expected_version=report.version, at=_at(review_day, 16))
        elif outcome == "returned":
            actions.return_report(
                assignment=a,
                by=state,
                remark="फोटो और स्थान का विवरण जोड़ें। / Add photos and the locations.",
                expected_version=report.version,
                at=_at(review_day, 16),
            )
        made += 1
    return made


def _demo_summary(a: Assignment, n: int) -> str:
    district = a.district.name_hi if a.district else ""
    by_channel = {
        Channel.HOARDINGS: f"{district} शहर के प्रमुख चौराहों पर {n} होर्डिंग्स लगाए गए। / "
        f"{n} hoardings put up at major intersections.",
        Channel.SOCIAL_MEDIA: f"जिले के हैंडल और स्थानीय इंफ्लुएंसर्स द्वारा {n} पोस्ट। / "
        f"{n} posts by the district handle and local influencers.",
        Channel.UTILITY_BILLS: "अक्टूबर बिलिंग चक्र के सभी बिलों पर 1930 मुद्रित। / 1930 printed on all October bills.",
        Channel.TEACHER_MEETINGS: f"शिक्षक संघों के साथ {n} बैठकें, छह सुरक्षा नियमों पर चर्चा। / "
        f"{n} meetings with teachers' unions on the six rules.",
        Channel.BANK_TRADER_MEETINGS: f"प्रमुख बैंकों व व्यापार मंडल के साथ {n} बैठकें। / "
        f"{n} meetings with top banks and traders' associations.",
    }
    return by_channel.get(a.directive.channel, f"{n} कार्य पूर्ण। / {n} done.")


@transaction.atomic
def seed_all() -> tuple[Campaign, list[DemoLogin], int]:
    load_reference_data()
    # Demo accounts are set-up, not campaign work: they stay out of the audit trail.
    with disable_auditlog():
        logins = seed_users(make_password(DEMO_PASSWORD))
    campaign, _ = seed_campaign()
    reports = 0
    # Demo reports go in once: after that the campaign's reports are the users' own.
    if not ReportEvent.objects.filter(assignment__directive__meeting__campaign=campaign).exists():
        reports = seed_demo_reports(campaign)
    return campaign, logins, reports
