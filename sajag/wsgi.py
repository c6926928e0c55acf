import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
django_application = get_wsgi_application()

# Short-link redirects for live codes are answered before Django's middleware (see
# sajag/links/redirect.py); everything else is Django.
from sajag.links.redirect import FastPath  # noqa: E402 — needs Django set up first

application = FastPath(django_application)
