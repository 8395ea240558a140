"""Per-client-IP limits for anonymous requests (sign-up, log-in, password reset), counted in fixed windows in the
shared cache (Redis, or the database table without it), never in process memory."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from . import LimitReached

logger = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    """The client's address: the connection's, or behind TRUSTED_PROXY_COUNT proxies the address the nearest of
    them saw. Entries further left in X-Forwarded-For are written by the client and never trusted."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def _window(action: str, key: str, window_seconds: int) -> tuple[str, int]:
    now = time.time()
    started = int(now // window_seconds) * window_seconds
    return f"limit:{action}:{key}:{started}", int(started + window_seconds - now) + 1


def window_check(*, action: str, key: str, limit: int, window_seconds: int, message: str) -> None:
    """Raise LimitReached when `limit` hits of `action` by `key` are already counted in the current window."""
    cache_key, remaining = _window(action, key, window_seconds)
    try:
        counted = cache.get(cache_key) or 0
    except Exception:  # the cache (Redis) is down: a per-IP throttle fails open rather than lock everyone out
        logger.warning("Cache unreachable: the %s limit is not applied", action, exc_info=True)
        return
    if counted >= limit:
        raise LimitReached(message, retry_after_seconds=remaining)


def window_count(*, action: str, key: str, window_seconds: int) -> int:
    """Count one hit (atomically with Redis) and return the window's count so far."""
    cache_key, _ = _window(action, key, window_seconds)
    try:
        cache.add(cache_key, 0, timeout=window_seconds + 5)
        try:
            return cache.incr(cache_key)
        except ValueError:  # the window expired between add and incr
            cache.set(cache_key, 1, timeout=window_seconds + 5)
            return 1
    except Exception:  # the cache (Redis) is down: count nothing rather than refuse every sign-up and log-in
        logger.warning("Cache unreachable: the %s limit is not applied", action, exc_info=True)
        return 0


def window_hit(*, action: str, key: str, limit: int, window_seconds: int, message: str) -> None:
    """Count a hit, and raise LimitReached when it is over `limit` for the window."""
    if window_count(action=action, key=key, window_seconds=window_seconds) > limit:
        _, remaining = _window(action, key, window_seconds)
        raise LimitReached(message, retry_after_seconds=remaining)
