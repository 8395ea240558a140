from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = reverse("accounts:login")
# Every log-in POST counts in the per-IP window; without Redis the cache is a database table (a read, a culling
# count and a write for the add, the same for the increment, with their savepoints).
IP_WINDOW = 11
# django-axes: the failures of this username from this IP before the password is checked; on success, clearing them.
AXES_BEFORE, AXES_ON_SUCCESS = 1, 2
# On a failure axes reads the attempt row, writes it in savepoints and counts again.
AXES_ON_FAILURE = 8
LOGOUT = reverse("accounts:logout")
BAD_CREDENTIALS = "Please enter a correct username and password."


def test_login_rejects_delete(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.delete(LOGIN)

    assert response.status_code == 405


def test_it_shows_the_login_form(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(LOGIN, {"next": reverse("practice:start")})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'name="username"' in html and 'name="password"' in html
    assert f'<input type="hidden" name="next" value="{reverse("practice:start")}">' in html
    assert f'href="{reverse("accounts:signup")}?next={reverse("practice:start")}"' in html


def test_logging_in_goes_to_practice(client, candidate, django_assert_num_queries):
    # the user; creating the session (a key check, then an insert in a savepoint); last_login; saving the session
    # (an update in a savepoint)
    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 9 + AXES_ON_SUCCESS):
        response = client.post(LOGIN, {"username": candidate.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("practice:start")
    assert client.session[SESSION_KEY] == str(candidate.pk)


def test_logging_in_returns_to_the_page_that_asked_for_it(client, candidate, session_question,
                                                          django_assert_num_queries):
    page = reverse("practice:question", args=[session_question.session_id, 1])
    asked = client.get(page)

    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 9 + AXES_ON_SUCCESS):
        response = client.post(asked.url, {"username": candidate.username, "password": PASSWORD, "next": page})

    assert response.url == page
    assert client.get(page).status_code == 200


def test_it_never_redirects_to_another_site_after_login(client, candidate, django_assert_num_queries):
    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 9 + AXES_ON_SUCCESS):
        response = client.post(LOGIN, {"username": candidate.username, "password": PASSWORD,
                                       "next": "https://evil.example/phish"})

    assert response.status_code == 302
    assert response.url == reverse("practice:start")


def test_a_wrong_password_gets_an_error_and_no_session(client, candidate, django_assert_num_queries):
    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 1 + AXES_ON_FAILURE):
        response = client.post(LOGIN, {"username": candidate.username, "password": "not-the-password"})

    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_unknown_username_gets_the_same_error(client, db, django_assert_num_queries):
    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 1 + AXES_ON_FAILURE):
        response = client.post(LOGIN, {"username": "nobody", "password": PASSWORD})

    assert BAD_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_username_may_be_typed_in_any_case(client, db, django_assert_num_queries):
    alice = UserFactory(username="Alice")

    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 9 + AXES_ON_SUCCESS):
        response = client.post(LOGIN, {"username": "ALICE", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_wrong_password_fails_in_any_case_of_the_username(client, db, django_assert_num_queries):
    UserFactory(username="Alice")

    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 1 + AXES_ON_FAILURE):
        response = client.post(LOGIN, {"username": "alice", "password": "not-the-password"})

    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session

def test_an_inactive_account_cannot_log_in(client, candidate, django_assert_num_queries):
    candidate.is_active = False
    candidate.save()

    with django_assert_num_queries(IP_WINDOW + AXES_BEFORE + 1 + AXES_ON_FAILURE):
        response = client.post(LOGIN, {"username": candidate.username, "password": PASSWORD})

    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logout_rejects_get(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = candidate_client.get(LOGOUT)

    assert response.status_code == 405
    assert SESSION_KEY in candidate_client.session


def test_logging_out_ends_the_session_and_goes_home(candidate_client, django_assert_num_queries):
    # django_session and auth_user, then the session is read once more and deleted, and axes logs the log-out
    with django_assert_num_queries(5):
        response = candidate_client.post(LOGOUT)

    assert response.status_code == 302
    assert response.url == reverse("playbook:home")
    assert SESSION_KEY not in candidate_client.session
    practice = candidate_client.get(reverse("practice:start"))
    assert practice.status_code == 302 and practice.url.startswith(LOGIN)


def test_logging_out_says_so_on_the_page_it_lands_on(candidate_client, cell, django_assert_num_queries):
    response = candidate_client.post(LOGOUT)

    # the home page's own three reads: the ended session left no cookie to look up
    with django_assert_num_queries(3):
        home = candidate_client.get(response.url)
    assert home.status_code == 200
    assert "You are logged out." in home.content.decode()
    again = candidate_client.get(response.url).content.decode()
    assert "You are logged out." not in again  # said once
