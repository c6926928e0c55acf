"""Send today's digests. Schedule it once a day (docs/deploy.md: a systemd timer or cron)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from sajag.campaigns.access import current_campaign
from sajag.campaigns.models import Campaign
from sajag.clock import today
from sajag.reminders import digest


class Command(BaseCommand):
    help = "Email (and SMS) each officer their overdue and due-soon work; escalate long-overdue work."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", help="campaign short name (default: the current campaign)")
        parser.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="count what would be sent, send nothing")

    def handle(self, *args, **options) -> None:
        campaign = (
            Campaign.objects.filter(slug=options["campaign"]).first() if options["campaign"] else current_campaign()
        )
        if campaign is None:
            raise CommandError("No such campaign.")
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else today()
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        counts = digest.send(campaign, today=day, dry_run=options["dry_run"], stdout=self.stderr)
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(
            f"{campaign.slug} {day}: {verb} {counts['email']} emails and {counts['sms']} SMS; "
            f"{counts['skipped']} already sent today; {counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} digests could not be sent")
