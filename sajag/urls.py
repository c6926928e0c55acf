from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from sajag.accounts.views import switch_language
from sajag.activities.views import service_worker
from sajag.api.api import api as integration_api
from sajag.links.views import follow_link
from sajag.public.views import scam_check_api


def _admin_allowed(request) -> bool:
    return request.user.is_active and request.user.has_perm("accounts.use_admin")


admin.site.has_permission = _admin_allowed
admin.site.site_header = "Sajag"

urlpatterns = [
    # Not translated: it moves between the two language prefixes itself.
    path("lang/<str:lang>/", switch_language, name="switch-language"),
    # The offline queue's service worker: served from the root so that it may cover /field/
    # in both languages (/field/ and /en/field/).
    path("sw.js", service_worker, name="service-worker"),
    path("api/scamcheck/", scam_check_api, name="scamcheck-api"),
    # The integration API (schema at /api/v1/openapi.json, committed as docs/openapi.json).
    path("api/v1/", integration_api.urls),
    # Short links: printed on posters and bills, so one address in every language.
    path("l/<str:code>", follow_link, name="follow-link"),
    path("l/<str:code>/", follow_link),
]
# Hindi at /..., English at /en/...: the language lives in the URL, not in a cookie.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("sajag.accounts.urls")),
    path("", include("sajag.activities.urls")),
    path("", include("sajag.public.urls")),
    path("", include("sajag.reach.urls")),
    path("", include("sajag.links.urls")),
    path("", include("sajag.materials.urls")),
    path("", include("sajag.reports.urls")),
    path("", include("sajag.campaigns.urls")),
    prefix_default_language=False,
)

handler404 = "sajag.public.views.not_found"
