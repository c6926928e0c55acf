"""Today's date and time for the app: the real ones, or the demo clock (settings.SAJAG_TODAY)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    return settings.SAJAG_TODAY or timezone.localdate()


def now() -> dt.datetime:
    """The current moment; under the demo clock, today's time of day on the demo date."""
    real = timezone.localtime()
    if settings.SAJAG_TODAY is None:
        return real
    return real.replace(year=settings.SAJAG_TODAY.year, month=settings.SAJAG_TODAY.month, day=settings.SAJAG_TODAY.day)
