"""Adding or changing the account's e-mail address, the one a forgotten password is reset through."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

URL = reverse("accounts:email_change")
DATA = reverse("accounts:data")
# django_session, auth_user with the instructor flag (the navigation)
PAGE_QUERIES = 2
# ... plus the check that no other account has the address, and the update in its savepoint
SAVE_QUERIES = 6


def page_text(response) -> str:
    return " ".join(response.content.decode().split())


def test_it_rejects_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_sends_an_anonymous_visitor_to_log_in(client, db, method, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL) if method == "get" else client.post(URL, {"email": "a@example.com",
                                                                               "password": PASSWORD})

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"


def test_it_needs_the_csrf_token(candidate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)

    response = client.post(URL, {"email": "ada@example.com", "password": PASSWORD})

    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.email == ""


def test_my_data_offers_to_add_an_address_when_there_is_none(candidate_client):
    html = page_text(candidate_client.get(DATA))

    assert "none on file, so a forgotten password cannot be reset by e-mail" in html
    assert f'<a href="{URL}">Add an e-mail address</a>' in html


def test_the_form_asks_for_the_address_and_the_current_password(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = page_text(response)
    assert response.status_code == 200 and "<h1>Add your e-mail address</h1>" in html
    assert "There is none on file yet." in html
    assert 'type="email" name="email"' in html and 'type="password" name="password"' in html
    assert 'name="csrfmiddlewaretoken"' in html and f'href="{DATA}"' in html


def test_a_candidate_adds_an_address(candidate_client, candidate, django_assert_num_queries):
    with django_assert_num_queries(SAVE_QUERIES):
        response = candidate_client.post(URL, {"email": "ada@example.com", "password": PASSWORD})

    assert response.status_code == 302 and response.url == DATA
    candidate.refresh_from_db()
    assert candidate.email == "ada@example.com"
    html = page_text(candidate_client.get(DATA))
    assert "Your e-mail address is now ada@example.com. A password reset is sent there." in html
    assert 'data-testid="account-email">E-mail: ada@example.com</p>' in html
    assert f'<a href="{URL}">Change your e-mail address</a>' in html


def test_a_mistyped_address_is_corrected(client, db, django_assert_num_queries):
    user = UserFactory(email="ada@exmaple.com")
    client.force_login(user)

    with django_assert_num_queries(PAGE_QUERIES):
        html = page_text(client.get(URL))
    assert "<h1>Change your e-mail address</h1>" in html
    assert 'value="ada@exmaple.com"' in html  # filled in, to correct rather than retype

    response = client.post(URL, {"email": "ada@example.com", "password": PASSWORD}, follow=True)

    user.refresh_from_db()
    assert user.email == "ada@example.com"
    assert "Your e-mail address is now ada@example.com." in page_text(response)


def test_the_domain_is_normalised_as_at_sign_up(candidate_client, candidate):
    candidate_client.post(URL, {"email": "Ada@Example.COM", "password": PASSWORD})

    candidate.refresh_from_db()
    assert candidate.email == "Ada@example.com"


def test_a_wrong_password_changes_nothing(client, db, django_assert_num_queries):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)

    with django_assert_num_queries(PAGE_QUERIES):  # the password refused, and no address looked up
        response = client.post(URL, {"email": "grace@example.com", "password": "not-it"})

    html = page_text(response)
    assert response.status_code == 200
    assert "That is not your password. Your e-mail address was not changed." in html
    assert 'value="grace@example.com"' in html  # kept, to fix only the password
    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_a_missing_password_changes_nothing(candidate_client, candidate):
    html = page_text(candidate_client.post(URL, {"email": "ada@example.com"}))

    assert "Type your password to confirm. Your e-mail address was not changed." in html
    candidate.refresh_from_db()
    assert candidate.email == ""


def test_another_accounts_address_is_refused_whatever_its_case(candidate_client, candidate):
    UserFactory(email="ada@example.com")

    html = page_text(candidate_client.post(URL, {"email": "ADA@Example.com", "password": PASSWORD}))

    assert "Another account already uses that e-mail address. Your e-mail address was not changed." in html
    candidate.refresh_from_db()
    assert candidate.email == ""


@pytest.mark.parametrize("email", ["", "not-an-address", "ada@", "a" * 250 + "@example.com"])
def test_an_invalid_address_is_refused(candidate_client, candidate, email):
    response = candidate_client.post(URL, {"email": email, "password": PASSWORD})

    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.email == ""


def test_the_accounts_own_address_in_another_case_is_not_a_duplicate(client, db):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)

    response = client.post(URL, {"email": "Ada@example.com", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "Ada@example.com"


def test_the_new_address_receives_the_password_reset(candidate_client):
    candidate_client.post(URL, {"email": "ada@example.com", "password": PASSWORD})
    candidate_client.logout()

    candidate_client.post(reverse("accounts:password_reset"), {"email": "ada@example.com"})

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


def test_a_wrong_password_does_not_tell_whether_an_address_has_an_account(client, db):
    UserFactory(email="taken@example.com")
    user = UserFactory(email="ada@example.com")
    client.force_login(user)

    html = page_text(client.post(URL, {"email": "taken@example.com", "password": "not-it"}))

    assert "That is not your password." in html and "Another account already uses" not in html
