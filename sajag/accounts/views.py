from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from .forms import LoginForm

LANGUAGES = ("hi", "en")


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


@csrf_exempt  # a citizen's switch carries no token: they get no cookie; an officer's is checked
@require_POST
def switch_language(request: HttpRequest, lang: str) -> HttpResponse:
    """Go to the same page in the other language; remember the choice for a signed-in officer.
    A POST: it changes what is stored, so a link preview or a prefetch never switches it."""
    if request.user.is_authenticated:
        return _remember_language(request, lang)
    return _same_page_in(request, lang)


@csrf_protect
def _remember_language(request: HttpRequest, lang: str) -> HttpResponse:
    lang = lang if lang in LANGUAGES else "hi"
    if request.user.language != lang:
        request.user.language = lang
        request.user.save(update_fields=["language"])
    return _same_page_in(request, lang)


def _same_page_in(request: HttpRequest, lang: str) -> HttpResponse:
    lang = lang if lang in LANGUAGES else "hi"
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # translate_url resolves the path in the active language: use the language it was written in.
    with translation.override(get_language_from_path(target) or settings.LANGUAGE_CODE):
        return HttpResponseRedirect(translate_url(target, lang))
