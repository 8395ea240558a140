"""Requests that no page can serve, refused before any view or query sees them; the reader's time zone; and
caching that keeps a page's htmx fragments apart from the page."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers

NUL = "\x00"
NUL_MESSAGE = ("The address or the form holds a NUL character (%00), which no text on this site can contain. Go back: "
               "your text is still in the form; remove the character and send it again.")


def _holds_nul(request) -> bool:
    if NUL in request.path_info or NUL in request.META.get("QUERY_STRING", ""):
        return True
    sources = [request.GET, request.COOKIES]
    if request.method == "POST":
        sources.append(request.POST)  # files are not read: a NUL byte in an uploaded file is data, not a field
    return any(NUL in key or any(NUL in value for value in _values(source, key))
               for source in sources for key in source)


def _values(source, key) -> list[str]:
    return source.getlist(key) if hasattr(source, "getlist") else [source[key]]


class RejectNulMiddleware:
    """PostgreSQL refuses NUL in text, so a NUL in a path, a query string, a form field or a cookie would reach
    the database and fail there as a server error; it gets a 400 with a clear message instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            # The site's 400 page, rendered without the request (as Django's own bad_request view does): no query.
            return HttpResponseBadRequest(render_to_string("400.html", {"reason": NUL_MESSAGE}))
        return self.get_response(request)


TIME_ZONE_COOKIE = "tz"


class TimeZoneMiddleware:
    """Pages show times in the reader's own time zone: `app.js` stores the browser's zone (an IANA name such as
    "Europe/Berlin") in a cookie. Without it, or with a name that is not a zone, times show in UTC; every time on a
    page names its zone, so neither reading is ambiguous. Stored times and day rollups stay in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = _zone(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
        if zone:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


def _zone(name: str) -> ZoneInfo | None:
    if not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # ValueError: a path-like name such as "../etc/passwd"
        return None


class HtmxFragmentCacheMiddleware:
    """One URL answers with the full page or, for htmx, a fragment of it (grade polling, filters, job progress). The
    browser's cache keys on the URL, so without this, Back after such an update showed the cached fragment alone,
    unstyled. Every response varies on HX-Request, and a fragment is never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        if getattr(request, "htmx", False):
            add_never_cache_headers(response)
        return response
