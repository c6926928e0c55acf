from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_GET

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if self.get_redirect_url():
            return url  # an explicit destination keeps its language
        # Otherwise the officer lands in the language they chose last time.
        with translation.override(get_language_from_path(url) or settings.LANGUAGE_CODE):
            return translate_url(url, self.request.user.language)


@require_GET
def switch_language(request: HttpRequest, lang: str) -> HttpResponse:
    """Go to the same page in the other language; remember the choice for a signed-in officer."""
    if lang not in ("hi", "en"):
        lang = "hi"
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    if request.user.is_authenticated and request.user.language != lang:
        request.user.language = lang
        request.user.save(update_fields=["language"])
    # translate_url resolves the path in the active language: use the language it was written in.
    with translation.override(get_language_from_path(target) or settings.LANGUAGE_CODE):
        return HttpResponseRedirect(translate_url(target, lang))
