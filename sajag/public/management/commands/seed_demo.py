from django.core.management.base import BaseCommand

from sajag.campaigns.seed import DEMO_PASSWORD
from sajag.public.demo import seed_demo


class Command(BaseCommand):
    help = "Load reference data and the seeded October campaign with demo users, reports and records (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, quiet_logins=False, **options):
        campaign, logins, reports, records = seed_demo()
        self.stdout.write(f"Campaign: {campaign.name_en} ({reports} demo reports and {records} records added)")
        if quiet_logins:
            return
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(x.role) for x in logins)
        for x in logins:
            self.stdout.write(f"  {x.role:<{width}}  {x.username:<18} {x.description}")
