from django.urls import reverse

from banks.models import Bank, BankQuestion
from questions.models import Question
from tests.factories import QuestionFactory


def url_of(bank: Bank) -> str:
    return reverse("banks:questions", args=[bank.pk])


def titles(bank: Bank) -> list[str]:
    return list(bank.entries.order_by("position", "id").values_list("question__title", flat=True))


def test_it_rejects_get(client, instructor, bank):
    client.force_login(instructor)
    assert client.get(url_of(bank)).status_code == 405


def test_an_anonymous_post_changes_nothing(client, bank, django_assert_num_queries):
    question = QuestionFactory()
    with django_assert_num_queries(0):
        client.post(url_of(bank), {"action": "add", "question": question.pk})
    assert bank.entries.count() == 2


def test_another_instructor_cannot_change_the_bank(client, other_instructor, bank):
    client.force_login(other_instructor)
    entry = bank.entries.first()
    assert client.post(url_of(bank), {"action": "remove", "question": entry.question_id}).status_code == 404
    assert bank.entries.count() == 2


def test_adding_puts_the_question_last_and_twice_adds_it_once(client, instructor, bank):
    question = QuestionFactory(title="Guardrails for an agent")
    client.force_login(instructor)
    client.post(url_of(bank), {"action": "add", "question": question.pk})
    client.post(url_of(bank), {"action": "add", "question": question.pk})
    assert titles(bank) == ["Explain the KV cache", "Chunking for RAG", "Guardrails for an agent"]


def test_another_instructors_draft_cannot_be_added(client, instructor, other_instructor, bank):
    draft = QuestionFactory(status=Question.Status.DRAFT, created_by=other_instructor)
    client.force_login(instructor)
    assert client.post(url_of(bank), {"action": "add", "question": draft.pk}).status_code == 404
    assert not BankQuestion.objects.filter(question=draft).exists()


def test_removing_keeps_the_question_in_the_library(client, instructor, bank):
    entry = bank.entries.get(question__title="Explain the KV cache")
    client.force_login(instructor)
    client.post(url_of(bank), {"action": "remove", "question": entry.question_id})
    assert titles(bank) == ["Chunking for RAG"]
    assert Question.objects.filter(pk=entry.question_id).exists()


def test_htmx_moves_a_question_up_and_gets_the_list(client, instructor, bank, django_assert_num_queries):
    entry = bank.entries.get(question__title="Chunking for RAG")
    client.force_login(instructor)

    response = client.post(url_of(bank), {"action": "up", "question": entry.question_id},
                           headers={"HX-Request": "true"})

    assert titles(bank) == ["Chunking for RAG", "Explain the KV cache"]
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="bank-questions">')
    assert body.index("Chunking for RAG") < body.index("Explain the KV cache")


def test_a_missing_question_gets_a_clear_message(client, instructor, bank):
    client.force_login(instructor)
    response = client.post(url_of(bank), {"action": "add", "question": "abc"}, follow=True)
    assert "Choose a question." in response.content.decode()


def test_adding_a_question_without_a_rubric_says_what_is_missing_and_changes_nothing(client, instructor, bank):
    bare = QuestionFactory(title="Imported, approved, no rubric", rubric=[])
    client.force_login(instructor)
    response = client.post(url_of(bank), {"action": "add", "question": bare.pk}, follow=True)
    assert "cannot be added to a bank yet: add at least one key point to the rubric" in response.content.decode()
    assert titles(bank) == ["Explain the KV cache", "Chunking for RAG"]
