# moved to sajag.core.ratelimit; remove once the public and links views and links/redirect.py import it from there
from sajag.core.ratelimit import allow, client_address, client_key  # noqa: F401
