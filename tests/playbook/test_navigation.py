import re

import pytest
from django.urls import reverse


def current_links(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a>', html)


@pytest.mark.parametrize(("url_name", "current"), [
    ("practice:start", ["Practice"]), ("practice:mock_start", ["Mock loops"]), ("progress:dashboard", ["Progress"]),
    ("playbook:checklist", ["Checklist"]), ("playbook:home", []),
])
def test_the_menu_marks_the_section_of_the_page(candidate_client, url_name, current):
    assert current_links(candidate_client.get(reverse(url_name)).content.decode()) == current
