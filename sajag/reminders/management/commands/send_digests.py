"""Send today's digests. Schedule it once a day (docs/deploy.md: a systemd timer or cron): it
queues the sending as a job for the task workers and, with --wait, waits for its outcome."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from sajag.campaigns.access import current_campaign
from sajag.campaigns.models import Campaign
from sajag.clock import today
from sajag.reminders import digest
from sajag.reminders.models import DigestRun


class Command(BaseCommand):
    help = "Email (and SMS) each officer their overdue and due-soon work; escalate long-overdue work."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", help="campaign short name (default: the current campaign)")
        parser.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="count what would be sent, send nothing")
        parser.add_argument(
            "--wait", type=int, default=0, metavar="SECONDS", help="wait this long for a worker to finish the sending"
        )

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
        if options["dry_run"]:
            counts = digest.send(campaign, today=day, dry_run=True, stdout=self.stderr)
            self.stdout.write(f"{campaign.slug} {day}: would send {counts['email']} emails and {counts['sms']} SMS")
            return
        run = digest.queue_run(campaign, day=day)
        deadline = time.monotonic() + options["wait"]
        while run.is_active and time.monotonic() < deadline:
            time.sleep(0.5)
            run.refresh_from_db()
        if run.is_active:
            self.stdout.write(f"{campaign.slug} {day}: digests queued as job {run.pk}; a worker will send them")
            return
        self.stdout.write(f"{campaign.slug} {day}: {run.message}")
        if run.state != DigestRun.State.DONE:
            raise CommandError(run.message or f"the digests job ended {run.state}")
