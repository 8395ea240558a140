import pytest
from django.urls import reverse

from practice.accuracy import stored_report
from practice.models import HumanGrade
from tests.factories import GradeFactory


@pytest.fixture
def grade(candidate):
    return GradeFactory(answer__session_question__session__user=candidate, answer__session_question__position=1)


def test_it_rejects_post(candidate_client):
    assert candidate_client.post(reverse("practice:grader_accuracy")).status_code == 405


@pytest.mark.parametrize("name", ["practice:grader_accuracy", "practice:grading_docs"])
def test_it_sends_an_anonymous_visitor_to_log_in(client, db, name, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_another_candidates_grade_does_not_exist_for_them(client, grade, other_candidate):
    client.force_login(other_candidate)
    assert client.get(reverse("practice:grade_grader_accuracy", args=[grade.answer_id])).status_code == 404


def test_it_shows_the_stored_figures_and_the_commands_that_reproduce_them(candidate_client):
    html = candidate_client.get(reverse("practice:grader_accuracy")).content.decode()
    report = stored_report()
    for dataset in report["datasets"]:
        assert f'data-testid="measured-{dataset["key"]}"' in html
        assert f"<dd>{dataset['mae']} points out of 5</dd>" in html
        assert f"<dd>{dataset['pearson']}</dd>" in html and f"<dd>{dataset['qwk']}</dd>" in html
        assert f"<code>python manage.py eval_grader --dataset {dataset['path']}</code>" in html
    assert "<code>python manage.py grader_report</code>" in html
    assert 'data-testid="live-agreement-none"' in html


def test_it_names_the_grader_of_this_grade(candidate_client, grade, django_assert_num_queries):
    with django_assert_num_queries(4):  # session, user, the grade, the human grades
        html = candidate_client.get(reverse("practice:grade_grader_accuracy", args=[grade.answer_id])).content.decode()
    assert "The <strong>offline grader</strong>, prompt version offline-1" in html
    assert grade.answer.session_question.get_absolute_url() in html


def test_an_llm_grade_names_its_model_and_says_the_stored_figures_are_the_offline_graders(candidate, candidate_client):
    grade = GradeFactory(answer__session_question__session__user=candidate, grader="openai", model="gpt-4o-mini",
                         prompt_version="v3")
    html = candidate_client.get(reverse("practice:grade_grader_accuracy", args=[grade.answer_id])).content.decode()
    assert "model <strong>gpt-4o-mini</strong>, prompt version v3" in html
    assert "These figures are for the offline grader" in html


@pytest.mark.parametrize("pairs", [1, 12])
def test_live_agreement_counts_staff_scores_in_fixed_queries(candidate_client, pairs, django_assert_num_queries):
    for _ in range(pairs):
        HumanGrade.objects.create(answer=GradeFactory(overall="2.0").answer, score="3.0")
    with django_assert_num_queries(3):  # session, user, the human grades
        html = candidate_client.get(reverse("practice:grader_accuracy")).content.decode()
    assert 'data-testid="live-agreement"' in html
    assert f"<td>offline</td><td>–</td><td>{pairs}</td><td>1.0</td>" in html


def test_every_grade_links_to_it(candidate_client, grade):
    html = candidate_client.get(grade.answer.session_question.get_absolute_url()).content.decode()
    assert reverse("practice:grade_grader_accuracy", args=[grade.answer_id]) in html


def test_the_grading_docs_are_shown_to_candidates(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(2):
        html = candidate_client.get(reverse("practice:grading_docs")).content.decode()
    assert "<h1>Grading: how answers are scored" in html and "The scoring rule" in html
    assert "Prompt injection" not in html and "teaching assistant" not in html, "the section for staff stays out"
