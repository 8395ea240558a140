import pytest
from django.urls import reverse

from banks.models import Bank
from tests.banks.factories import BankFactory, BankQuestionFactory

URL = reverse("banks:list")
HX_LIST = {"HX-Request": "true", "HX-Target": "bank-list"}
# session, user (with the instructor flag), permissions of the user and of their groups, the banks with counts
PAGE_QUERIES = 5


def test_it_rejects_put(client, instructor):
    client.force_login(instructor)
    assert client.put(URL).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_candidate_is_refused(candidate_client):
    assert candidate_client.get(URL).status_code == 403
    assert candidate_client.post(URL, {"title": "Mine", "visibility": "private"}).status_code == 403
    assert not Bank.objects.exists()


def test_it_lists_only_the_instructors_own_banks_in_their_order(client, instructor, other_instructor):
    BankFactory(owner=instructor, title="Second", position=1)
    BankFactory(owner=instructor, title="First", position=0)
    BankFactory(owner=other_instructor, title="Not mine")
    client.force_login(instructor)

    body = client.get(URL).content.decode()

    assert body.index("First") < body.index("Second")
    assert "Not mine" not in body


def test_the_page_costs_the_same_queries_with_one_or_ten_banks(client, instructor, django_assert_num_queries):
    client.force_login(instructor)
    BankQuestionFactory(bank__owner=instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(URL)
    for _ in range(9):
        BankQuestionFactory.create_batch(2, bank=BankFactory(owner=instructor))
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(URL)
    assert response.content.decode().count('data-testid="bank-row"') == 10


def test_htmx_gets_only_the_bank_list(client, instructor, django_assert_num_queries):
    BankFactory(owner=instructor, title="Week one")
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(URL, headers=HX_LIST)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="bank-list">') and "Week one" in body
    assert "<html" not in body


def test_an_instructor_creates_a_bank_at_the_end_of_their_list(client, instructor):
    BankFactory(owner=instructor, position=4)
    client.force_login(instructor)

    response = client.post(URL, {"title": "  LLM ops  ", "description": "", "visibility": "link"})

    bank = Bank.objects.get(title="LLM ops")
    assert response.status_code == 302 and response.url == reverse("banks:detail", args=[bank.pk])
    assert (bank.owner, bank.visibility, bank.position) == (instructor, "link", 5)


@pytest.mark.parametrize("data,message", [
    ({"title": "", "visibility": "private"}, "This field is required."),
    ({"title": "A bank", "visibility": "everyone"}, "Select a valid choice."),
])
def test_a_bad_bank_gets_a_clear_error_and_saves_nothing(client, instructor, data, message):
    client.force_login(instructor)
    response = client.post(URL, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Bank.objects.exists()


def test_a_long_unbroken_title_wraps_in_its_cell(client, instructor, django_assert_num_queries, settings):
    BankFactory(owner=instructor, title="a" * 200)
    client.force_login(instructor)

    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(URL).content.decode()

    assert '<td class="title-cell"><a href="' in body and "a" * 200 in body
    css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text()
    assert ".table td.title-cell { overflow-wrap: anywhere;" in css
