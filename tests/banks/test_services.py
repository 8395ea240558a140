import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from banks import services
from banks.models import Bank
from practice.models import PracticeSession
from questions.models import Question
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory


def test_a_new_bank_goes_last_in_the_owners_list(instructor, other_instructor):
    BankFactory(owner=instructor, position=3)
    BankFactory(owner=other_instructor, position=9)
    assert services.bank_create(owner=instructor, title="Next").position == 4


def test_an_empty_title_is_refused(instructor):
    with pytest.raises(ValidationError):
        services.bank_create(owner=instructor, title="   ")
    assert not Bank.objects.exists()


def test_moves_at_the_ends_change_nothing_and_equal_positions_still_move(instructor):
    first, second = BankFactory(owner=instructor, position=0), BankFactory(owner=instructor, position=0)
    services.bank_move(bank=first, direction="up")
    services.bank_move(bank=second, direction="up")
    assert list(Bank.objects.owned_by(instructor).order_by("position").values_list("pk", flat=True)) == [
        second.pk, first.pk]


def test_practising_puts_unanswered_questions_first_then_bank_order(candidate, bank):
    answered = bank.entries.order_by("position").first().question
    AnswerFactory(session_question__session__user=candidate, session_question__question=answered)

    session = services.bank_practice_start(user=candidate, bank=bank, question_count=10)

    assert [i.question.title for i in session.items.order_by("position")] == [
        "Chunking for RAG", "Explain the KV cache"]


def test_practising_takes_only_published_questions_up_to_the_count(candidate, bank):
    bank.entries.update(position=5)
    BankQuestionFactory(bank=bank, question__status=Question.Status.DRAFT, position=0)
    session = services.bank_practice_start(user=candidate, bank=bank, question_count=1)
    assert [i.question.title for i in session.items.all()] == ["Explain the KV cache"]


def test_the_session_takes_the_first_questions_category_and_lowest_level(candidate, instructor):
    junior, senior = LevelFactory(key="junior", name="Junior", position=0), LevelFactory(position=2)
    bank = BankFactory(owner=instructor)
    BankQuestionFactory(bank=bank, question=QuestionFactory(levels=[senior, junior]), position=0)
    session = services.bank_practice_start(user=candidate, bank=bank, question_count=3)
    assert session.level == junior


def test_an_empty_bank_cannot_be_practised(candidate, instructor):
    with pytest.raises(ValidationError, match="no published questions"):
        services.bank_practice_start(user=candidate, bank=BankFactory(owner=instructor), question_count=3)
    assert not PracticeSession.objects.exists()


def test_a_question_without_a_key_point_cannot_be_added_to_a_bank(instructor):
    bank = BankFactory(owner=instructor)
    bare = QuestionFactory(title="Approved without a rubric", status=Question.Status.PUBLISHED,
                           rubric=[("trade_off", "Cost against latency")])
    with pytest.raises(ValidationError, match="“Approved without a rubric” cannot be added to a bank yet: add at "
                                              "least one key point to the rubric"):
        services.bank_question_add(bank=bank, question=bare)
    assert not bank.entries.exists()


def test_a_bank_session_is_titled_by_the_bank_and_shows_each_questions_own_category(candidate, candidate_client,
                                                                                  instructor):
    bank = BankFactory(owner=instructor, title="Week one")
    coding = CategoryFactory(key="coding", name="Coding")
    BankQuestionFactory(bank=bank, question__title="Explain the KV cache", position=0)
    BankQuestionFactory(bank=bank, question=QuestionFactory(title="Reverse a list", category=coding), position=1)

    session = services.bank_practice_start(user=candidate, bank=bank, question_count=3)

    assert session.title == "Bank: Week one"
    crumbs = candidate_client.get(reverse("practice:question", args=[session.pk, 2])).content.decode()
    assert "Bank: Week one · Coding ·" in " ".join(crumbs.split())


def test_a_bank_with_the_longest_title_can_be_practised(candidate, instructor):
    bank = BankFactory(owner=instructor, title="B" * 200)
    BankQuestionFactory(bank=bank, question__title="Explain the KV cache", position=0)
    session = services.bank_practice_start(user=candidate, bank=bank, question_count=1)
    session.full_clean()
    assert session.title == "Bank: " + "B" * 200
