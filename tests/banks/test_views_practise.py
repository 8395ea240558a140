from django.urls import reverse

from banks.models import Bank
from practice.models import PracticeSession
from questions.models import Question
from tests.banks.factories import BankFactory, BankQuestionFactory

# session, user, the bank, its published questions (for the count menu); then the service in a savepoint: the
# entries, the first question's level, the candidate's answers, the user lock and the limit count, two inserts
PRACTISE_QUERIES = 4 + 9


def url_of(bank: Bank) -> str:
    return reverse("banks:practise", args=[bank.share_token])


def test_it_rejects_get(candidate_client, bank):
    assert candidate_client.get(url_of(bank)).status_code == 405


def test_an_anonymous_post_starts_nothing(client, bank, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(bank), {"question_count": "3"})
    assert response.url.startswith(reverse("accounts:login"))
    assert not PracticeSession.objects.exists()


def test_a_private_bank_cannot_be_practised_by_a_candidate(candidate_client, instructor):
    bank = BankFactory(owner=instructor, visibility=Bank.Visibility.PRIVATE)
    BankQuestionFactory(bank=bank)
    assert candidate_client.post(url_of(bank), {"question_count": "3"}).status_code == 404
    assert not PracticeSession.objects.exists()


def test_a_candidate_practises_the_bank_in_its_order(candidate_client, candidate, bank, django_assert_num_queries):
    with django_assert_num_queries(PRACTISE_QUERIES):
        response = candidate_client.post(url_of(bank), {"question_count": "2"})

    session = PracticeSession.objects.get(user=candidate)
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert [item.question.title for item in session.items.order_by("position")] == [
        "Explain the KV cache", "Chunking for RAG"]
    first = bank.entries.order_by("position").first().question
    assert session.category == first.category and session.level in first.levels.all()
    page = candidate_client.get(response.url).content.decode()
    assert "Explain the KV cache" in page


def test_a_bank_without_published_questions_says_so(candidate_client, instructor):
    bank = BankFactory(owner=instructor)
    BankQuestionFactory(bank=bank, question__status=Question.Status.DRAFT)
    response = candidate_client.post(url_of(bank), {"question_count": "3"})
    assert response.status_code == 400
    assert "no published questions" in response.content.decode()


def test_a_bad_question_count_gets_a_clear_error(candidate_client, bank):
    response = candidate_client.post(url_of(bank), {"question_count": "7"})
    assert "Choose 1 or 2 questions." in response.content.decode()
    assert not PracticeSession.objects.exists()


def test_a_count_larger_than_the_bank_is_refused_with_the_menu_it_can_offer(candidate_client, bank,
                                                                            django_assert_num_queries):
    # session, user, the bank, its published questions (read once for the menu and the list)
    with django_assert_num_queries(4):
        response = candidate_client.post(url_of(bank), {"question_count": "10"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose 1 or 2 questions." in html
    assert '<option value="10"' not in html and '<option value="2">2 (all)</option>' in html
    assert not PracticeSession.objects.exists()
