"""Kept for the kit views until they ask sajag/accounts/access.py themselves; no rule here."""

from sajag.accounts.access import builds_all_kits as builds_all
from sajag.accounts.access import districts_for as studio_districts
from sajag.accounts.access import kit_districts

__all__ = ["builds_all", "kit_districts", "studio_districts"]
