"""The practice question page when the question is a runnable exercise."""

import json

from django.urls import reverse

from practice.exercises.models import CodeSubmission
from practice.models import Answer
from tests.exercises.factories import HIDDEN
from tests.factories import GradeFactory, SessionQuestionFactory

PAGE_QUERIES = 3  # django_session, auth_user, the session question with its session, question and exercise
GRADED_PAGE_QUERIES = PAGE_QUERIES + 1  # + the grade's latest dispute
CODE = "def add(a, b):\n    return a + b\n"
EXPLANATION = "Constant time; negatives and zero need nothing special."


def url_of(item) -> str:
    return reverse("practice:question", args=[item.session_id, item.position])


def test_it_shows_the_editor_form_with_the_starter_code_and_no_hidden_tests(candidate_client, exercise_item,
                                                                            exercise, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 1):  # + marking the question shown
        response = candidate_client.get(url_of(exercise_item))
    page = response.content.decode()
    assert response.status_code == 200
    assert "raise NotImplementedError" in page
    assert "test_adds" in page, "the visible tests are shown"
    assert "negatives add up" not in page, "the hidden tests themselves are fetched on submit"
    assert "a determined person could read them" in page
    assert "graded on the explanation only" in page, "the no-JavaScript note"
    config = json.loads(page.split('<script id="exercise-config" type="application/json">')[1].split("</script>")[0])
    assert config["hiddenTestsUrl"] == reverse("exercises:hidden_tests", args=[exercise_item.session_id, 1])
    assert "def run_tests" in config["runner"]


def test_the_editor_gets_the_pages_style_nonce_and_the_policy_admits_only_that_one(candidate_client, candidate,
                                                                                    cell, exercise_item):
    response = candidate_client.get(url_of(exercise_item))

    nonce = response.content.decode().split('data-style-nonce="')[1].split('"')[0]
    style_src = next(d for d in response["Content-Security-Policy"].split("; ") if d.startswith("style-src "))
    assert len(nonce) >= 16 and style_src == f"style-src 'self' 'nonce-{nonce}'"
    assert "unsafe-inline" not in style_src
    prose_question = SessionQuestionFactory(session__user=candidate, question=cell["questions"][1], position=1)
    other_page = candidate_client.get(url_of(prose_question))
    assert other_page.status_code == 200 and "data-style-nonce" not in other_page.content.decode()
    assert "nonce-" not in other_page["Content-Security-Policy"], "a page without the editor admits no <style>"


def test_a_post_without_javascript_stores_the_code_and_grades_the_explanation_only(
        candidate_client, exercise_item, apply_async, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url_of(exercise_item), {"code": CODE, "text": EXPLANATION})
    assert response.status_code == 302
    submission = CodeSubmission.objects.select_related("answer").get()
    assert submission.code == CODE and submission.answer.text == EXPLANATION
    assert submission.hidden_passed is None
    apply_async.assert_called_once()
    page = candidate_client.get(url_of(exercise_item)).content.decode()
    assert "JavaScript was off" in page and "Show the reference solution" in page


def test_a_post_with_results_records_them_as_self_reported(candidate_client, exercise_item, apply_async,
                                                           django_assert_num_queries):
    results = json.dumps({"hidden": [{"name": "test_negative", "passed": True, "message": ""},
                                     {"name": "test_zero", "passed": False, "message": "zero stays zero"}]})
    candidate_client.post(url_of(exercise_item), {"code": CODE, "text": EXPLANATION, "results": results})
    Answer.objects.update(status=Answer.Status.GRADED)
    GradeFactory(answer=Answer.objects.get(), overall="2.5")
    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        response = candidate_client.get(url_of(exercise_item))
    page = response.content.decode()
    assert "1 of 2" in page and "self-reported" in page and "zero stays zero" in page
    assert "return a + b" in page, "the reference solution is revealed after the submit"
    assert "Exercise score = hidden tests 1.8 of 3.5" in page


def test_a_second_tabs_code_is_refused_and_given_back_without_a_second_submission(
        candidate_client, exercise_item, apply_async, django_assert_num_queries):
    candidate_client.post(url_of(exercise_item), {"code": CODE, "text": EXPLANATION})

    # + a savepoint around looking for an answer (found; nothing written)
    with django_assert_num_queries(PAGE_QUERIES + 3):
        response = candidate_client.post(url_of(exercise_item), {"code": "def add(a, b):\n    return sum((a, b))\n",
                                                                 "text": EXPLANATION})

    assert response.status_code == 409
    unsent = response.content.decode().split('data-testid="unsent"')[1].split("</div>")[0]
    assert "Your unsent code:" in unsent and "return sum((a, b))" in unsent
    assert "Your unsent explanation:" not in unsent  # the same explanation is already kept
    assert CodeSubmission.objects.get().code == CODE and Answer.objects.count() == 1


def test_empty_code_is_refused_with_a_message_and_keeps_the_explanation(candidate_client, exercise_item,
                                                                        apply_async):
    response = candidate_client.post(url_of(exercise_item), {"code": "  \n", "text": EXPLANATION})
    assert response.status_code == 200
    assert "Your code is empty" in response.content.decode()
    assert EXPLANATION in response.content.decode()
    assert not Answer.objects.exists()


def test_an_empty_explanation_is_refused_and_keeps_the_code(candidate_client, exercise_item, apply_async):
    response = candidate_client.post(url_of(exercise_item), {"code": CODE, "text": ""})
    assert response.status_code == 200
    assert "Your answer is empty" in response.content.decode()
    assert "return a + b" in response.content.decode()
    assert not Answer.objects.exists()


def test_hidden_tests_are_served_to_the_sessions_owner_only(client, candidate_client, other_candidate,
                                                            exercise_item, django_assert_num_queries):
    url = reverse("exercises:hidden_tests", args=[exercise_item.session_id, exercise_item.position])
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url)
    assert response.json() == {"tests": HIDDEN, "names": ["test_negative", "test_zero"]}
    assert "no-store" in response["Cache-Control"]
    assert candidate_client.post(url).status_code == 405
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(other_candidate)
    assert client.get(url).status_code == 404


def test_hidden_tests_of_a_question_without_an_exercise_are_404(candidate_client, session_question):
    url = reverse("exercises:hidden_tests", args=[session_question.session_id, session_question.position])
    assert candidate_client.get(url).status_code == 404
