"""Per-client rate limits for public endpoints without storing client addresses.

The key is a keyed hash of the address and the current window, kept only in the cache every
worker shares (Redis in production, a database table otherwise: settings.CACHES) for the length
of the window, so a limit holds however many workers answer; no address reaches the logs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
import weakref

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def client_address(meta) -> str:
    """The client's address: the connection's, or behind SAJAG_PROXY_COUNT reverse proxies the
    one the nearest proxy saw (each proxy appends to X-Forwarded-For; earlier entries can be
    forged by the client, that one cannot). X-Forwarded-For is believed only on a connection
    from the proxy itself (SAJAG_PROXY_ADDRESSES): a client that reaches the app server
    directly cannot name itself anybody."""
    address = meta.get("REMOTE_ADDR", "")
    hops = getattr(settings, "SAJAG_PROXY_COUNT", 0)
    if hops and address in settings.SAJAG_PROXY_ADDRESSES:
        forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    return address


def request_address(request) -> str:
    """The client's address for django-axes (AXES_CLIENT_IP_CALLABLE): sign-in lockouts are per
    (username, real client), also behind nginx."""
    return client_address(request.META)


def client_key(request, scope: str, window_s: int) -> str:
    return _key(getattr(request, "META", request), scope, window_s)


def _key(meta, scope: str, window_s: int) -> str:
    address = client_address(meta)
    window = _window(window_s)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}:{window}".encode(), hashlib.sha256)
    return f"rl:{scope}:{digest.hexdigest()[:24]}"


def _window(window_s: int) -> int:
    return int(time.time() // window_s)


def allow(request, scope: str, *, limit: int, window_s: int = 60) -> bool:
    """True while this client has made at most `limit` requests in the current window (a
    request object, or a WSGI environ); a limit of 0 or less is no limit."""
    if limit <= 0:
        return True
    key = _key(getattr(request, "META", request), scope, window_s)
    return _count(key, window_s) <= limit


# One command, one round trip, atomic across workers: add one, and start the window's expiry
# with the first request.
COUNT_SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""
_scripts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # per cache object (one per thread)


def _redis_count(backend: RedisCache):
    """This process's counting script on the cache's Redis (over Django's connection pool).
    Django makes a new client object for every call, and that costs more than the count."""
    script = _scripts.get(backend)
    if script is None:
        script = _scripts[backend] = backend._cache.get_client(write=True).register_script(COUNT_SCRIPT)
    return script


def _count(key: str, window_s: int) -> int:
    """This window's requests of one client, this one included, counted in the shared cache."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        name = backend.make_and_validate_key(key)
        try:
            return int(_redis_count(backend)(keys=[name], args=[window_s]))
        except RedisError:
            log.exception("rate limit: Redis unreachable, the request is let through")
            return 0
    cache.add(key, 0, timeout=window_s)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_s)
        return 1
