"""Per-client rate limits for public endpoints without storing client addresses.

The key is a keyed hash of the address and the current window, kept only in the cache
(process memory by default) for the length of the window; no address reaches the database
or the logs.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def client_key(request, scope: str, window_s: int) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    window = int(time.time() // window_s)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}:{window}".encode(), hashlib.sha256)
    return f"rl:{scope}:{digest.hexdigest()[:24]}"


def allow(request, scope: str, *, limit: int, window_s: int = 60) -> bool:
    """True while this client has made at most `limit` requests in the current window."""
    key = client_key(request, scope, window_s)
    cache.add(key, 0, timeout=window_s)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_s)
        count = 1
    return count <= limit
