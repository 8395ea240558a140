"""Response headers for static files that whitenoise cannot work out alone."""

from django.conf import settings

VENDOR_PREFIX = f"/{settings.STATIC_URL.strip('/')}/vendor/"


def static_headers(headers, path: str, url: str) -> None:
    """Vendored files (static/vendor/, fetched by `make vendor` at pinned versions) keep their names across builds
    but never change under them, so browsers may keep them for a long time without asking again."""
    if url.startswith(VENDOR_PREFIX):
        headers["Cache-Control"] = f"max-age={settings.VENDOR_STATIC_MAX_AGE}, public, immutable"
