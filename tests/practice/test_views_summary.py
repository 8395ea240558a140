import pytest
from django.urls import reverse

from practice.models import Answer
from tests.factories import AnswerFactory, GradeFactory, PracticeSessionFactory, QuestionFactory, SessionQuestionFactory

# django_session, auth_user, the session with its question count, its questions with their answers and grades.
PAGE_QUERIES = 4


def url_of(session) -> str:
    return reverse("practice:summary", args=[session.pk])


@pytest.fixture
def session(candidate, cell):
    """Three questions: one graded, one still grading, one not answered."""
    first, second, third = cell["questions"]
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=first, position=1),
                 answer__time_spent_seconds=80, overall="3.0", key_points="4.0", trade_offs=None,
                 failure_modes="1.5")
    AnswerFactory(session_question=SessionQuestionFactory(session=session, question=second, position=2),
                  status=Answer.Status.GRADING, time_spent_seconds=42)
    SessionQuestionFactory(session=session, question=third, position=3)
    return session


def test_it_rejects_post_put_and_delete(candidate_client, session, django_assert_num_queries):
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(session))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, session, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url_of(session))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url_of(session)}"


def test_it_rejects_another_candidates_session(client, other_candidate, session, django_assert_num_queries):
    client.force_login(other_candidate)

    with django_assert_num_queries(3):
        response = client.get(url_of(session))

    assert response.status_code == 404
    assert session.items.get(position=1).question.title not in response.content.decode()


def test_it_returns_404_for_a_session_that_does_not_exist(candidate_client, session, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = candidate_client.get(reverse("practice:summary", args=[session.pk + 1000]))

    assert response.status_code == 404


def test_it_shows_each_question_with_its_status_and_scores(candidate_client, session, cell,
                                                           django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session))

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "Session summary" in html
    assert 'Mean score <strong data-testid="mean-score">3.0</strong> / 5 over 1 graded answer.' in html
    assert "1 still grading." in html
    assert "1 not answered yet." in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 3
    for position, (row, question) in enumerate(zip(rows, cell["questions"], strict=True), 1):
        assert f'href="{reverse("practice:question", args=[session.pk, position])}">{question.title}</a>' in row
    # On a phone each row is a card of labelled lines (.table.stack): every figure says what it is.
    assert '<table class="table stack"' in html
    assert '<td data-label="Status">Graded</td>' in rows[0]
    assert ('<td data-label="Score" data-testid="summary-score">3.0</td><td data-label="Key points">4.0</td>'
            in rows[0])
    assert '<td data-label="Trade-offs">n/a</td><td data-label="Failure modes">1.5</td>' in rows[0]
    assert '<td data-label="Time">1:20</td>' in rows[0]
    assert '<td data-label="Status">Grading</td>' in rows[1] and '<td data-label="Time">0:42</td>' in rows[1]
    assert '<td data-label="Status">Not answered</td>' in rows[2]
    assert '<meta http-equiv="refresh" content="3">' in html  # still grading: refresh without JavaScript


def test_the_mean_is_over_graded_answers_only(candidate, candidate_client, cell, django_assert_num_queries):
    session = PracticeSessionFactory(user=candidate)
    for position, (question, overall) in enumerate(zip(cell["questions"][:2], ["3.0", "4.0"], strict=True), 1):
        GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=question,
                                                                     position=position), overall=overall)
    AnswerFactory(status=Answer.Status.FAILED,
                  session_question=SessionQuestionFactory(session=session, question=cell["questions"][2], position=3))

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(session)).content.decode()

    assert '<strong data-testid="mean-score">3.5</strong> / 5 over 2 graded answers.' in html
    assert '<td data-label="Status">Failed</td>' in html
    assert "still grading" not in html and "not answered yet" not in html
    assert '<meta http-equiv="refresh"' not in html  # nothing left to wait for


def test_a_session_without_grades_says_so(candidate, candidate_client, cell, django_assert_num_queries):
    session = PracticeSessionFactory(user=candidate)
    SessionQuestionFactory(session=session, question=cell["questions"][0], position=1)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(session)).content.decode()

    assert "No graded answers yet." in html
    assert "mean-score" not in html
    assert "1 not answered yet." in html


def test_an_htmx_request_gets_the_same_full_page(candidate_client, session, django_assert_num_queries):
    # The summary has no fragment of its own: a boosted link still gets a page it can swap in whole.
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session), headers={"HX-Request": "true"})

    assert "<html" in response.content.decode()
    assert 'data-testid="mean-score"' in response.content.decode()


def test_its_query_count_does_not_grow_with_the_number_of_questions(candidate, candidate_client, cell,
                                                                    django_assert_num_queries):
    small = PracticeSessionFactory(user=candidate)
    GradeFactory(answer__session_question=SessionQuestionFactory(session=small, question=cell["questions"][0],
                                                                 position=1))
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(url_of(small))

    big = PracticeSessionFactory(user=candidate)
    questions = QuestionFactory.create_batch(20, category=cell["category"], levels=[cell["level"]])
    for position, question in enumerate(questions, 1):
        item = SessionQuestionFactory(session=big, question=question, position=position)
        if position % 3 == 0:
            GradeFactory(answer__session_question=item)
        elif position % 3 == 1:
            AnswerFactory(session_question=item)
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(big)).content.decode()

    assert html.split("<tbody>")[1].count("<tr>") == 20
    assert "over 6 graded answers" in html


def test_an_unfinished_session_offers_to_continue_with_its_first_open_question(candidate_client, session,
                                                                              django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(session)).content.decode()

    continue_link = html.split('data-testid="continue"')[1].split("</a>")[0]
    assert f'href="{reverse("practice:question", args=[session.pk, 3])}"' in continue_link
    assert "Continue with question 3" in continue_link


def test_continue_passes_over_skipped_questions_and_disappears_when_none_are_open(candidate_client, candidate, cell):
    session = PracticeSessionFactory(user=candidate)
    first = SessionQuestionFactory(session=session, question=cell["questions"][0], position=1)
    SessionQuestionFactory(session=session, question=cell["questions"][1], position=2)
    candidate_client.post(reverse("practice:skip", args=[session.pk, 1]))

    assert "Continue with question 2" in candidate_client.get(url_of(session)).content.decode()

    candidate_client.post(reverse("practice:skip", args=[session.pk, 2]))
    html = candidate_client.get(url_of(session)).content.decode()
    assert 'data-testid="continue"' not in html and "2 skipped." in html
    first.refresh_from_db()
    assert first.skipped_at is not None


def test_a_take_home_readme_review_is_named_for_what_it_is_not_for_its_category(candidate_client, candidate):
    from assignments.services import attempt_review_start
    from tests.assignments.factories import TakeHomeAttemptFactory

    attempt = TakeHomeAttemptFactory(user=candidate)
    session = attempt_review_start(attempt=attempt)  # as the take-home page opens it
    category = attempt.brief.review_question.category.name

    summary = candidate_client.get(url_of(session)).content.decode()
    recent = candidate_client.get(reverse("practice:start")).content.decode().split("<tbody>")[1]

    assert f"Take-home README review: {attempt.brief.title} · {attempt.level.name}" in summary
    assert f"{category} · {attempt.level.name}" not in summary
    assert f"<td>Take-home README review: {attempt.brief.title}</td>" in recent and category not in recent


@pytest.mark.parametrize("graded", [1, 500])
def test_its_query_count_is_the_same_with_1_and_500_graded_answers(candidate, candidate_client, cell, graded,
                                                                   django_assert_num_queries):
    from tests.progress.factories import graded_history

    grades = graded_history(user=candidate, questions=cell["questions"], category=cell["category"],
                            level=cell["level"], count=graded)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(grades[-1].answer.session_question.session))

    assert response.status_code == 200
