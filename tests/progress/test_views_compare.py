from django.urls import reverse

from practice.models import Answer
from tests.exercises.factories import CodeSubmissionFactory, ExerciseFactory
from tests.factories import AnswerFactory, GradeFactory, SessionQuestionFactory


def url_of(question) -> str:
    return reverse("progress:compare", args=[question.pk])


# django_session, auth_user, the attempts with their question, grade and session level.
PAGE_QUERIES = 3


def attempt(user, question, **grade):
    return GradeFactory(answer__session_question=SessionQuestionFactory(session__user=user, question=question),
                        **grade)


def test_it_rejects_post_put_and_delete(candidate_client, candidate, cell, django_assert_num_queries):
    attempt(candidate, cell["questions"][0])
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(cell["questions"][0]))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, cell, django_assert_num_queries):
    url = url_of(cell["questions"][0])
    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}"


def test_it_shows_each_attempts_verdict_per_rubric_item_side_by_side(candidate_client, candidate, cell,
                                                                     django_assert_num_queries):
    question = cell["questions"][0]
    attempt(candidate, question, overall="1.5", items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "missed", "evidence": "", "note": ""},
        {"kind": "failure_mode", "text": "Runs out of memory", "verdict": "missed", "evidence": "", "note": ""},
    ])
    attempt(candidate, question, overall="4.0", items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "covered", "evidence": "", "note": ""},
        {"kind": "failure_mode", "text": "Runs out of memory", "verdict": "partly", "evidence": "", "note": ""},
    ])
    AnswerFactory(session_question=SessionQuestionFactory(session__user=candidate, question=question),
                  status=Answer.Status.GRADING)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(question))

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert f"<h1>{question.title}</h1>" in html and "Your 3 attempts side by side" in html
    rows = html.split('class="rubric-item"')[1:]
    assert len(rows) == 2
    assert "Key point</span> Stores keys and values" in rows[0]
    assert rows[0].count('class="badge missed"') == 1 and rows[0].count('class="badge covered"') == 1
    assert "Failure mode</span> Runs out of memory" in rows[1] and 'class="badge partly"' in rows[1]
    assert "<strong>1.5</strong></td><td><strong>4.0</strong></td><td>Grading</td>" in html
    assert f'action="{reverse("progress:retry", args=[question.pk])}"' in html


def test_its_query_count_does_not_grow_with_attempts(candidate_client, candidate, cell, django_assert_num_queries):
    for _ in range(8):
        attempt(candidate, cell["questions"][0])

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(cell["questions"][0]))

    assert response.content.decode().count('class="badge covered"') == 8


def test_exercise_attempts_compare_hidden_tests_and_code_side_by_side(candidate_client, candidate,
                                                                      django_assert_num_queries):
    exercise = ExerciseFactory()
    first = attempt(candidate, exercise.question, overall="1.0")
    CodeSubmissionFactory(answer=first.answer, exercise=exercise, code="def add(a, b):\n    return a - b\n",
                          hidden_passed=1)
    second = attempt(candidate, exercise.question, overall="4.5")
    CodeSubmissionFactory(answer=second.answer, exercise=exercise, code="def add(a, b):\n    return a + b\n")
    without_javascript = attempt(candidate, exercise.question, overall="2.0")
    CodeSubmissionFactory(answer=without_javascript.answer, exercise=exercise, hidden_passed=None, results={})

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(exercise.question))

    html = response.content.decode()
    hidden_row = html.split("Hidden tests")[1].split("</tr>")[0]
    assert hidden_row.count("<td>") == 3
    assert hidden_row.index("1 of 2") < hidden_row.index("2 of 2") < hidden_row.index("not run")
    code_row = html.split('<th class="item">Code</th>')[1].split("</tr>")[0]
    assert code_row.index("return a - b") < code_row.index("return a + b")


def test_another_candidates_attempts_are_not_found(candidate_client, other_candidate, cell,
                                                   django_assert_num_queries):
    attempt(other_candidate, cell["questions"][0])

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(cell["questions"][0]))

    assert response.status_code == 404
    assert cell["questions"][0].title not in response.content.decode()


def test_a_verdict_the_grader_was_unsure_of_is_marked_in_its_cell(candidate_client, candidate, cell,
                                                                 django_assert_num_queries):
    question = cell["questions"][0]
    attempt(candidate, question, items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "missed", "evidence": "", "note": ""},
    ])
    attempt(candidate, question, items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "partly", "evidence": "", "note": "",
         "confidence": 0.3},
    ])

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(question)).content.decode()

    row = html[html.index('<tr class="rubric-item">'):]
    row = row[:row.index("</tr>")]
    cells = row.split("<td>")[1:]
    assert "badge unsure" not in cells[0] and "badge missed" in cells[0]  # a grade without confidences is sure
    assert "badge partly" in cells[1] and "badge unsure" in cells[1]
    assert "the grader is not sure of this verdict" in cells[1]
