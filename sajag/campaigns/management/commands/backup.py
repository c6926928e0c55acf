"""python manage.py backup FILE.tar.gz — the database and the media files in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from sajag.backup import backup


class Command(BaseCommand):
    help = "Write the whole database and the media files to one archive (tar.gz)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")

    def handle(self, *args, archive: str, **options) -> None:
        manifest = backup(Path(archive))
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"wrote {archive}: {rows} rows in {len(manifest['rows'])} tables, from {manifest['database']}"
        )
