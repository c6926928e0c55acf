"""Daily digests: each posting holder's open work that is overdue or due within three days;
work overdue by more than N days also goes to the officer above (the department's nodal
officer, then the state nodal officer at twice N)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sajag.campaigns.holders import Holders
from sajag.campaigns.models import OPEN_STATUSES, Assignment, Campaign
from sajag.core import jobs

from . import sms
from .models import DigestRun, DigestSent

DUE_SOON_DAYS = 3


@dataclass
class Line:
    assignment: Assignment
    due_on: dt.date
    days_late: int  # negative: days left

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass
class Digest:
    user: object
    own: list[Line] = field(default_factory=list)
    escalated: list[Line] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.own or self.escalated)


def escalate_after() -> int:
    return int(getattr(settings, "SAJAG_ESCALATE_AFTER_DAYS", 3))


def digests(campaign: Campaign, *, today: dt.date, after: int | None = None) -> list[Digest]:
    after = escalate_after() if after is None else after
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    open_work = (
        Assignment.objects.filter(directive__meeting__campaign=campaign, status__in=OPEN_STATUSES, due_on__lte=horizon)
        .select_related("directive", "department", "district")
        .order_by("due_on", "directive__number")
    )
    holders = Holders()
    by_user: dict[int, Digest] = {}

    def digest_of(posting) -> Digest:
        return by_user.setdefault(posting.user_id, Digest(posting.user))

    for a in open_work:
        line = Line(a, a.due_on, (today - a.due_on).days)
        mine = holders.of(a)
        for posting in mine:
            digest_of(posting).own.append(line)
        if line.days_late > after:
            above = holders.above(a)
            if line.days_late > 2 * after:
                above = above + holders.state()
            seen = {p.user_id for p in mine}
            for posting in above:
                if posting.user_id not in seen:
                    seen.add(posting.user_id)
                    digest_of(posting).escalated.append(line)
    return [d for d in by_user.values() if not d.empty]


def render_text(digest: Digest, *, today: dt.date, base_url: str) -> tuple[str, str]:
    """(subject, body) in the officer's language."""
    with translation.override(digest.user.language):
        overdue = sum(1 for line in digest.own if line.overdue)
        subject = _("Sajag: %(overdue)s overdue, %(soon)s due soon — %(day)s") % {
            "overdue": overdue,
            "soon": len(digest.own) - overdue,
            "day": today.strftime("%d-%m-%Y"),
        }
        body = render_to_string(
            "reminders/digest.txt",
            {"d": digest, "today": today, "base": base_url.rstrip("/"), "dashboard": reverse("campaigns:dashboard")},
        )
        return subject, body


def sms_text(digest: Digest) -> str:
    with translation.override(digest.user.language):
        overdue = sum(1 for line in digest.own if line.overdue)
        return _("Sajag: %(overdue)s overdue, %(soon)s due within 3 days, %(below)s overdue below you.") % {
            "overdue": overdue,
            "soon": len(digest.own) - overdue,
            "below": len(digest.escalated),
        }


def send(campaign: Campaign, *, today: dt.date, dry_run: bool = False, sms_sender=None, stdout=None) -> dict[str, int]:
    """Send today's digests by email (and SMS where the officer has a mobile number); each
    officer gets at most one of each per day. Returns counts."""
    counts = {"email": 0, "sms": 0, "skipped": 0, "failed": 0}
    base = settings.SAJAG_PUBLIC_URL
    texter = sms_sender
    for digest in digests(campaign, today=today):
        user = digest.user
        for channel, address in ((DigestSent.Channel.EMAIL, user.email), (DigestSent.Channel.SMS, user.mobile)):
            if not address:
                continue
            if dry_run:
                counts[channel] += 1
                continue
            try:
                with transaction.atomic():
                    DigestSent.objects.create(
                        user=user, day=today, channel=channel, own=len(digest.own), escalated=len(digest.escalated)
                    )
                    if channel == DigestSent.Channel.EMAIL:
                        subject, body = render_text(digest, today=today, base_url=base)
                        send_mail(subject, body, None, [address])
                    else:
                        texter = texter or sms.sender()
                        texter.send(address, sms_text(digest))
            except IntegrityError:
                counts["skipped"] += 1  # already sent today
                continue
            except (sms.SmsError, OSError) as exc:
                counts["failed"] += 1
                if stdout:
                    stdout.write(f"{user.username} {channel}: {exc}\n")
                continue
            counts[channel] += 1
    return counts


def send_run(run, progress) -> None:
    """The digests job (``DigestRun``): send the day's digests and keep the counts; a digest
    that could not be sent fails the run with the count, so that the timer's log shows it."""
    progress(step=_("Sending the digests"), force=True)
    counts = send(run.campaign, today=run.day)
    run.counts = counts
    run.message = (
        _("%(email)s emails and %(sms)s SMS sent; %(skipped)s already sent today; %(failed)s failed.") % counts
    )
    if counts["failed"]:
        run.state = run.State.FAILED


def queue_run(campaign: Campaign, *, day: dt.date):
    """Queue today's sending as a job (the daily timer runs ``send_digests``)."""
    return jobs.start(DigestRun.objects.create(campaign=campaign, day=day, ui_language="en"))
