"""Kept for the report views until they ask sajag/accounts/access.py themselves; no rule here."""

from sajag.accounts.access import report_editions as buildable
from sajag.accounts.access import visible_reports

__all__ = ["buildable", "visible_reports"]
