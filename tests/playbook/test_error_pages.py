"""The error pages: styled, with the navigation, saying what happened and what to do; 500 and 503 without a database."""

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from tests.banks.conftest import make_instructor

NAVIGATION = 'id="site-nav"'


@pytest.fixture
def cut_database(transactional_db):
    """Calling it points the default connection at a closed port, as when PostgreSQL is down; teardown restores it."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)

    def cut():
        connection.close()
        if saved["ENGINE"] == "django.db.backends.sqlite3":
            connection.settings_dict["NAME"] = "/nonexistent-folder/unreachable.sqlite3"
        else:
            connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": "9"})

    yield cut
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_a_candidate_on_banks_gets_the_403_page_saying_who_may_use_them(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(4):  # the session, the user and its two permission lookups
        response = candidate_client.get(reverse("banks:list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert NAVIGATION in page and "<h1>This page is not open to your account</h1>" in page
    assert "Question banks are for instructors" in page
    assert "An administrator of this site gives an account the instructor role" in page
    assert "Shared banks" in page


def test_an_instructor_is_not_shown_the_403_page_on_banks(client, db):
    client.force_login(make_instructor())
    assert client.get(reverse("banks:list")).status_code == 200


def test_a_visitor_on_a_page_for_staff_gets_the_403_page_with_a_way_to_log_in(candidate_client):
    response = candidate_client.get(reverse("moderation:queue"))
    assert response.status_code == 403
    assert "These pages are for staff" in response.content.decode()


def test_an_unknown_address_gets_the_404_page_with_the_navigation(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NAVIGATION in page and "There is no page here" in page
    assert "<code>/no-such-page/</code>" in page and reverse("practice:start") in page


def test_a_request_to_a_host_the_site_does_not_serve_gets_the_400_page(client, db):
    response = client.get("/", headers={"host": "not-this-site.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert NAVIGATION in page and "That request could not be understood" in page


@pytest.mark.urls("tests.playbook.failing_urls")
def test_a_view_failing_while_the_database_is_unreachable_gets_the_500_page(cut_database):
    cut_database()
    response = Client(raise_request_exception=False).get("/fail-on-purpose/")
    assert response.status_code == 500
    page = response.content.decode()
    assert NAVIGATION in page and "Something went wrong on our side" in page
    assert "Anything you saved before" in page


def test_a_signed_in_candidate_gets_the_503_page_while_the_database_is_unreachable(client, candidate, cut_database):
    client.force_login(candidate)  # the session is saved before the database goes away
    cut_database()
    client.raise_request_exception = False
    response = client.get(reverse("progress:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert NAVIGATION in page and "We cannot reach the database right now" in page
    assert "Log out" not in page  # the page knows nothing about the user: it reads no session


@pytest.mark.parametrize("path", [
    "/practice/sessions/9223372036854775808/questions/1/",
    "/progress/questions/99999999999999999999/compare/",
    "/practice/answers/99999999999999999999/grader-accuracy/",
    "/moderation/items/12345678901234567890123/",
])
def test_an_id_past_the_databases_integers_is_not_found_not_a_server_error(candidate_client, path,
                                                                           django_assert_num_queries):
    with django_assert_num_queries(2):  # the session and the user, for the menu
        response = candidate_client.get(path)
    assert response.status_code == 404 and "There is no page here" in response.content.decode()
