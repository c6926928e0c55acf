"""What a cache in front of Sajag may keep, and the app's own cache of costly figures.

Citizen pages are the same for every visitor who is not signed in, so they say
``Cache-Control: public, max-age=SAJAG_PUBLIC_CACHE_SECONDS`` and nginx's proxy cache answers a
crowd from one copy (deploy/nginx.conf.template, docs/deploy.md). Everything else stays private:

- a signed-in officer's copy of any page shows their name and menu: ``private, no-cache``;
- a response that sets a cookie (a session, a CSRF token, a message shown once) belongs to one
  visitor: ``PrivateWhenPersonal`` turns any ``public`` on it into ``private, no-cache``;
- pages without a ``public`` header (officers' pages, forms, POST answers) are never stored,
  since nginx keeps only what the app marks.

The language is in the address (``/`` Hindi, ``/en/`` English), so one address is one language
and a cache keyed by the address never serves the other language's copy.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Cookies that make a page one visitor's: signed in, or a message waiting to be shown once.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def is_personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or any(name in request.COOKIES for name in PERSONAL_COOKIES)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a form token
    )


def cache_for_citizens(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Mark a citizen page: shared for ``SAJAG_PUBLIC_CACHE_SECONDS`` when it is the page every
    anonymous visitor gets (a 200 or the helpful 404), private otherwise."""
    if is_personal(request):
        patch_cache_control(response, private=True, no_cache=True)
    elif response.status_code in (200, 404) and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=settings.SAJAG_PUBLIC_CACHE_SECONDS)
    return response


class PrivateWhenPersonal:
    """Outermost middleware: a response that sets a cookie is never shared, whatever a view said
    (the session and CSRF cookies are set by middleware after the view has answered); and an
    answer to a signed-in officer that says nothing of caching says ``private``."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
        elif not response.has_header("Cache-Control") and is_personal(request):
            patch_cache_control(response, private=True)
        return response
