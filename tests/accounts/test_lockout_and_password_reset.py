"""A log-in lockout (django-axes) ends with a password reset, and the lockout page says how long is left."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = reverse("accounts:login")
NEW_PASSWORD = "Fresh-interview-prep-2027"


def attempt(client, user, password, ip="10.0.0.1", url=LOGIN):
    return client.post(url, {"username": user.username, "password": password}, REMOTE_ADDR=ip)


def lock_out(client, user, settings, ip="10.0.0.1"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, user, "wrong-guess", ip=ip)
    assert response.status_code == 429


def set_password_page(client, email: str) -> str:
    """The page a reset e-mail's link leads to, where the new password is typed."""
    client.post(reverse("accounts:password_reset"), {"email": email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    return client.get(link, follow=True).redirect_chain[-1][0]


def reset_password(client, email: str):
    return client.post(set_password_page(client, email), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def age_attempts(by: timedelta):
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - by)


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """Passwords are checked here, but their strength is not what is tested."""


@pytest.fixture
def user(db):
    return UserFactory(email="ada@example.com")


def test_a_password_reset_lifts_the_lockout(client, user, settings, django_assert_num_queries):
    lock_out(client, user, settings)
    lock_out(client.__class__(), user, settings, ip="192.0.2.7")  # from another network too
    url = set_password_page(client, "ada@example.com")

    # the user and the session; the password saved; the user's failures forgotten (a select and two deletes, with
    # their expirations); the session saved (an update in a savepoint)
    with django_assert_num_queries(9):
        done = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert attempt(client, user, NEW_PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert attempt(client.__class__(), user, NEW_PASSWORD, ip="192.0.2.7").status_code == 302


def test_a_reset_lifts_a_lockout_earned_typing_the_username_in_another_case(client, db, settings):
    user = UserFactory(username="Grace", email="grace@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": "GRACE", "password": "wrong-guess"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429

    assert reset_password(client, "grace@example.com").status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, user, NEW_PASSWORD).status_code == 302

def test_a_reset_lifts_only_that_users_lockout(client, user, settings):
    other = UserFactory()
    lock_out(client, user, settings)
    lock_out(client, other, settings)

    reset_password(client, "ada@example.com")

    assert attempt(client, other, PASSWORD).status_code == 429


def test_a_reset_that_fails_keeps_the_lockout(client, user, settings):
    lock_out(client, user, settings)
    url = set_password_page(client, "ada@example.com")

    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else-2027"})

    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert attempt(client, user, PASSWORD).status_code == 429


def test_the_lockout_page_says_how_long_is_left_in_words(client, user, settings, django_assert_num_queries):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    lock_out(client, user, settings)
    age_attempts(by=timedelta(minutes=4, seconds=30))

    # the per-IP window (see test_views_login.py; its add rolled back, as the key exists), axes counting the
    # failures and clearing expired ones, then the failures read once more for the time left
    with django_assert_num_queries(12 + 2 + 1):
        response = attempt(client, user, PASSWORD)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Try again in 11 minutes" in html
    assert "0:15:00" not in html and "0:10:30" not in html and "hours:minutes:seconds" not in html


def test_the_page_counts_hours_and_a_last_minute_in_words(client, user, settings):
    settings.AXES_COOLOFF_TIME = timedelta(hours=2)
    lock_out(client, user, settings)
    assert "Try again in 2 hours;" in attempt(client, user, PASSWORD).content.decode()

    age_attempts(by=timedelta(minutes=60 + 55))
    assert "Try again in 5 minutes;" in attempt(client, user, PASSWORD).content.decode()

    age_attempts(by=timedelta(minutes=4, seconds=50))
    assert "Try again in 1 minute;" in attempt(client, user, PASSWORD).content.decode()


def test_a_lockout_page_that_cannot_know_the_time_left_says_up_to_the_cool_off(client, user, settings):
    """The admin's log-in is locked by the same failures, but is not this app's view."""
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    lock_out(client, user, settings)

    response = attempt(client, user, PASSWORD, url=reverse("admin:login"))

    html = response.content.decode()
    assert response.status_code == 429 and 'data-testid="locked-out"' in html
    assert "Try again in up to 15 minutes;" in html
    assert "0:15:00" not in html
