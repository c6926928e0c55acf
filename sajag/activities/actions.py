"""The write side of field evidence: records and their files. Every write checks permission
and is audited; a bad file stores nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.campaigns.models import Assignment
from sajag.geo.models import District

from . import evidence as ev
from .models import Evidence, Influencer, RecordBase, SocialPost, SocialReading


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


class DuplicateRecord(Exception):
    """The record already exists (same natural key, or the same offline id sent again)."""

    def __init__(self, existing: RecordBase):
        super().__init__(str(existing))
        self.existing = existing


def _check(by, assignment: Assignment) -> None:
    if not access.may_add_record(by, assignment):
        raise PermissionDenied(_("You cannot add records to this assignment."))


def inspect_uploads(uploads: list[Upload]) -> list[tuple[Upload, ev.EvidenceInfo]]:
    """Check every file before anything is written; the first bad file names itself. The
    request's files and pixels are bounded from the headers before any photo is decoded."""
    ev.check_batch([(upload.name, upload.data) for upload in uploads])
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, ev.inspect_file(upload.data)))
        except ev.EvidenceError as exc:
            raise ev.EvidenceError(_("%(name)s: %(reason)s") % {"name": upload.name, "reason": exc}) from exc
    return checked


def add_record(
    *,
    model: type[RecordBase],
    assignment: Assignment,
    by,
    fields: dict,
    uploads: list[Upload] = (),
    client_id: uuid.UUID | None = None,
) -> RecordBase:
    """Create one channel record with its evidence, all or nothing. Sending the same offline
    record twice (same client_id) returns the stored one and adds nothing."""
    _check(by, assignment)
    return record_with_evidence(
        model=model, assignment=assignment, by=by, fields=fields, uploads=uploads, client_id=client_id
    )


def record_with_evidence(
    *,
    model: type[RecordBase],
    assignment: Assignment,
    by,
    fields: dict,
    uploads: list[Upload] = (),
    client_id: uuid.UUID | None = None,
) -> RecordBase:
    """add_record without the permission check: for callers that checked access themselves
    (the demo seed, which adds records to reports it has already verified)."""
    if client_id is not None:
        existing = model.objects.filter(client_id=client_id).first()
        if existing is not None:
            raise DuplicateRecord(existing)
    checked = inspect_uploads(list(uploads))
    try:
        with transaction.atomic(), set_actor(by):
            record = model.objects.create(
                assignment=assignment, district=assignment.district, created_by=by, client_id=client_id, **fields
            )
            for upload, info in checked:
                _store_evidence(record, upload, info, by)
    except IntegrityError as exc:
        existing = _find_existing(model, assignment, fields, client_id)
        if existing is not None:
            raise DuplicateRecord(existing) from exc
        raise
    return record


def _find_existing(model, assignment, fields, client_id):
    if client_id is not None and (hit := model.objects.filter(client_id=client_id).first()):
        return hit
    for constraint in model._meta.constraints:
        keys = getattr(constraint, "fields", ())
        if keys:
            lookup = {k: (assignment.district if k == "district" else fields.get(k)) for k in keys}
            if hit := model.objects.filter(**lookup).first():
                return hit
    if model is SocialPost and (hit := SocialPost.objects.filter(url=fields.get("url")).first()):
        return hit
    return None


def _store_evidence(record: RecordBase, upload: Upload, info: ev.EvidenceInfo, by) -> Evidence:
    taken_at = timezone.make_aware(info.taken_at) if info.taken_at else None
    item = Evidence(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        original_name=upload.name[:200],
        kind=info.kind,
        mime=info.mime,
        size=info.size,
        sha256=info.sha256,
        width=info.width,
        height=info.height,
        taken_at=taken_at,
        gps_lat=info.gps[0] if info.gps else None,
        gps_lon=info.gps[1] if info.gps else None,
        uploaded_by=by,
    )
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/heic": "heic", "application/pdf": "pdf"}[info.mime]
    item.file.save(f"{info.sha256[:16]}.{extension}", ContentFile(upload.data), save=False)
    if info.kind == "image":
        item.thumbnail.save(f"{info.sha256[:16]}.jpg", ContentFile(ev.thumbnail_jpeg(upload.data)), save=False)
        item.public_copy.save(f"{info.sha256[:16]}.jpg", ContentFile(ev.without_metadata(upload.data)), save=False)
    item.save()
    return item


def add_reading(*, post: SocialPost, by, read_on, reach=None, impressions=None, engagement=None) -> SocialReading:
    """A new reading of a post's figures; an earlier reading is kept, a same-day one updated."""
    _check(by, post.assignment)
    with transaction.atomic(), set_actor(by):
        reading, _created = SocialReading.objects.update_or_create(
            post=post,
            read_on=read_on,
            defaults={"reach": reach, "impressions": impressions, "engagement": engagement, "recorded_by": by},
        )
    return reading


def influencer_districts(user, *, campaign) -> QuerySet[District]:
    """Districts whose influencers the user registers: those of the social-media assignments
    they may add records to."""
    return access.record_districts(user, campaign=campaign, channel="social_media")


def add_influencer(*, by, campaign, fields: dict) -> Influencer:
    if not influencer_districts(by, campaign=campaign).filter(pk=fields["district"].pk).exists():
        raise PermissionDenied(_("Only the district's I&PR officers register influencers."))
    with transaction.atomic(), set_actor(by):
        return Influencer.objects.create(created_by=by, **fields)
