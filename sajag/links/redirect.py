"""The redirect: short code → the citizen page, one visit counted.

Two doors to the same logic: a Django view (``/l/<code>``, used by the development server and
the tests) and :class:`FastPath`, a WSGI wrapper the production server puts in front of Django
so that a burst of QR scans skips the middleware stack entirely. A code the fast path does not
know as live goes on to Django, which answers with the helpful 404 page.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import close_old_connections, connection

from sajag.core.ratelimit import allow

from .codes import CODE_RE
from .counter import counter

PREFIX = "/l/"

# Link-preview fetchers and other clients that are not a person opening the link. A browser
# always sends a user agent, so an empty one is counted as a bot too.
BOT_UA = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|preview|facebookexternalhit|facebookcatalog|meta-externalagent|whatsapp|"
    r"telegram|twitter|slack|discord|skypeuri|linkedin|embedly|pinterest|vkshare|redditbot|snapchat|"
    r"google-inspectiontool|curl/|wget/|python-requests|python-urllib|httpx|go-http-client|okhttp|java/|"
    r"libwww|apache-httpclient|headlesschrome.*lighthouse",
    re.IGNORECASE,
)


def is_bot(user_agent: str, method: str = "GET") -> bool:
    return method == "HEAD" or _bot_agent(user_agent)


@lru_cache(maxsize=4096)
def _bot_agent(user_agent: str) -> bool:
    # Most visits come from a few hundred phone models' browser strings: remembered in this
    # process's memory only (never written anywhere), each is matched once.
    return not user_agent.strip() or BOT_UA.search(user_agent) is not None


@dataclass(frozen=True)
class Live:
    link_id: int
    location: str
    expires_on: str | None  # ISO date, compared with the counter's day


class Resolver:
    """Live links by code, cached in the worker for a short while (a link edited in the admin
    takes effect within ``ttl`` seconds)."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self.cache: dict[str, tuple[float, Live]] = {}
        self.lock = threading.Lock()

    def get(self, code: str) -> Live | None:
        hit = self.cache.get(code)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            return hit[1]
        live = self._load(code)
        if live is not None:
            with self.lock:
                if len(self.cache) > 50_000:
                    self.cache.clear()
                self.cache[code] = (now + self.ttl, live)
        return live

    def clear(self) -> None:
        with self.lock:
            self.cache.clear()

    @staticmethod
    def _load(code: str) -> Live | None:
        from .models import ShortLink

        if not CODE_RE.match(code):
            return None
        link = ShortLink.objects.filter(code=code, active=True).first()
        if link is None:
            return None
        return Live(link.pk, link.target_path(), link.expires_on.isoformat() if link.expires_on else None)


resolver = Resolver()


def follow(code: str, user_agent: str, method: str) -> str | None:
    """Count the visit and return where to send it, or ``None`` for an unknown or expired code."""
    live = resolver.get(code)
    if live is None:
        return None
    c = counter()
    if live.expires_on is not None and c.day() > live.expires_on:
        return None
    c.hit(live.link_id, is_bot(user_agent, method))
    return live.location


_HEADERS = [("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer"), ("Content-Length", "0")]
TOO_MANY_BODY = (
    "बहुत अधिक अनुरोध — एक मिनट बाद फिर कोशिश करें। ठगी हुई? 1930 पर कॉल करें।\n"
    "Too many requests: try again in a minute. Cheated? Call 1930.\n"
).encode()
_TOO_MANY = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Retry-After", "60"),
    ("Cache-Control", "no-store"),
    ("Content-Length", str(len(TOO_MANY_BODY))),
]


def warm_up() -> None:
    """Load the URLconf now, while the worker loads the application and accepts no connection.

    Django imports it on the first ``reverse()`` — here the first redirect's, to find the link's
    page — and that pulls in every view module (seconds of imports). Left to the first scan,
    every connection the new worker had accepted waited behind it: after each start or respawn
    the first requests took 2–3 s, and a load test counted one timeout per connection.
    """
    from django.urls import reverse
    from django.utils import translation

    from .models import Target

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse(Target.HOME)


def _drop_stale_connection() -> None:
    """Outside Django's request cycle, do what Django does at the start of each request: drop a
    connection that is too old or broken (a database restart), so the next query opens a new
    one. Never inside a transaction (a test's, or a caller's)."""
    if not connection.in_atomic_block:
        close_old_connections()


class FastPath:
    """WSGI: answer ``GET /l/<code>`` for a live code without entering Django's stack."""

    def __init__(self, app) -> None:
        self.app = app
        warm_up()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":  # for the proxy and the load balancer: the worker answers
            start_response(
                "200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2"), ("Cache-Control", "no-store")]
            )
            return [b"ok"]
        if path.startswith(PREFIX) and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            # The same count as the Django view's, shared by every worker (sajag.core.ratelimit).
            if not allow(environ, "short-link", limit=settings.SAJAG_RATE_SHORT_LINKS):
                start_response("429 Too Many Requests", _TOO_MANY)
                return [TOO_MANY_BODY]
            code = path[len(PREFIX) :].rstrip("/")
            _drop_stale_connection()
            location = follow(code, environ.get("HTTP_USER_AGENT", ""), environ["REQUEST_METHOD"])
            if location is not None:
                start_response("302 Found", [("Location", location), *_HEADERS])
                return [b""]
        return self.app(environ, start_response)
