import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
django_application = get_wsgi_application()

# Short-link redirects for live codes (sajag/links/redirect.py) and the scam check's POSTs
# (sajag/public/fastcheck.py) are answered before Django's middleware; everything else is Django.
from sajag.links.redirect import FastPath  # noqa: E402 — needs Django set up first
from sajag.public.fastcheck import CheckFastPath  # noqa: E402

application = FastPath(CheckFastPath(django_application))
