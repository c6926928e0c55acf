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


def client_address(meta) -> str:
    """The client's address: the connection's, or behind SAJAG_PROXY_COUNT reverse proxies the
    one the nearest proxy saw (each proxy appends to X-Forwarded-For; earlier entries can be
    forged by the client, that one cannot)."""
    address = meta.get("REMOTE_ADDR", "")
    hops = getattr(settings, "SAJAG_PROXY_COUNT", 0)
    if hops:
        forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    return address


def client_key(request, scope: str, window_s: int) -> str:
    return _key(getattr(request, "META", request), scope, window_s)


def _key(meta, scope: str, window_s: int) -> str:
    address = client_address(meta)
    window = int(time.time() // window_s)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}:{window}".encode(), hashlib.sha256)
    return f"rl:{scope}:{digest.hexdigest()[:24]}"


def allow(request, scope: str, *, limit: int, window_s: int = 60) -> bool:
    """True while this client has made at most `limit` requests in the current window (a
    request object, or a WSGI environ); a limit of 0 or less is no limit."""
    if limit <= 0:
        return True
    key = _key(getattr(request, "META", request), scope, window_s)
    cache.add(key, 0, timeout=window_s)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_s)
        count = 1
    return count <= limit
