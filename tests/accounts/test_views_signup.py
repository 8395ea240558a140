import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD

URL = reverse("accounts:signup")
User = get_user_model()


def signup_data(username="new-candidate", password1="Interview-ready-2026", password2=None,
                email="new-candidate@example.com"):
    return {"username": username, "email": email, "password1": password1, "password2": password2 or password1}


def test_it_rejects_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_it_shows_the_sign_up_form(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "Create your account" in html
    for name in ("username", "email", "password1", "password2"):
        assert f'name="{name}"' in html
    assert f'href="{reverse("accounts:login")}"' in html


def test_signing_up_creates_the_user_and_logs_them_in(client, db, django_assert_num_queries):
    # the per-IP window read from the database cache, two username checks, the e-mail check and the insert, the
    # window counted (an add and an increment with their culling counts and savepoints), then the login: creating
    # the session (a key check, an insert in a savepoint), axes clearing earlier failures, last_login, saving the
    # session (an update in a savepoint)
    with django_assert_num_queries(26):
        response = client.post(URL, signup_data())

    user = User.objects.get(username="new-candidate")
    assert user.check_password("Interview-ready-2026")
    assert user.email == "new-candidate@example.com"
    assert response.status_code == 302
    assert response.url == reverse("practice:start")
    assert client.session[SESSION_KEY] == str(user.pk)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "new-candidate" in page.content.decode()


def test_a_logged_in_candidate_is_sent_to_practice(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = candidate_client.get(URL)

    assert response.status_code == 302
    assert response.url == reverse("practice:start")


def test_a_logged_in_candidate_cannot_create_a_second_account(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(2):
        candidate_client.post(URL, signup_data())

    assert not User.objects.filter(username="new-candidate").exists()


@pytest.mark.parametrize(
    ("data", "error", "queries"),
    [
        (signup_data(password2="Interview-ready-2027"), "The two password fields didn’t match.", 2),
        (signup_data(password1="Ab1-xyz"), "This password is too short. It must contain at least 8 characters.", 2),
        (signup_data(password1="password123"), "This password is too common.", 2),
        (signup_data(password1="40917365128"), "This password is entirely numeric.", 2),
        (signup_data(username="kvcachequeen", password1="kvcachequeen1"), "The password is too similar to the", 2),
        (signup_data(password1=""), "This field is required.", 2),
        (signup_data(username="no spaces allowed"), "Enter a valid username.", 1),
    ],
)
def test_a_bad_password_or_username_gets_an_error_and_creates_nothing(client, db, data, error, queries,
                                                                      django_assert_num_queries):
    # the per-IP window, the e-mail check and the username checks, when the username is valid
    with django_assert_num_queries(2 + queries):
        response = client.post(URL, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.exists()
    assert SESSION_KEY not in client.session


def test_a_taken_username_gets_an_error(client, candidate, django_assert_num_queries):
    with django_assert_num_queries(3):  # the per-IP window, the username and the e-mail checks
        response = client.post(URL, signup_data(username=candidate.username, password1=PASSWORD))

    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(("email", "error"), [
    ("", "This field is required."),
    ("not-an-address", "Enter a valid email address."),
])
def test_sign_up_requires_a_valid_email(client, db, email, error):
    response = client.post(URL, signup_data(email=email))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.exists()


def test_an_email_already_in_use_gets_an_error(client, candidate):
    candidate.email = "taken@example.com"
    candidate.save()

    response = client.post(URL, signup_data(email="Taken@Example.com"))

    assert "An account with that e-mail address already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_sign_ups_from_one_ip_are_limited_per_hour(client, db, settings, mid_limit_window):
    settings.SIGNUPS_PER_IP_PER_HOUR = 2
    for n in range(2):
        client.post(URL, signup_data(username=f"new{n}", email=f"new{n}@example.com"))
        client.logout()

    refused = client.post(URL, signup_data(username="new2", email="new2@example.com"))

    assert refused.status_code == 429
    assert "Too many accounts were created from your network" in refused.content.decode()
    assert User.objects.count() == 2
    other_network = client.post(URL, signup_data(username="new3", email="new3@example.com"), REMOTE_ADDR="192.0.2.9")
    assert other_network.status_code == 302
