"""Response headers for every page, and the rate limit of the citizen pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from sajag.core.ratelimit import allow

# Everything Sajag serves comes from itself: no third-party script, style, font or frame.
# Style attributes are allowed (bar widths and map colours are set that way); <style> and
# <script> blocks are not.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


TOO_MANY = (
    "<!doctype html><html lang=hi><meta charset=utf-8><meta name=viewport content='width=device-width'>"
    "<title>1930</title><h1>बहुत अधिक अनुरोध</h1><p>एक मिनट बाद फिर कोशिश करें। ठगी हुई? तुरंत "
    "<a href='tel:1930'>1930</a> पर कॉल करें, <a href='https://cybercrime.gov.in'>cybercrime.gov.in</a> पर शिकायत करें।</p>"
    "<p lang=en>Too many requests: try again in a minute. Cheated? Call <a href='tel:1930'>1930</a> at once.</p></html>"
)


class PublicRateLimitMiddleware:
    """At most SAJAG_RATE_PUBLIC_PAGES requests a minute per client to the citizen pages, for
    people who are not signed in; the client is known only by a keyed hash kept in the cache
    for the minute (sajag/core/ratelimit.py)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not view_func.__module__.startswith("sajag.public.") or (
            request.method == "POST" and getattr(view_func, "own_limit", False)  # counted by the view
        ):
            return None
        if request.user.is_authenticated:
            return None
        if allow(request, "public-pages", limit=settings.SAJAG_RATE_PUBLIC_PAGES):
            return None
        response = HttpResponse(TOO_MANY, status=429, content_type="text/html; charset=utf-8")
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
