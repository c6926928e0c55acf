"""District kits as jobs on the task queue (``sajag.core.jobs``): one job per district, so that
"all 41" spreads over every worker there is."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.core import jobs
from sajag.core.jobs import Failed, Refused
from sajag.core.printer import PrinterUnavailable

from . import kits
from .catalog import Studio
from .guards import Blocked
from .models import KitBuild


def queue(campaign, districts, user) -> list[KitBuild]:
    """Queue one build per district (one batch)."""
    allowed = set(access.kit_districts(user).values_list("pk", flat=True))
    if not districts or any(d.pk not in allowed for d in districts):
        raise PermissionDenied(_("Only the state, department nodal officers and district officers build kits."))
    batch = uuid.uuid4().hex[:12]
    lang = get_language() or "hi"
    builds = [
        KitBuild.objects.create(campaign=campaign, district=d, created_by=user, batch=batch, ui_language=lang)
        for d in districts
    ]
    return [jobs.start(b) for b in builds]


def build_kit(kit: KitBuild, progress) -> None:
    """Write the ZIP aside and attach it only once complete: a worker killed in the middle
    leaves no kit to download, and the retry writes the same file again from the start."""
    studio = Studio(kit.campaign, user=kit.created_by, make_links=True)
    progress(0, total=kits.count(studio), force=True)
    name = kit.zip_name()
    tmp = kit.tmp_path(name)
    try:
        files = kits.build(studio, kit.district, tmp, lambda done, path: progress(done, step=path[-120:]))
        with open(tmp, "rb") as fh:
            kit.file.save(name, File(fh), save=False)
    except Blocked as exc:
        raise Refused(
            _("Not built: %(asset)s — %(problems)s")
            % {"asset": exc.asset.name, "problems": " ".join(exc.asset.problems)}
        ) from exc
    except PrinterUnavailable as exc:
        raise Failed(_("The PDF printer is not available: %(why)s") % {"why": exc}) from exc
    finally:
        tmp.unlink(missing_ok=True)
    kit.done, kit.size = files - 1, kit.file.size
    kit.message = _("%(files)s files.") % {"files": files}
