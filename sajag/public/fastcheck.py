"""The scam check's POSTs without Django's middleware stack, for a crowd that arrives at once.

The check page and its form are cached in front (sajag/core/caching.py); the POST that checks a
message cannot be. Through Django's full stack it costs a few milliseconds, most of them
middleware and the page's template — the detector itself takes a tenth of one. ``CheckFastPath``
answers, in the production server (sajag/wsgi.py), exactly what the Django views would:

- ``POST /check/`` and ``POST /en/check/`` from a visitor who is not signed in and does not
  share the message: the page is the check page as Django renders it for that address (fetched
  once through Django's full stack, kept ``SHELL_SECONDS``), with the verdict rendered from the
  same template the view includes and the form filled in with what was sent;
- ``POST /api/scamcheck/``: the JSON of the view's own ``api_answer``.

Both count the same per-client limit as the views. Anything else — a signed-in officer, a shared
message (it writes to the database), a form with an error, a throttled form, a body over
Django's limit, a host Django would refuse, plain HTTP where HTTPS is required — goes on to
Django with its body intact. tests/test_fastcheck.py holds the two doors to the same bytes.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost, ValidationError
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.html import escape
from django.utils.http import parse_header_parameters

from sajag import scamcheck
from sajag.core.caching import PERSONAL_COOKIES
from sajag.core.ratelimit import allow

log = logging.getLogger(__name__)

PAGES = {"/check/": "hi", "/en/check/": "en"}
API = "/api/scamcheck/"
SHELL_SECONDS = 60.0
# Headers that belong to one response, not to every page Django answers.
OWN_HEADERS = {"content-type", "content-length", "cache-control", "vary", "content-language", "set-cookie", "date"}
FORM_MARK = '\n\n<form method="post" class="stack"'
TEXTAREA_END = ">\n</textarea>"
SENDER_INPUT = '<input type="text" name="sender"'


@dataclass(frozen=True)
class Shell:
    """The check page as Django answers a GET, split where the verdict goes."""

    before: str  # up to the verdict
    form: str  # from the form to the end
    headers: tuple[tuple[str, str], ...]  # the headers Django puts on every answer here
    expires: float


class CheckFastPath:
    def __init__(self, app) -> None:
        self.app = app
        self.shells: dict[tuple, Shell] = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "POST" or (path not in PAGES and path != API):
            return self.app(environ, start_response)
        answer = self.answer(environ, path)
        if answer is None:
            return self.app(environ, start_response)
        status, headers, body = answer
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    # ---- deciding -------------------------------------------------------------------------

    def answer(self, environ, path: str) -> tuple[str, list, bytes] | None:
        """The response, or None for Django to answer (the body put back for it to read)."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length <= 0 or (limit is not None and length > limit):
            return None
        request = WSGIRequest(environ)  # reads nothing yet: the host and scheme as Django sees them
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        secure = request.is_secure()
        if settings.SECURE_SSL_REDIRECT and not secure:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # for Django, if it answers after all
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            if path == API:
                return self.api(environ, host, secure, body)
            return self.page(environ, PAGES[path], host, secure, body)
        except Exception:  # anything unforeseen (too many fields, …): Django answers, as it would
            log.warning("scam check fast path: passed to Django", exc_info=True)
            return None

    def api(self, environ, host: str, secure: bool, body: bytes):
        from .views import api_answer, api_rate_limited

        shell = self.shell(environ, "en", host, secure)
        if shell is None:
            return None
        if not allow(environ, "scamcheck-api", limit=settings.SAJAG_RATE_SCAM_API):
            response = api_rate_limited()
        else:
            response = api_answer(body)
        headers = [
            ("Content-Type", response["Content-Type"]),
            *shell.headers,
            ("Vary", "Accept-Language, Cookie"),
            ("Content-Language", response.get("Content-Language") or settings.LANGUAGE_CODE),
        ]
        return f"{response.status_code} {response.reason_phrase}", headers, response.content

    def page(self, environ, lang: str, host: str, secure: bool, body: bytes):
        from .forms import ScamCheckForm
        from .views import verdict_html

        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if any(name in cookies for name in PERSONAL_COOKIES):
            return None  # an officer's page, or a message to show: Django's
        if environ.get("QUERY_STRING"):
            return None  # the page repeats the address (the language switch): Django's
        content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        if content_type != "application/x-www-form-urlencoded":
            return None  # multipart, or anything Django would not read as this form
        if params.get("charset", settings.DEFAULT_CHARSET).lower() != settings.DEFAULT_CHARSET.lower():
            return None  # Django decodes (or refuses) other charsets itself
        data = QueryDict(body, encoding=settings.DEFAULT_CHARSET)
        if data.get("share") or data.get("district"):
            return None  # a shared message is written to the database: Django's
        shell = self.shell(environ, lang, host, secure)
        if shell is None:
            return None
        # The form's own fields clean the two values, as form.is_valid() would (the other two
        # are empty: checked above), without copying the form for every request.
        fields = ScamCheckForm.base_fields
        try:
            text = fields["text"].clean(data.get("text"))
            sender = fields["sender"].clean(data.get("sender"))
        except ValidationError:
            return None  # the form with its errors: Django's
        if not allow(environ, "scamcheck-page", limit=settings.SAJAG_RATE_SCAM_CHECKS):
            return None  # Django counts once more (past the limit already) and says so
        with translation.override(lang):
            verdict = scamcheck.check_message(text, sender=sender or None, lang=lang)
            section = verdict_html(verdict, text)
        # The form as Django renders it bound: the raw values sent, escaped as its widgets do.
        raw_text, raw_sender = data.get("text", ""), data.get("sender", "")
        filled = shell.form.replace(TEXTAREA_END, f">\n{escape(raw_text)}</textarea>", 1)
        if raw_sender:
            filled = filled.replace(SENDER_INPUT, f'{SENDER_INPUT} value="{escape(raw_sender)}"', 1)
        headers = [
            ("Content-Type", f"text/html; charset={settings.DEFAULT_CHARSET}"),
            *shell.headers,
            ("Content-Language", lang),
            # As Django's LocaleMiddleware says it: a page without a language prefix "varies".
            ("Vary", "Accept-Language, Cookie" if lang == settings.LANGUAGE_CODE else "Cookie"),
        ]
        return "200 OK", headers, (shell.before + section + filled).encode(settings.DEFAULT_CHARSET)

    # ---- the page around the verdict ------------------------------------------------------------

    def shell(self, environ, lang: str, host: str, secure: bool) -> Shell | None:
        key = (lang, host, secure)
        found = self.shells.get(key)
        if found is not None and found.expires > time.monotonic():
            return found
        found = self._fetch(environ, lang)
        if found is not None:
            with self.lock:
                self.shells[key] = found
        return found

    def _fetch(self, environ, lang: str) -> Shell | None:
        """GET the check page through Django's whole stack, as an anonymous visitor would."""
        get = {
            k: v
            for k, v in environ.items()
            if k not in ("HTTP_COOKIE", "CONTENT_TYPE", "CONTENT_LENGTH", "QUERY_STRING")
        }
        path = next(p for p, language in PAGES.items() if language == lang)
        get |= {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "0"}
        got: dict = {}

        def start_response(status, headers, exc_info=None):
            got["status"], got["headers"] = status, headers

        chunks = self.app(get, start_response)
        try:
            page = b"".join(chunks).decode(settings.DEFAULT_CHARSET)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        if not got.get("status", "").startswith("200") or page.count(FORM_MARK) != 1:
            return None
        if page.count(TEXTAREA_END) != 1 or page.count(SENDER_INPUT) != 1:
            return None
        at = page.index(FORM_MARK)
        return Shell(
            before=page[:at],
            form=page[at:],
            headers=tuple((k, v) for k, v in got["headers"] if k.lower() not in OWN_HEADERS),
            expires=time.monotonic() + SHELL_SECONDS,
        )
