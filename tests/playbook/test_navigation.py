import re

import pytest
from django.urls import reverse

from tests.banks.conftest import make_instructor
from tests.factories import UserFactory


def current_links(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a>', html)


@pytest.mark.parametrize(("url_name", "current"), [
    ("practice:start", ["Practice"]), ("practice:mock_start", ["Mock loops"]), ("progress:dashboard", ["Progress"]),
    ("playbook:checklist", ["Checklist"]), ("playbook:home", []), ("exercises:list", ["Coding exercises"]),
])
def test_the_menu_marks_the_section_of_the_page(candidate_client, url_name, current):
    assert current_links(candidate_client.get(reverse(url_name)).content.decode()) == current


def test_the_coding_exercises_can_be_found_from_the_menu_and_the_home_page(candidate_client):
    target = f'href="{reverse("exercises:list")}"'
    assert target in candidate_client.get(reverse("practice:start")).content.decode()  # the menu, on every page
    home = candidate_client.get(reverse("playbook:home")).content.decode()
    assert home.count(target) == 2  # the menu and the home page's own section


@pytest.mark.parametrize(("make_user", "sees_own_banks"), [
    (UserFactory, False), (make_instructor, True), (lambda: UserFactory(is_staff=True), True),
], ids=["candidate", "instructor", "staff"])
def test_everyone_logged_in_reaches_the_shared_banks_from_the_menu(client, db, make_user, sees_own_banks,
                                                                  django_assert_num_queries):
    client.force_login(make_user())

    with django_assert_num_queries(3):  # the session, the user with their role, the shared banks
        html = client.get(reverse("banks:public")).content.decode()

    assert current_links(html) == ["Shared banks"]
    assert (f'<a href="{reverse("banks:list")}">Banks</a>' in html) is sees_own_banks
