"""Deployment checks of what Sajag itself needs (``manage.py check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Rate limits hold across workers only in a shared cache; Redis does it without a write
    to the database for every request."""
    if getattr(settings, "SAJAG_CACHE_URL", ""):
        return []
    return [
        Warning(
            "SAJAG_CACHE_URL is not set: rate limits are counted in a database table.",
            hint="Set SAJAG_CACHE_URL=redis://127.0.0.1:6379/1 (docs/deploy.md).",
            id="sajag.W001",
        )
    ]
