from django.shortcuts import render

from . import LimitReached


def limit_reached_response(request, error: LimitReached, *, template: str = "limits/limit_reached.html",
                           context: dict | None = None):
    response = render(request, template, {"limit_message": error.message, **(context or {})}, status=429)
    response["Retry-After"] = str(error.retry_after_seconds)
    return response


class LimitReachedMiddleware:
    """A limit reached anywhere below a view (a session started from any page) becomes a clear 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LimitReached):
            return limit_reached_response(request, exception)
        return None
