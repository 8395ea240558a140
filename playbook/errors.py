"""Error pages that must render while the database is down.

The 500 and 503 pages are rendered from the template alone, with no request and so no context processors: nothing
in them touches the session, the user or any other row. A database that cannot be reached is a 503 ("come back
in a minute"), not a 500: the middleware answers for errors raised in a view or while its template renders, and
`server_error` for those raised anywhere else (another middleware loading the session, say).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
        return database_unavailable_response()


def server_error(request):
    """handler500: Django calls it inside its `except` block, so the exception being handled is still current."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())
