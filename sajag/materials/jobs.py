"""Kit builds in a background thread, one district after another, with visible progress."""

from __future__ import annotations

import logging
import threading
import time
import uuid

from django.core.files.base import File
from django.db import OperationalError, close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kits
from .catalog import Studio
from .guards import Blocked
from .models import KitBuild
from .printer import PrinterUnavailable

log = logging.getLogger(__name__)


def queue(campaign, districts, user) -> list[KitBuild]:
    """Queue one build per district (one batch) and start the thread once the rows are saved."""
    batch = uuid.uuid4().hex[:12]
    builds = [KitBuild.objects.create(campaign=campaign, district=d, created_by=user, batch=batch) for d in districts]
    thread = threading.Thread(target=_run, args=([b.pk for b in builds],), daemon=True, name=f"kits-{batch}")
    transaction.on_commit(thread.start)
    return builds


def _run(ids: list[int]) -> None:
    try:
        run(ids)
    finally:
        close_old_connections()


def run(ids: list[int]) -> None:
    for pk in ids:
        build_one(pk)


def build_one(pk: int) -> KitBuild:
    kit = KitBuild.objects.select_related("campaign", "district", "created_by").get(pk=pk)
    studio = Studio(kit.campaign, user=kit.created_by)
    kit.state, kit.total = KitBuild.State.RUNNING, kits.count(studio)
    saved(lambda: kit.save(update_fields=["state", "total"]))
    last = [0.0]

    def progress(done: int, path: str) -> None:
        now = time.monotonic()
        if now - last[0] > 0.5 or done == kit.total:  # a few writes a second, not one per file
            last[0] = now
            try:
                KitBuild.objects.filter(pk=kit.pk).update(done=done, step=path[-120:])
            except OperationalError:  # a busy database: the progress shows the next one
                log.warning("kit %s: progress not written (database busy)", kit.pk)

    name = f"sajag-kit-{kits.folder(kit.district)}-{kit.batch}.zip"
    tmp = kit.tmp_path(name)
    try:
        files = kits.build(studio, kit.district, tmp, progress)
        with open(tmp, "rb") as fh:
            kit.file.save(name, File(fh), save=False)
    except Blocked as exc:
        kit.state = KitBuild.State.FAILED
        kit.message = _("Not built: %(asset)s — %(problems)s") % {
            "asset": exc.asset.name,
            "problems": " ".join(exc.asset.problems),
        }
    except PrinterUnavailable as exc:
        kit.state, kit.message = KitBuild.State.FAILED, _("The PDF printer is not available: %(why)s") % {"why": exc}
    except Exception:  # a bug must not leave the kit "building" forever
        log.exception("kit build %s failed", kit.pk)
        kit.state, kit.message = KitBuild.State.FAILED, _("The kit could not be built.")
    else:
        kit.state, kit.done, kit.size = KitBuild.State.DONE, files - 1, kit.file.size
        kit.message = _("%(files)s files.") % {"files": files}
    finally:
        tmp.unlink(missing_ok=True)
    kit.finished_at = timezone.now()
    saved(kit.save)
    return kit


def saved(write, tries: int = 10) -> None:
    """Write the outcome even if the database is briefly busy (SQLite under load)."""
    for attempt in range(tries):
        try:
            return write()
        except OperationalError:
            if attempt == tries - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
