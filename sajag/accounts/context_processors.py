from django.conf import settings

from sajag.clock import today

from .scope import active_postings


def sajag(request):
    return {
        "postings": active_postings(request.user),
        "demo_today": settings.SAJAG_TODAY,
        "today": today(),
    }
