"""Fetch campaign objects for a user: one door, used by every view."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Assignment, Campaign


def get_assignment_for_user(user, pk: int, *, perm: str = "campaigns.view_assignment") -> Assignment:
    """The assignment if the user may see it, else 404 (its existence is not revealed); if
    they may see it but `perm` is something more, 403 when they lack that."""
    assignment = (
        Assignment.objects.select_related("directive__meeting__campaign", "department", "district")
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not user.has_perm("campaigns.view_assignment", assignment):
        raise Http404(_("No such assignment in your area of work."))
    if perm != "campaigns.view_assignment" and not user.has_perm(perm, assignment):
        raise PermissionDenied(_("You can see this assignment but not do that."))
    return assignment


def current_campaign() -> Campaign | None:
    return Campaign.objects.order_by("-starts_on").first()
