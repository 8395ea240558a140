import re

import pytest
from django.urls import reverse


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
