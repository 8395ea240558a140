from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import HumanGrade
from tests.factories import GradeFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_staff_set_a_human_grade_on_any_answer(staff_client):
    grade = GradeFactory()
    url = reverse("practice:staff_answer", args=[grade.answer.pk])

    response = staff_client.post(url, {"score": "4.5", "note": "Strong on trade-offs"})

    assert response.status_code == 302
    human = HumanGrade.objects.get(answer=grade.answer)
    assert (human.score, human.note) == (Decimal("4.5"), "Strong on trade-offs")


@pytest.mark.parametrize("bad", ["6", "2.3", "five", "", "1e0", "-0", "+3", "NaN", "Infinity", "2,5", "٣"])
def test_a_bad_human_grade_gets_a_clear_error_and_saves_nothing(staff_client, bad):
    grade = GradeFactory()
    response = staff_client.post(reverse("practice:staff_answer", args=[grade.answer.pk]), {"score": bad})
    assert "from 0 to 5 in half points" in response.content.decode()
    assert not HumanGrade.objects.exists()


def test_the_overview_shows_each_graders_agreement_with_human_grades(staff_client):
    for overall, human in [("4.0", "4.0"), ("2.0", "3.0"), ("1.0", "1.0")]:
        grade = GradeFactory(overall=overall, input_tokens=1000, output_tokens=200, cost_usd="0.0003",
                             latency_ms=800)
        HumanGrade.objects.create(answer=grade.answer, score=human)

    body = staff_client.get(reverse("practice:staff_grading")).content.decode()

    assert "<td>offline</td>" in body and "<td>3</td>" in body  # n = 3 human-graded answers
    assert "0.333" in body  # mean absolute error: (0 + 1 + 0) / 3
    assert "800 ms" in body and "3000" in body  # latency, and input tokens for the day


def test_the_overview_shows_n_a_for_agreement_figures_it_cannot_compute(staff_client, django_assert_num_queries):
    for human in ("1.0", "3.0"):  # the grader gave both answers 0, so neither QWK nor Pearson r is defined
        HumanGrade.objects.create(answer=GradeFactory(overall="0.0").answer, score=human)

    with django_assert_num_queries(7):  # session, user, then five reads
        body = staff_client.get(reverse("practice:staff_grading")).content.decode()

    row = body.split('data-testid="agreement"')[1].split("</table>")[0]
    assert row.count(">n/a</span>") == 2 and 'title="Not enough grades' in row
    assert "<td>2</td><td><span" in row  # n, then QWK as n/a rather than 0.0


def test_the_overview_costs_the_same_queries_with_1_or_30_grades(staff_client, django_assert_num_queries):
    GradeFactory()
    with django_assert_num_queries(7):  # session, user, then five reads
        staff_client.get(reverse("practice:staff_grading"))
    for _ in range(29):
        HumanGrade.objects.create(answer=GradeFactory().answer, score="3.0")
    with django_assert_num_queries(7):
        staff_client.get(reverse("practice:staff_grading"))


def test_the_answer_list_costs_the_same_queries_however_many_answers(staff_client, django_assert_num_queries):
    GradeFactory()
    with django_assert_num_queries(3):
        staff_client.get(reverse("practice:staff_answers"))
    GradeFactory.create_batch(10)
    with django_assert_num_queries(3):
        response = staff_client.get(reverse("practice:staff_answers"))
    assert response.content.decode().count("/practice/staff/answers/") >= 11


@pytest.mark.parametrize("graded", [1, 500])
def test_the_overview_costs_the_same_queries_with_1_and_500_graded_answers(staff_client, candidate, cell, graded,
                                                                           django_assert_num_queries):
    from tests.progress.factories import graded_history

    grades = graded_history(user=candidate, questions=cell["questions"], category=cell["category"],
                            level=cell["level"], count=graded)
    HumanGrade.objects.bulk_create(HumanGrade(answer_id=grade.answer_id, score="3.5") for grade in grades)

    with django_assert_num_queries(7):  # session, user, then five reads
        body = staff_client.get(reverse("practice:staff_grading")).content.decode()

    assert f"<td>{graded}</td>" in body  # every pair agrees: n is the number of human grades


def test_latency_percentiles_interpolate_as_postgresql_does_on_any_database(db, settings):
    from practice.staff.selectors import latency_percentiles, percentile_cont

    for latency in (100, 200, 300, 400, 1000):
        GradeFactory(latency_ms=latency)

    [row] = latency_percentiles(since=timezone.now() - timedelta(days=1))

    assert (row["n"], row["median_ms"], row["p95_ms"]) == (5, 300, 880)  # 400 + 0.8 x (1000 - 400)
    assert round(percentile_cont([100, 200, 300, 400, 1000], 0.95)) == 880
