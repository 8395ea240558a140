"""A visitor sent to log in by a page (a secret bank link) who signs up instead comes back to that page."""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse

from tests.banks.factories import BankFactory, BankQuestionFactory

SIGN_UP = reverse("accounts:signup")


def signup_data(**extra):
    return {"username": "invited", "email": "invited@example.com", "password1": "Interview-ready-2026",
            "password2": "Interview-ready-2026", **extra}


@pytest.fixture
def bank_url(db):
    bank = BankFactory(title="RAG course, week one")
    BankQuestionFactory(bank=bank, question__title="Explain the KV cache")
    return reverse("banks:shared", args=[bank.share_token])


def test_a_visitor_invited_by_a_bank_link_signs_up_and_lands_on_the_bank(client, bank_url,
                                                                          django_assert_num_queries):
    login_page = client.get(client.get(bank_url).url).content.decode()
    signup_links = re.findall(r'href="(/accounts/signup/[^"]*)"', login_page)
    # the two links in the page; the nav's own "Sign up" is the base template's
    assert signup_links.count(f"{SIGN_UP}?next={bank_url}") == 3  # the menu and the two in the page

    with django_assert_num_queries(0):
        form_page = client.get(SIGN_UP, {"next": bank_url})
    html = form_page.content.decode()
    assert f'<input type="hidden" name="next" value="{bank_url}">' in html
    assert f'href="{reverse("accounts:login")}?next={bank_url}"' in html

    # as for any sign-up (see test_views_signup.py): the window, the checks, the insert, the login
    with django_assert_num_queries(26):
        response = client.post(SIGN_UP, signup_data(next=bank_url))

    assert response.status_code == 302 and response.url == bank_url
    assert client.session[SESSION_KEY] == str(get_user_model().objects.get(username="invited").pk)
    bank_page = client.get(response.url)
    assert bank_page.status_code == 200 and "Explain the KV cache" in bank_page.content.decode()


@pytest.mark.parametrize("unsafe", ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)"])
def test_it_never_sends_a_new_user_to_another_site(client, db, unsafe, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = client.get(SIGN_UP, {"next": unsafe}).content.decode()
    assert "evil.example" not in html and "javascript:" not in html

    response = client.post(SIGN_UP, signup_data(next=unsafe))

    assert response.status_code == 302 and response.url == reverse("practice:start")


def test_a_form_with_errors_keeps_the_page_to_return_to(client, bank_url, django_assert_num_queries):
    with django_assert_num_queries(4):  # the per-IP window, the e-mail and username checks, the password check
        response = client.post(SIGN_UP, signup_data(password2="Interview-ready-2027", next=bank_url))

    assert response.status_code == 200
    assert f'<input type="hidden" name="next" value="{bank_url}">' in response.content.decode()


def test_a_logged_in_user_is_sent_on_to_the_page(candidate_client, bank_url, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = candidate_client.get(SIGN_UP, {"next": bank_url})

    assert response.status_code == 302 and response.url == bank_url


def test_the_menus_sign_up_and_log_in_links_keep_where_the_visitor_was_going(client, db):
    html = client.get(reverse("accounts:login") + "?next=/banks/shared/abc/").content.decode()
    nav = html[html.index('id="site-nav"'):]
    assert 'href="/accounts/signup/?next=/banks/shared/abc/"' in nav
    assert 'href="/accounts/login/?next=/banks/shared/abc/"' in nav
