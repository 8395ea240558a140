from django.urls import reverse

from banks.models import Bank
from tests.banks.factories import BankFactory, BankQuestionFactory

URL = reverse("banks:public")
# session, user, the public banks with their owners and counts
PAGE_QUERIES = 3


def test_it_rejects_post(candidate_client):
    assert candidate_client.post(URL).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db):
    assert client.get(URL).url.startswith(reverse("accounts:login"))


def test_it_lists_only_public_active_banks_with_questions(candidate_client, instructor):
    BankQuestionFactory(bank__owner=instructor, bank__title="Public one", bank__visibility=Bank.Visibility.PUBLIC)
    BankQuestionFactory(bank__owner=instructor, bank__title="Link only", bank__visibility=Bank.Visibility.LINK)
    BankQuestionFactory(bank__owner=instructor, bank__title="Archived", bank__visibility=Bank.Visibility.PUBLIC,
                        bank__status=Bank.Status.ARCHIVED)
    BankFactory(owner=instructor, title="Empty", visibility=Bank.Visibility.PUBLIC)
    body = candidate_client.get(URL).content.decode()
    assert "Public one" in body
    assert not any(title in body for title in ("Link only", "Archived", "Empty"))


def test_the_page_costs_the_same_queries_with_one_or_eight_banks(candidate_client, instructor,
                                                                 django_assert_num_queries):
    BankQuestionFactory(bank__owner=instructor, bank__visibility=Bank.Visibility.PUBLIC)
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(URL)
    for _ in range(7):
        BankQuestionFactory(bank__owner=instructor, bank__visibility=Bank.Visibility.PUBLIC)
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL, headers={"HX-Request": "true"})
    assert response.content.decode().count("/banks/shared/") == 8
