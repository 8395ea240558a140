"""Password change, and password reset by e-mail end to end (Django's locmem backend keeps the mails)."""

import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

NEW_PASSWORD = "Fresh-interview-prep-2027"


def test_the_login_page_links_to_password_reset(client, db):
    assert f'href="{reverse("accounts:password_reset")}"' in client.get(reverse("accounts:login")).content.decode()


def test_password_reset_end_to_end(client, db, django_assert_num_queries):
    user = UserFactory(email="ada@example.com")

    response = client.post(reverse("accounts:password_reset"), {"email": "ADA@example.com"})

    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"] and "Reset your AI Interview Playbook password" in message.subject
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and 'name="new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.url == reverse("accounts:password_reset_complete")

    client.post(reverse("accounts:login"), {"username": user.username, "password": NEW_PASSWORD})
    assert client.session[SESSION_KEY] == str(user.pk)
    client.logout()
    used_again = client.get(link, follow=True).content.decode()
    assert 'data-testid="reset-link-invalid"' in used_again


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"}, follow=True)

    assert 'data-testid="reset-sent"' in response.content.decode()
    assert mail.outbox == []


def test_password_resets_are_limited_per_ip(client, db, settings, mid_limit_window):
    settings.PASSWORD_RESETS_PER_IP_PER_HOUR = 2
    UserFactory(email="ada@example.com")

    statuses = [client.post(reverse("accounts:password_reset"), {"email": "ada@example.com"}).status_code
                for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_password_change_needs_the_old_password_and_keeps_the_user_logged_in(candidate_client, candidate):
    url = reverse("accounts:password_change")
    page = candidate_client.get(reverse("accounts:data")).content.decode()
    assert f'href="{url}"' in page

    wrong = candidate_client.post(url, {"old_password": "not-it", "new_password1": NEW_PASSWORD,
                                        "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 200 and "Your old password was entered incorrectly." in wrong.content.decode()

    response = candidate_client.post(url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                           "new_password2": NEW_PASSWORD}, follow=True)

    assert 'data-testid="password-changed"' in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.check_password(NEW_PASSWORD)
    assert candidate_client.get(reverse("practice:start")).status_code == 200


def test_password_change_asks_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
