from django.core.management.base import BaseCommand

from sajag.links.counter import recover, spool_dir


class Command(BaseCommand):
    help = (
        "Count the short-link visits left in the spools of server workers that stopped or were killed "
        "(each exactly once), then delete those spools. Safe to run at any time, also while the server runs."
    )

    def handle(self, *args, **options) -> None:
        n = recover()
        self.stdout.write(f"{n} visits recovered from {spool_dir()}")
