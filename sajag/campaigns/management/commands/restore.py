"""python manage.py restore FILE.tar.gz --yes — replace everything with the archive's contents."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sajag.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Replace the database's contents and the media files with a backup archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="confirm: everything now stored is replaced")

    def handle(self, *args, archive: str, yes: bool, **options) -> None:
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"no such file: {archive}")
        try:
            manifest = read_manifest(path)
        except (BackupError, OSError, ValueError) as exc:
            raise CommandError(f"{archive}: {exc}") from exc
        if not yes:
            raise CommandError(
                f"{archive} was made {manifest['created']} from {manifest['database']}; "
                "restoring replaces everything stored now. Run again with --yes."
            )
        try:
            restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {archive}: {sum(manifest['rows'].values())} rows")
