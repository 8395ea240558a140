"""Grading latency: the offline grader reports none, so the grading service times every grade itself, and the
grader-quality page's median and p95 are over timed grades only."""

import time
from dataclasses import replace

import pytest
from django.urls import reverse

from practice import services
from practice.grading import OfflineGrader
from tests.factories import AnswerFactory, GradeFactory, UserFactory


class SlowOfflineGrader(OfflineGrader):
    """The offline grader taking 60 ms, as it does on a long answer, and reporting no latency of its own."""

    def grade(self, request):
        time.sleep(0.06)
        output = super().grade(request)
        assert output.latency_ms == 0
        return output


class TimedOfflineGrader(OfflineGrader):
    """A grader that times its own call, as the OpenAI grader times its HTTP request."""

    def grade(self, request):
        return replace(super().grade(request), latency_ms=800)


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_the_offline_graders_grades_carry_the_time_grading_took(session_question):
    answer = AnswerFactory(session_question=session_question)

    grade = services.answer_grade(answer_id=answer.pk, grader=SlowOfflineGrader())

    assert grade.grader == "offline"
    assert 60 <= grade.latency_ms < 5000


def test_a_grader_that_times_itself_keeps_its_own_figure(session_question):
    answer = AnswerFactory(session_question=session_question)

    grade = services.answer_grade(answer_id=answer.pk, grader=TimedOfflineGrader())

    assert grade.latency_ms == 800


def test_the_grader_quality_page_shows_the_measured_latency(staff_client, candidate, cell, django_assert_num_queries):
    GradeFactory.create_batch(3, latency_ms=0)  # graded before grading was timed
    for question in cell["questions"][:2]:
        answer = AnswerFactory(session_question__session__user=candidate, session_question__question=question)
        services.answer_grade(answer_id=answer.pk, grader=SlowOfflineGrader())

    with django_assert_num_queries(7):  # session, user, then five reads
        body = staff_client.get(reverse("practice:staff_grading")).content.decode()

    latency = body.split('data-testid="latency"')[1].split("</table>")[0]
    [row] = latency.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    grader, n, median, p95 = (cell.split("</td>")[0] for cell in row.split("<td>")[1:])
    assert (grader, n) == ("offline", "2")  # the three untimed grades are left out
    assert 60 <= int(median.removesuffix(" ms")) < 5000 and 60 <= int(p95.removesuffix(" ms")) < 5000
