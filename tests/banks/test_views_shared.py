from django.urls import reverse

from banks.models import Bank
from questions.models import Question
from tests.banks.factories import BankFactory, BankQuestionFactory

# session, user, the bank with its owner, its published questions
PAGE_QUERIES = 4


def url_of(bank: Bank) -> str:
    return reverse("banks:shared", args=[bank.share_token])


def test_it_rejects_post(candidate_client, bank):
    assert candidate_client.post(url_of(bank)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in_and_back(client, bank, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url_of(bank))
    assert response.url == f"{reverse('accounts:login')}?next={url_of(bank)}"


def test_a_private_bank_does_not_exist_for_a_candidate_even_with_its_token(candidate_client, instructor):
    bank = BankFactory(owner=instructor, visibility=Bank.Visibility.PRIVATE)
    assert candidate_client.get(url_of(bank)).status_code == 404


def test_a_wrong_token_is_not_found(candidate_client, bank):
    assert candidate_client.get(reverse("banks:shared", args=["not-the-token"])).status_code == 404


def test_a_candidate_sees_only_published_questions_in_order(candidate_client, bank):
    BankQuestionFactory(bank=bank, question__title="A draft", question__status=Question.Status.DRAFT, position=9)
    body = candidate_client.get(url_of(bank)).content.decode()
    assert body.index("Explain the KV cache") < body.index("Chunking for RAG")
    assert "A draft" not in body
    assert "<strong>week one</strong>" in body  # the description is rendered Markdown
    assert "Practise this bank" in body


def test_the_page_costs_the_same_queries_with_two_or_twelve_questions(candidate_client, bank,
                                                                       django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(url_of(bank))
    BankQuestionFactory.create_batch(10, bank=bank)
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(bank), headers={"HX-Request": "true"})
    assert response.content.decode().count("<li>") == 12


def test_the_owner_previews_a_private_bank(client, instructor):
    bank = BankFactory(owner=instructor, visibility=Bank.Visibility.PRIVATE)
    client.force_login(instructor)
    response = client.get(url_of(bank))
    assert response.status_code == 200 and "Only you can see this page" in response.content.decode()


def test_the_count_menu_offers_no_more_questions_than_the_bank_has(candidate_client, bank, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(bank)).content.decode()

    menu = html.split('name="question_count"')[1].split("</select>")[0]
    assert '<option value="1">1</option>' in menu
    assert '<option value="2" selected>2 (all)</option>' in menu  # fewer than five: all of them by default
    assert 'value="3"' not in menu and 'value="5"' not in menu and 'value="10"' not in menu


def test_a_large_bank_offers_every_count_and_five_by_default(candidate_client, bank, django_assert_num_queries):
    BankQuestionFactory.create_batch(10, bank=bank)
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(bank)).content.decode()

    menu = html.split('name="question_count"')[1].split("</select>")[0]
    assert [value.split('"')[0] for value in menu.split('value="')[1:]] == ["1", "3", "5", "10"]
    assert '<option value="5" selected>5</option>' in menu


def test_a_bank_of_four_offers_all_four_by_default(candidate_client, bank):
    BankQuestionFactory.create_batch(2, bank=bank)
    menu = candidate_client.get(url_of(bank)).content.decode().split('name="question_count"')[1].split("</select>")[0]
    assert [value.split('"')[0] for value in menu.split('value="')[1:]] == ["1", "3", "4"]
    assert '<option value="4" selected>4 (all)</option>' in menu
