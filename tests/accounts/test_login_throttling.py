"""Log-in throttling: django-axes locks one username from one IP after repeated wrong passwords, for a cool-off
that always ends; a per-IP window slows password spraying across usernames."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = reverse("accounts:login")


def attempt(client, user, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_that_username_from_that_ip_then_the_lock_expires(client, candidate, settings):
    statuses = [attempt(client, candidate, "wrong-guess").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]

    locked = attempt(client, candidate, PASSWORD)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert 'data-testid="locked-out"' in locked.content.decode()
    assert SESSION_KEY not in client.session
    attempt(client, candidate, "wrong-again")  # more tries during the lock do not extend it

    # the victim, from their own network, is never locked out by the attacker's tries
    victim = client.__class__()
    assert attempt(victim, candidate, PASSWORD, ip="192.0.2.7").status_code == 302

    cooled_off = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - cooled_off)
    assert attempt(client, candidate, PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(candidate.pk)


def test_changing_the_case_of_the_username_gets_no_more_tries(client, db, settings):
    """Log-in ignores case, so axes counts "ALICE", "Alice" and "alice" as one username."""
    UserFactory(username="Alice")
    spellings = ["alice", "ALICE", "Alice", "aLiCe", "alicE", "ALIce"]
    statuses = [client.post(LOGIN, {"username": spellings[n % len(spellings)], "password": "wrong-guess"},
                            REMOTE_ADDR="10.0.0.1").status_code for n in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]

    locked = client.post(LOGIN, {"username": "Alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert SESSION_KEY not in client.session

def test_a_successful_login_resets_the_count(client, candidate, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, candidate, "wrong-guess")
    assert attempt(client, candidate, PASSWORD).status_code == 302
    client.logout()

    assert attempt(client, candidate, "wrong-guess").status_code == 200
    assert attempt(client, candidate, PASSWORD).status_code == 302


def test_log_in_attempts_from_one_ip_are_limited_per_minute(client, candidate, other_candidate, settings,
                                                            mid_limit_window):
    settings.LOGINS_PER_IP_PER_MINUTE = 3
    users = [candidate, other_candidate, candidate]
    assert [attempt(client, user, "spray-guess").status_code for user in users] == [200, 200, 200]

    refused = attempt(client, other_candidate, PASSWORD)

    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Too many log-in attempts from your network" in refused.content.decode()
    assert attempt(client.__class__(), other_candidate, PASSWORD, ip="192.0.2.8").status_code == 302
