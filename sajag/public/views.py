from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from sajag import scamcheck
from sajag.accounts import access
from sajag.bilingual import current_lang
from sajag.campaigns.access import current_campaign
from sajag.core.caching import cache_for_citizens
from sajag.core.ratelimit import allow
from sajag.scamcheck import ocr

from . import actions, content
from .forms import MAX_SENDER, MAX_TEXT, ScamCheckForm
from .verdict import section as verdict_section

TYPOLOGY_LABELS = {
    "electricity_disconnection": ("Electricity disconnection", "बिजली कनेक्शन काटने की धमकी"),
    "kyc_pan_aadhaar": ("KYC / PAN / Aadhaar update", "केवाईसी / पैन / आधार अपडेट"),
    "sim_telecom": ("SIM blocking", "सिम बंद करने की धमकी"),
    "digital_arrest": ("'Digital arrest', courier, customs", "'डिजिटल अरेस्ट', कूरियर, कस्टम"),
    "job_task": ("Part-time job / task", "पार्ट-टाइम नौकरी / टास्क"),
    "investment_trading": ("Investment / trading", "निवेश / ट्रेडिंग"),
    "loan_app": ("Loan offer / fee", "लोन का लालच / शुल्क"),
    "upi_collect_qr": ("UPI PIN or QR to 'receive' money", "पैसे 'पाने' के लिए यूपीआई पिन या क्यूआर"),
    "otp_pin_request": ("Asking for OTP / PIN / CVV", "ओटीपी / पिन / सीवीवी मांगना"),
    "lottery_prize": ("Lottery / prize", "लॉटरी / इनाम"),
    "fake_customer_care": ("Fake customer care / refund", "नकली कस्टमर केयर / रिफंड"),
    "malicious_app": ("App file (.apk)", "ऐप फाइल (.apk)"),
    "sextortion": ("Threat to share a video", "वीडियो फैलाने की धमकी"),
    "impersonation": ("Posing as an organisation", "संस्था होने का दिखावा"),
    "account_block": ("Account or card 'blocked'", "खाता या कार्ड 'बंद' होने की धमकी"),
    "wrong_transfer": ("'Sent by mistake, send it back'", "'गलती से भेजा, वापस करें'"),
    "adult_lure": ("Dating or adult-chat lure", "डेटिंग या अश्लील चैट का लालच"),
}


def verdict_html(verdict: scamcheck.Verdict, text: str, *, shared: bool = False) -> str:
    """The verdict's section of the check page (also the fast path's: sajag/public/fastcheck.py)."""
    return verdict_section(
        verdict, highlighted(text, verdict), typology_label(verdict.typology), shared, whatsapp_link(verdict)
    )


def typology_label(key: str | None) -> str:
    if not key:
        return ""
    en, hi = TYPOLOGY_LABELS.get(key, (key, key))
    return en if current_lang() == "en" else hi


def highlighted(text: str, verdict: scamcheck.Verdict) -> str:
    """The message with each warning sign's words marked, everything else escaped."""
    spans = sorted({span for s in verdict.warning_signals for span in s.spans if 0 <= span[0] < span[1] <= len(text)})
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue  # overlapping marks: keep the first
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 — every piece of the message is escaped


WHATSAPP_WARNING = {
    "en": "Sajag scam check: a message I received is “{label}”{kind}. If you get such a message, do not click "
    "its links, call its numbers or share any OTP. Lost money? Call 1930 at once. Check a message yourself: {url}",
    "hi": "सजग ठगी जांच: मुझे मिला एक संदेश “{label}” निकला{kind}। ऐसा संदेश आए तो उसके लिंक पर क्लिक न करें, "
    "उसके नंबरों पर कॉल न करें, कोई ओटीपी साझा न करें। पैसे गए हों तो तुरंत 1930 पर कॉल करें। कोई संदेश खुद जांचें: {url}",
}


def whatsapp_link(verdict: scamcheck.Verdict) -> str:
    """A wa.me link (no script) that sends the verdict's headline and "call 1930" in the page's
    language, to warn a family group. Never the message itself: it may hold someone's details.
    Only for a scam or a suspicious message: "no warning signs" passed on would be false comfort."""
    if not verdict.flagged:
        return ""
    lang = "en" if verdict.lang == "en" else "hi"
    url = settings.SAJAG_PUBLIC_URL.rstrip("/") + ("/en/check/" if lang == "en" else "/check/")
    en, hi = TYPOLOGY_LABELS.get(verdict.typology or "", ("", ""))
    kind = (en if lang == "en" else hi) and f" ({en if lang == 'en' else hi})"
    text = WHATSAPP_WARNING[lang].format(label=verdict.label, kind=kind, url=url)
    return "https://wa.me/?text=" + quote(text, safe="")


# No CSRF token: the check changes nothing of the visitor's (no account, no session; a shared
# message is anonymous), so a forged POST could do only what anyone may do, and without a token
# the form is the same page for everyone and a cache in front can answer it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def scam_check(request: HttpRequest) -> HttpResponse:
    form = ScamCheckForm(request.POST or None)
    context = {"form": form, "limit": MAX_TEXT}
    if request.method != "POST":
        return cache_for_citizens(request, render(request, "public/scam_check.html", context))
    if not allow(request, "scamcheck-page", limit=settings.SAJAG_RATE_SCAM_CHECKS):
        response = render(request, "public/scam_check.html", context | {"throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    if form.is_valid():
        data = form.cleaned_data
        verdict = scamcheck.check_message(data["text"], sender=data["sender"] or None, lang=current_lang())
        # Shared only when the visitor ticked it on this site's own page: without a CSRF token,
        # a page elsewhere could otherwise make its visitors' browsers share what it likes.
        shared = bool(data["share"]) and request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
        if shared:
            actions.share_message(text=data["text"], verdict=verdict, district=data.get("district"))
        if shared:  # the form again without the tick, so that checking again does not share twice
            context["form"] = ScamCheckForm(initial={"text": data["text"], "sender": data["sender"]})
        context |= {"verdict": verdict, "verdict_section": verdict_html(verdict, data["text"], shared=shared)}
    return render(request, "public/scam_check.html", context, status=400 if form.errors else 200)


scam_check.own_limit = True  # type: ignore[attr-defined]  # its POST counts its own limit

SCREENSHOT_ERRORS = {
    "missing": gettext_lazy("Choose a screenshot first."),
    "not_image": gettext_lazy("This file is not a picture Sajag can read: send a PNG or JPEG screenshot."),
    "too_large": gettext_lazy("This picture is too large: send a screenshot of at most 8 MB."),
    "no_text": gettext_lazy("No text could be read in this picture. Type or paste the message instead."),
    "timeout": gettext_lazy(
        "Reading this picture took too long. Crop it to the message and try again, or type the message."
    ),
    "unavailable": gettext_lazy("Reading screenshots is not available right now. Type or paste the message instead."),
    "busy": gettext_lazy("Many screenshots are being read right now. Try again in a minute, or type the message."),
}
_ocr_slots = threading.BoundedSemaphore(max(settings.SAJAG_OCR_AT_ONCE, 1))


class InMemoryScreenshot(MemoryFileUploadHandler):
    """Django's in-memory upload handler, up to the screenshot's own limit (its default stops at
    FILE_UPLOAD_MAX_MEMORY_SIZE and leaves larger files to a temporary file on disk)."""

    MAX_BODY = ocr.MAX_BYTES + 64 * 1024  # the picture and the form around it

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= self.MAX_BODY


@csrf_exempt  # like the check itself: it changes nothing, and the page has no token to send
@require_http_methods(["GET", "HEAD", "POST"])
def scam_check_screenshot(request: HttpRequest) -> HttpResponse:
    """Read a screenshot's text (nothing is stored), show it in the form to be corrected, and
    check what was read."""
    if request.method != "POST":
        return redirect("public:scam-check")
    # The picture stays in memory: never Django's temporary file on disk.
    request.upload_handlers = [InMemoryScreenshot(request)]
    context: dict = {"form": ScamCheckForm(), "limit": MAX_TEXT}
    if not allow(request, "scamcheck-screenshot", limit=settings.SAJAG_RATE_SCAM_SCREENSHOTS):
        response = render(request, "public/scam_check.html", context | {"throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    error, text = None, ""
    try:
        too_large = int(request.META.get("CONTENT_LENGTH") or 0) > InMemoryScreenshot.MAX_BODY
    except ValueError:
        too_large = False
    upload = None if too_large else request.FILES.get("screenshot")
    if too_large:
        error = "too_large"
    elif upload is None:
        error = "missing"
    elif upload.size is None or upload.size > ocr.MAX_BYTES:
        error = "too_large"
    elif not _ocr_slots.acquire(blocking=False):  # never hold a server thread waiting
        error = "busy"
    else:
        try:
            text = ocr.read_text(upload.read())[:MAX_TEXT]
        except ocr.NotReadable as exc:
            error = exc.code
        finally:
            _ocr_slots.release()
    if error:
        status = {"busy": 503, "unavailable": 503, "too_large": 413}.get(error, 400)
        return render(
            request, "public/scam_check.html", context | {"screenshot_error": SCREENSHOT_ERRORS[error]}, status=status
        )
    verdict = scamcheck.check_message(text, lang=current_lang())
    context |= {
        "form": ScamCheckForm(initial={"text": text}),
        "read_from_screenshot": True,
        "verdict": verdict,
        "verdict_section": verdict_html(verdict, text),
    }
    return render(request, "public/scam_check.html", context)


scam_check_screenshot.own_limit = True  # type: ignore[attr-defined]


def _problem(status: int, error: str, detail: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": error, **({"field": field} if field else {}), "detail": detail}, status=status)


def _json_object(raw: bytes) -> dict | JsonResponse:
    """The body's JSON object, or the JSON answer that says what is wrong with it."""
    try:
        body = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _problem(400, "invalid_json", "Send a JSON object.")
    except RecursionError:  # "[[[[…" nested deeper than the parser follows
        return _problem(400, "invalid_json", "Send a JSON object, not one nested this deep.")
    if not isinstance(body, dict):
        return _problem(400, "invalid_json", "Send a JSON object.")
    return body


def _valid_unicode(value: str) -> bool:
    """False for a lone surrogate ("\\ud800" in JSON), which no answer could be written with."""
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


@csrf_exempt  # a JSON API for other systems: no cookies, no session, nothing to forge
@require_POST
def scam_check_api(request: HttpRequest) -> JsonResponse:
    if not allow(request, "scamcheck-api", limit=settings.SAJAG_RATE_SCAM_API):
        return api_rate_limited()
    try:
        raw = request.body
    except RequestDataTooBig:
        mb = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // (1024 * 1024)
        return _problem(413, "too_large", f"The body is larger than {mb} MB.")
    return api_answer(raw)


def api_rate_limited() -> JsonResponse:
    limit = settings.SAJAG_RATE_SCAM_API
    return JsonResponse({"error": "rate_limited", "detail": f"At most {limit} checks a minute per client."}, status=429)


def api_answer(raw: bytes) -> JsonResponse:
    """The scam check's JSON answer to a request body (also sajag/public/fastcheck.py's)."""
    body = _json_object(raw)
    if isinstance(body, JsonResponse):
        return body
    kind = next((k for k in ("text", "link", "number") if isinstance(body.get(k), str) and body[k].strip()), None)
    if kind is None:
        return _problem(400, "missing_field", "Give one of: text, link, number.", "text")
    sender = body.get("sender") if isinstance(body.get("sender"), str) else None
    for field, value, limit in ((kind, body[kind], MAX_TEXT), ("sender", sender or "", MAX_SENDER)):
        if len(value) > limit:
            return _problem(400, "too_long", f"At most {limit} characters.", field)
        if not _valid_unicode(value):
            return _problem(400, "invalid_text", "The text holds a lone surrogate: send valid Unicode.", field)
    lang = body.get("lang") if body.get("lang") in ("hi", "en") else None
    if kind == "text":
        v = scamcheck.check_message(body["text"], sender=sender, lang=lang)
    elif kind == "link":
        v = scamcheck.check_link(body["link"], lang=lang)
    else:
        v = scamcheck.check_number(body["number"], lang=lang)
    return JsonResponse(
        {
            "level": v.level,
            "label": v.label,
            "score": v.score,
            "typology": v.typology,
            "signals": [
                {
                    "id": s.id,
                    "weight": s.weight,
                    "evidence": s.evidence,
                    "span": list(s.span),
                    "explanation": s.explanation(v.lang),
                }
                for s in v.signals
            ],
            "advice": v.advice_lines(),
        },
        json_dumps_params={"ensure_ascii": False},
    )


scam_check_api.own_limit = True  # type: ignore[attr-defined]


@require_GET
@login_required
def shared_trends(request: HttpRequest) -> HttpResponse:
    """What citizens shared, by fraud type, day and district: what to warn about next week
    (a district's officers: their districts' and the messages that name no district)."""
    access.require_posting(request.user)
    shared = access.visible_shared_messages(request.user)
    rows = list(shared.values_list("shared_on", "typology", "district__name_en", "district__name_hi", "level"))
    by_type = Counter(t or "—" for _d, t, *_ in rows)
    by_day: dict = defaultdict(Counter)
    by_district: dict = defaultdict(Counter)
    lang = current_lang()
    for day, typ, en, hi, _level in rows:
        by_day[day][typ or "—"] += 1
        by_district[(hi if lang == "hi" else en) or _("Not said")][typ or "—"] += 1
    types = [t for t, _n in by_type.most_common()]
    return render(
        request,
        "public/shared_trends.html",
        {
            "total": len(rows),
            "types": [(t, typology_label(t) or t, by_type[t]) for t in types],
            "days": [(d, [by_day[d][t] for t in types]) for d in sorted(by_day, reverse=True)[:28]],
            "districts": sorted(
                ((name, [c[t] for t in types], sum(c.values())) for name, c in by_district.items()), key=lambda r: -r[2]
            ),
            "recent": shared[:20],
        },
    )


# ---- the citizen site ------------------------------------------------------------------


def public_page(view):
    """A citizen page: GET only, and kept by the browser and the cache in front for
    SAJAG_PUBLIC_CACHE_SECONDS when nobody is signed in (an officer's copy shows their name, so
    it stays private): sajag/core/caching.py."""

    @require_safe  # GET and HEAD
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return cache_for_citizens(request, view(request, *args, **kwargs))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/home.html",
        {"campaign": current_campaign(), "rules": [r.as_context() for r in content.RULES]},
    )


@public_page
def rules(request: HttpRequest) -> HttpResponse:
    return render(request, "public/rules.html", {"rules": [r.as_context() for r in content.RULES]})


@public_page
def rule(request: HttpRequest, slug: str) -> HttpResponse:
    found = content.RULES_BY_SLUG.get(slug)
    if found is None:
        return not_found(request)
    n = found.number
    neighbours = {
        "previous": content.RULES[n - 2].as_context() if n > 1 else None,
        "next": content.RULES[n].as_context() if n < len(content.RULES) else None,
    }
    return render(request, "public/rule.html", {"rule": found.as_context(), **neighbours})


@public_page
def cheated(request: HttpRequest, branch: str = "") -> HttpResponse:
    steps = {
        "money-lost": content.MONEY_LOST_STEPS,
        "no-money-lost": content.NO_MONEY_LOST_STEPS,
    }
    if branch and branch not in steps:
        return not_found(request)
    return render(
        request,
        "public/cheated.html",
        {"branch": branch, "steps": [content.say(s) for s in steps.get(branch, ())]},
    )


@public_page
def progress(request: HttpRequest) -> HttpResponse:
    from .progress import cached_progress

    return render(request, "public/progress.html", cached_progress(current_campaign(), lang=current_lang()))


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """Every missing page, and every unknown or expired short code: help, not a bare error (the
    same for every anonymous visitor, so the cache in front answers repeated misses too)."""
    return cache_for_citizens(request, render(request, "public/not_found.html", status=404))
