"""Helpers the browser tests share."""

from django.conf import settings
from django.test import Client


def session_cookie(user, live_server_url: str) -> list[dict]:
    """The cookie of a logged-in session for `user` (none for an anonymous visitor), for a Playwright context."""
    if user is None:
        return []
    client = Client()
    client.force_login(user)
    return [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
             "url": live_server_url}]
