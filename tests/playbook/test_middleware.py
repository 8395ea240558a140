"""A NUL byte anywhere in a request is a 400 with a clear message, never a server error from PostgreSQL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.banks.factories import BankFactory


@pytest.fixture
def instructor_client(client, db):
    bank = BankFactory(owner__is_staff=True)
    client.force_login(bank.owner)
    client.bank = bank
    return client


def assert_refused(response):
    assert response.status_code == 400
    page = response.content.decode()
    assert "Error 400" in page and "NUL character (%00)" in page and "your text is still in the form" in page


def test_a_nul_in_the_path_is_refused(instructor_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert_refused(instructor_client.get("/banks/shared/abc%00def/"))


def test_a_nul_in_a_search_box_is_refused(instructor_client, django_assert_num_queries):
    url = reverse("banks:detail", args=[instructor_client.bank.pk])
    assert instructor_client.get(url, {"q": "rag"}).status_code == 200
    with django_assert_num_queries(0):
        assert_refused(instructor_client.get(url, {"q": "rag\x00"}))


def test_a_nul_in_a_form_field_is_refused_and_nothing_is_saved(instructor_client, django_assert_num_queries):
    bank = instructor_client.bank
    with django_assert_num_queries(0):
        response = instructor_client.post(reverse("banks:detail", args=[bank.pk]),
                                          {"title": "Week\x00two", "description": "", "visibility": "private"})
    assert_refused(response)
    bank.refresh_from_db()
    assert "two" not in bank.title


def test_a_nul_in_a_log_in_form_is_refused(client, db):
    assert_refused(client.post(reverse("accounts:login"), {"username": "demo\x00", "password": "x"}))


def test_a_nul_in_a_cookie_is_refused(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert_refused(client.get(reverse("playbook:home")))


def test_an_uploaded_file_may_hold_nul_bytes(client, db):
    response = client.post(reverse("accounts:login"), {"username": "demo", "password": "x",
                                                       "file": SimpleUploadedFile("data.bin", b"\x00\x01")})
    assert response.status_code == 200


def test_a_page_and_its_htmx_fragment_are_cached_apart(client, db):
    """One URL serves the page and, for htmx, a fragment of it: the browser must not hand the fragment back on Back."""
    url = reverse("playbook:home")
    page = client.get(url)
    assert "HX-Request" in page["Vary"] and "no-store" not in page.get("Cache-Control", "")

    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "HX-Request" in fragment["Vary"] and "no-store" in fragment["Cache-Control"]
