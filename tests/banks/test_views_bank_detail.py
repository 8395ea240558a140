from django.urls import reverse

from banks.models import Bank
from questions.models import Question
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import QuestionFactory

# session, user, user and group permissions, the bank, its questions; a search adds one query for the results
PAGE_QUERIES = 6


def url_of(bank: Bank) -> str:
    return reverse("banks:detail", args=[bank.pk])


def test_it_rejects_delete(client, instructor, bank):
    client.force_login(instructor)
    assert client.delete(url_of(bank)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, bank, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url_of(bank))
    assert response.url.startswith(reverse("accounts:login"))


def test_another_instructors_bank_does_not_exist_for_them(client, other_instructor, bank):
    client.force_login(other_instructor)
    assert client.get(url_of(bank)).status_code == 404
    assert client.post(url_of(bank), {"title": "Stolen", "visibility": "public"}).status_code == 404
    bank.refresh_from_db()
    assert bank.title != "Stolen"


def test_it_shows_the_questions_in_order_and_the_share_link(client, instructor, bank):
    client.force_login(instructor)
    body = client.get(url_of(bank)).content.decode()
    assert body.index("Explain the KV cache") < body.index("Chunking for RAG")
    assert f"/banks/shared/{bank.share_token}/" in body


def test_the_page_costs_the_same_queries_with_two_or_twelve_questions(client, instructor, bank,
                                                                       django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(url_of(bank))
    BankQuestionFactory.create_batch(10, bank=bank)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(bank))
    assert response.content.decode().count('data-testid="bank-question"') == 12


def test_search_finds_published_questions_and_own_drafts_not_in_the_bank(client, instructor, other_instructor,
                                                                          bank, django_assert_num_queries):
    QuestionFactory(title="Evaluate a RAG system")
    QuestionFactory(title="Evaluate retrieval drafts", status=Question.Status.DRAFT, created_by=instructor)
    QuestionFactory(title="Evaluate someone else's draft", status=Question.Status.DRAFT,
                    created_by=other_instructor)
    client.force_login(instructor)

    with django_assert_num_queries(PAGE_QUERIES + 1):
        response = client.get(url_of(bank), {"q": "evaluate"},
                              headers={"HX-Request": "true", "HX-Target": "add-results"})

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="add-results">')
    assert "Evaluate a RAG system" in body and "Evaluate retrieval drafts" in body
    assert "someone else" not in body


def test_htmx_gets_only_the_question_list(client, instructor, bank, django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(bank), headers={"HX-Request": "true", "HX-Target": "bank-questions"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="bank-questions">') and "<html" not in body


def test_the_owner_renames_and_publishes_the_bank(client, instructor, bank):
    client.force_login(instructor)
    response = client.post(url_of(bank), {"title": "Week 2", "description": "RAG", "visibility": "public"})
    assert response.status_code == 302
    bank.refresh_from_db()
    assert (bank.title, bank.visibility) == ("Week 2", Bank.Visibility.PUBLIC)


def test_an_empty_title_gets_an_error_and_keeps_the_bank(client, instructor, bank):
    client.force_login(instructor)
    response = client.post(url_of(bank), {"title": "", "visibility": "link"})
    assert "This field is required." in response.content.decode()
    assert Bank.objects.get(pk=bank.pk).title == bank.title


def test_staff_open_any_bank(client, admin_user):
    bank = BankFactory()
    client.force_login(admin_user)
    assert client.get(url_of(bank)).status_code == 200


def test_on_a_phone_each_question_is_a_card_with_its_status_and_controls_labelled(client, instructor, bank,
                                                                                    django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(url_of(bank)).content.decode()
    assert '<table class="table stack">' in body
    assert body.count('<td data-label="Status" data-testid="bank-question-status">Published</td>') == 2
    assert body.count('<td data-testid="bank-question-actions">') == 2


def test_a_private_bank_says_its_published_questions_are_practised_by_everyone(client, instructor, bank,
                                                                                 django_assert_num_queries):
    Bank.objects.filter(pk=bank.pk).update(visibility=Bank.Visibility.PRIVATE)
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(url_of(bank)).content.decode()
    assert "This bank is private" in body
    assert ("A question you publish is in every candidate's practice pool for its category and levels, whichever "
            "banks hold it. A draft is practised nowhere, this bank included.") in body
