from decimal import Decimal

from django.urls import reverse

from banks.models import Bank
from practice.models import HumanGrade
from tests.banks.factories import BankQuestionFactory
from tests.factories import AnswerFactory, GradeFactory, UserFactory
from tests.practice.factories import FollowUpFactory

# session, user, user and group permissions, the bank, its questions, answers per question, grade items,
# the instructor's human grades
PAGE_QUERIES = 9
SECRET_ANSWER = "My private answer about the KV cache, written by candidate Zelda."


def url_of(bank: Bank) -> str:
    return reverse("banks:stats", args=[bank.pk])


def items(*verdicts: str) -> list[dict]:
    texts = ["Stores keys and values", "Memory against throughput", "Warns about evictions"]
    kinds = ["key_point", "trade_off", "failure_mode"]
    return [{"kind": k, "text": t, "verdict": v, "evidence": "", "note": ""} for k, t, v in zip(kinds, texts, verdicts)]


def grade(question, overall: str, verdicts: tuple[str, ...], **answer):
    return GradeFactory(answer__session_question__question=question, answer__text=SECRET_ANSWER,
                        overall=overall, items=items(*verdicts), **{f"answer__{k}": v for k, v in answer.items()})


def test_it_rejects_post(client, instructor, bank):
    client.force_login(instructor)
    assert client.post(url_of(bank)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, bank):
    assert client.get(url_of(bank)).url.startswith(reverse("accounts:login"))


def test_another_instructors_bank_has_no_statistics_for_them(client, other_instructor, bank):
    client.force_login(other_instructor)
    assert client.get(url_of(bank)).status_code == 404


def test_it_shows_attempts_mean_most_missed_and_agreement_with_the_instructors_own_grades(client, instructor, bank):
    question = bank.entries.order_by("position").first().question
    candidate = UserFactory(username="zelda-the-candidate")
    first = grade(question, "4.0", ("covered", "missed", "missed"), user=candidate)
    second = grade(question, "2.0", ("partly", "missed", "covered"))
    AnswerFactory(session_question__question=question)  # answered, not graded yet
    HumanGrade.objects.create(answer=first.answer, score=Decimal("3.0"), graded_by=instructor)
    HumanGrade.objects.create(answer=second.answer, score=Decimal("2.0"), graded_by=instructor)
    client.force_login(instructor)

    body = client.get(url_of(bank)).content.decode()

    row = body.split('data-testid="stats-row"')[1]
    assert "<td>3 <span" in row and "(2 graded)" in row
    assert "3.0 / 5" in row
    assert row.index("Memory against throughput") < row.index("Warns about evictions")
    assert "missed 2 of 2" in row and "missed 1 of 2" in row and "Stores keys and values" not in row
    assert "2 graded by you · mean difference 0.50" in row
    assert SECRET_ANSWER not in body and "zelda" not in body
    assert "No candidate's" in body


def test_agreement_uses_only_the_viewers_own_human_grades(client, instructor, other_instructor, bank):
    question = bank.entries.order_by("position").first().question
    HumanGrade.objects.create(answer=grade(question, "4.0", ("covered",)).answer, score=Decimal("1.0"),
                              graded_by=other_instructor)
    instructor.is_staff = True
    instructor.save(update_fields=["is_staff"])
    client.force_login(instructor)
    assert "you have not graded answers to it" in client.get(url_of(bank)).content.decode()


def test_an_instructor_who_is_not_staff_is_told_only_staff_grade_answers(client, instructor, bank,
                                                                         django_assert_num_queries):
    client.force_login(instructor)

    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(url_of(bank)).content.decode()

    assert "you have not graded answers to it" not in body
    assert 'data-testid="agreement-note"' in body and "Only staff grade answers by hand" in body
    assert body.count('title="Only staff grade answers by hand">–</span>') == 2


def test_the_page_costs_the_same_queries_however_many_questions_and_grades(client, instructor, bank,
                                                                           django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(url_of(bank))
    for entry in BankQuestionFactory.create_batch(6, bank=bank):
        for _ in range(3):
            HumanGrade.objects.create(answer=grade(entry.question, "3.0", ("missed",)).answer, score="3.0",
                                      graded_by=instructor)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(bank), headers={"HX-Request": "true"})
    assert response.content.decode().count('data-testid="stats-row"') == 8


def test_a_follow_up_is_not_an_attempt_and_not_in_the_mean_or_most_missed(client, instructor, bank,
                                                                          django_assert_num_queries):
    """A main answer 3.5 and its follow-up 5.0 (graded on the one item it probes) are one attempt, mean 3.5."""
    question = bank.entries.order_by("position").first().question
    main = grade(question, "3.5", ("covered", "covered", "partly"))
    GradeFactory(answer__session_question=FollowUpFactory(follow_up_of=main.answer.session_question),
                 overall="5.0", items=[{"kind": "trade_off", "text": "Memory against throughput",
                                        "verdict": "missed", "evidence": "", "note": ""}])
    client.force_login(instructor)

    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(url_of(bank)).content.decode()

    row = body.split('data-testid="stats-row"')[1]
    assert "<td>1</td>" in row and "3.5 / 5" in row and "4.3" not in row
    assert "nothing missed yet" in row
    assert "follow-up, graded on the one rubric point it probes, is left out" in " ".join(body.split())
