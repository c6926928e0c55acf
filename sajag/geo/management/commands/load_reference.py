from django.core.management.base import BaseCommand, CommandError

from sajag.geo.reference import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load districts, census 2011 figures, population shares and departments (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_reference_data()
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
