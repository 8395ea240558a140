"""Response headers for static files that whitenoise cannot work out alone (imported by settings: no Django here)."""

import os

STATIC_PREFIX = "/static/"
VENDOR_STATIC_MAX_AGE = int(os.environ.get("VENDOR_STATIC_MAX_AGE", 365 * 24 * 3600))


def static_headers(headers, path: str, url: str) -> None:
    """Vendored files (static/vendor/<digest>/, fetched by `make vendor` at pinned versions) never change under
    their URL: a new version gets a new digest folder. Browsers may keep them without asking again."""
    if url.startswith(STATIC_PREFIX + "vendor/"):
        headers["Cache-Control"] = f"max-age={VENDOR_STATIC_MAX_AGE}, public, immutable"
