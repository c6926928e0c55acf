"""One archive with the whole database and the media files, and its restore.

The archive (tar.gz) holds ``manifest.json`` (when, from which database, the migrations it
needs, rows per table), ``data.json`` (Django's dumpdata in JSON, exactly as stored: text keeps
its leading and trailing spaces and newlines, which Django's XML loader would trim, and
timestamps keep their microseconds, which Django's own JSON encoder would round to milliseconds;
every table but content types, permissions and sessions, foreign keys to content types and
permissions by natural key so the archive restores into any fresh database, SQLite or
PostgreSQL) and ``media/`` (uploads, evidence, kits, reports). Restoring needs the same
migrations applied; it empties the database and the media folder first, and loads everything in
one transaction. Archives of the first format (``data.xml``) still restore, as they were saved.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from auditlog.context import disable_auditlog
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as json_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
FORMAT = 2
DATA_FILES = {1: "data.xml", 2: "data.json"}  # the database's file in each format restore reads
SERIALIZER = "sajag-backup"  # this module, registered with Django's serializers for dumpdata


class _ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()  # to the microsecond
        return super().default(o)


class Serializer(json_serializer.Serializer):
    """Django's JSON serializer, timestamps to the microsecond."""

    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = _ExactEncoder


Deserializer = json_serializer.Deserializer


class BackupError(RuntimeError):
    pass


def _migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def counts() -> dict[str, int]:
    skip = {"contenttypes", "sessions"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip and model._meta.label != "auth.Permission"
    }


def backup(path: Path) -> dict:
    """Write the archive to ``path``; return its manifest."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="sajag-backup-") as tmp:
        data = Path(tmp) / DATA_FILES[FORMAT]
        serializers.register_serializer(SERIALIZER, __name__)
        # One consistent read of every table, written as UTF-8 whatever the server's locale.
        with transaction.atomic(), data.open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                exclude=EXCLUDE,
                format=SERIALIZER,
                natural_foreign=True,
                stdout=out,
                verbosity=0,
            )
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": _migrations(),
                "rows": counts(),
            }
        with tarfile.open(path, "w:gz") as tar:
            blob = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
            tar.add(data, arcname=data.name)
            if media.exists():
                tar.add(media, arcname="media", filter=_skip_building)
    return manifest


def _skip_building(info: tarfile.TarInfo):
    return None if "/building/" in info.name else info


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("not a Sajag backup: no manifest.json")
        return json.load(member)


def restore(path: Path) -> dict:
    """Replace the database's contents and the media folder with the archive's."""
    manifest = read_manifest(path)
    if manifest.get("format") not in DATA_FILES:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    missing = sorted(set(manifest["migrations"]) - set(_migrations()))
    extra = sorted(set(_migrations()) - set(manifest["migrations"]))
    if missing or extra:
        raise BackupError(
            "the database's migrations differ from the backup's: "
            + (f"not applied here: {', '.join(missing[:5])}. " if missing else "")
            + (f"applied here only: {', '.join(extra[:5])}. " if extra else "")
            + "Migrate to the backup's version first."
        )
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="sajag-restore-") as tmp:
        with tarfile.open(path, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        with transaction.atomic(), disable_auditlog():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(tmp) / DATA_FILES[manifest["format"]]), verbosity=0)
        if media.exists():
            shutil.rmtree(media)
        if (Path(tmp) / "media").exists():
            shutil.copytree(Path(tmp) / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    found = counts()
    differ = {k: (v, found.get(k)) for k, v in manifest["rows"].items() if found.get(k) != v}
    if differ:
        raise BackupError(f"restored row counts differ from the backup's: {differ}")
    return manifest
