"""Show an object's audit trail (django-auditlog) on its admin page."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class AuditHistoryAdminMixin:
    """Adds a read-only "Audit trail" field listing the last changes, who made them and when."""

    audit_limit = 20

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "audit_trail"]

    @staticmethod
    def _changes(entry: LogEntry) -> str:
        return "; ".join(f"{field}: {old} → {new}" for field, (old, new) in entry.changes_display_dict.items())

    def audit_trail(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        entries = (
            LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[: self.audit_limit]
        )
        if not entries:
            return _("No recorded changes.")
        rows = format_html_join(
            "",
            "<li>{} · {} · {} · {}</li>",
            (
                (
                    e.timestamp.strftime("%d %b %Y %H:%M"),
                    e.actor or _("system"),
                    e.get_action_display(),
                    self._changes(e),
                )
                for e in entries
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    audit_trail.short_description = _("Audit trail")
