from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import Answer, SessionQuestion
from tests.factories import (
    AnswerFactory,
    GradeFactory,
    PracticeSessionFactory,
    QuestionFactory,
    SessionQuestionFactory,
    UserFactory,
)

# The answer is stored exactly as typed: surrounding blank lines, markup and non-ASCII text included.
VERBATIM = "  \n<b>KV cache</b> keeps keys & values of earlier tokens — so decoding is O(n), not O(n²).\n\n"
HTMX = {"HX-Request": "true"}
ANSWER_AREA = {"HX-Request": "true", "HX-Target": "answer-area"}
GRADE = {"HX-Request": "true", "HX-Target": "grade"}

# Queries behind each request once the user is logged in: django_session and auth_user, then the session question
# with its session, question, answer and grade, in one query.
PAGE_QUERIES = 3
# A graded answer's page also reads the grade's latest dispute ("I disagree with this grade").
GRADED_PAGE_QUERIES = PAGE_QUERIES + 1


def url_of(item: SessionQuestion) -> str:
    return reverse("practice:question", args=[item.session_id, item.position])


def test_it_rejects_put_and_delete(candidate_client, session_question, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(session_question))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, session_question, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url_of(session_question))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url_of(session_question)}"


def test_an_anonymous_post_stores_nothing(client, session_question, apply_async, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(session_question), {"text": "An answer."})

    assert response.status_code == 302
    assert not Answer.objects.exists()
    apply_async.assert_not_called()


def test_it_rejects_another_candidates_session(candidate_client, other_candidate, django_assert_num_queries):
    secret = "Other candidate's private answer about paged attention."
    theirs = AnswerFactory(session_question__session__user=other_candidate, session_question__position=1, text=secret)
    url = url_of(theirs.session_question)

    for headers in ({}, GRADE, ANSWER_AREA):
        with django_assert_num_queries(3):
            response = candidate_client.get(url, headers=headers)
        assert response.status_code == 404
        assert secret not in response.content.decode()


def test_it_never_stores_an_answer_into_another_candidates_session(candidate_client, other_candidate, apply_async,
                                                                   django_assert_num_queries):
    theirs = SessionQuestionFactory(session__user=other_candidate, position=1)

    with django_assert_num_queries(3):
        response = candidate_client.post(url_of(theirs), {"text": "Written into someone else's session."})

    assert response.status_code == 404
    assert not Answer.objects.exists()
    apply_async.assert_not_called()
    theirs.refresh_from_db()
    assert theirs.shown_at is None


@pytest.mark.parametrize("position", [0, 2, 99])
def test_it_returns_404_for_a_position_outside_the_session(candidate_client, session_question, position,
                                                           django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):  # the one read of the session question finds nothing
        response = candidate_client.get(reverse("practice:question", args=[session_question.session_id, position]))

    assert response.status_code == 404


def test_it_shows_the_question_with_a_timer_and_an_empty_answer_box(candidate_client, session_question,
                                                                    django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 1):  # + starting the question's clock
        response = candidate_client.get(url_of(session_question))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert session_question.question.title in html
    assert "<strong>KV cache</strong>" in html  # the prompt's markdown is rendered
    assert "question 1 of 1" in html
    session_question.refresh_from_db()
    assert session_question.shown_at is not None
    assert f'data-timer-since="{session_question.shown_at.isoformat()}"' in html
    assert '<textarea name="text"' in html
    assert "Submit answer" in html
    assert 'hx-post="' in html and 'hx-target="#answer-area"' in html
    assert 'id="grade"' not in html


def test_reloading_the_question_keeps_the_time_it_was_first_shown(candidate_client, session_question,
                                                                  django_assert_num_queries):
    candidate_client.get(url_of(session_question))
    session_question.refresh_from_db()
    first_shown = session_question.shown_at

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question))

    session_question.refresh_from_db()
    assert session_question.shown_at == first_shown
    assert f'data-timer-since="{first_shown.isoformat()}"' in response.content.decode()


def test_its_query_count_does_not_grow_with_the_session_or_the_candidates_history(
    candidate, candidate_client, cell, django_assert_num_queries
):
    small = SessionQuestionFactory(session__user=candidate, question=cell["questions"][0], position=1)
    GradeFactory(answer__session_question=small)
    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        small_page = candidate_client.get(url_of(small))

    big_session = PracticeSessionFactory(user=candidate)
    questions = QuestionFactory.create_batch(20, category=cell["category"], levels=[cell["level"]])
    items = [SessionQuestionFactory(session=big_session, question=q, position=i) for i, q in enumerate(questions, 1)]
    for item in items:
        GradeFactory(answer__session_question=item)
    PracticeSessionFactory.create_batch(20, user=candidate)
    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        big_page = candidate_client.get(url_of(items[0]))

    assert small_page.status_code == big_page.status_code == 200
    assert "question 1 of 20" in big_page.content.decode()


def test_submitting_stores_the_answer_verbatim_and_enqueues_grading_only_after_commit(
    candidate, candidate_client, session_question, apply_async, django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # look for an answer, savepoint, lock the user, count their recent answers, insert, release
        with django_assert_num_queries(PAGE_QUERIES + 6):
            response = candidate_client.post(url_of(session_question), {"text": VERBATIM})

        answer = Answer.objects.get()
        assert answer.text == VERBATIM
        assert answer.status == Answer.Status.QUEUED
        assert (answer.user, answer.question_id, answer.session_question) == (
            candidate, session_question.question_id, session_question)
        assert answer.enqueued_at is None
        apply_async.assert_not_called()  # nothing reaches the broker before the answer is committed

    assert len(callbacks) == 1
    apply_async.assert_called_once_with(args=[answer.pk])
    answer.refresh_from_db()
    assert answer.enqueued_at is not None
    assert answer.text == VERBATIM
    assert response.status_code == 302


def test_a_plain_submit_redirects_back_to_the_question(candidate_client, session_question, apply_async,
                                                       django_assert_num_queries):
    response = candidate_client.post(url_of(session_question), {"text": VERBATIM})

    assert response.status_code == 302
    assert response.url == url_of(session_question)
    with django_assert_num_queries(PAGE_QUERIES):
        page = candidate_client.get(response.url)
    html = page.content.decode()
    assert "Your answer" in html
    assert "&lt;b&gt;KV cache&lt;/b&gt; keeps keys &amp; values" in html  # shown as text, never as markup
    assert "Grading your answer" in html
    assert 'hx-trigger="every 1s"' in html
    assert '<meta http-equiv="refresh" content="3">' in html  # without JavaScript the page refreshes instead
    assert "<textarea" not in html


def test_time_spent_is_counted_from_when_the_question_was_first_shown(candidate_client, session_question,
                                                                      apply_async, django_assert_num_queries):
    SessionQuestion.objects.filter(pk=session_question.pk).update(shown_at=timezone.now() - timedelta(seconds=150))

    with django_assert_num_queries(PAGE_QUERIES + 6):
        candidate_client.post(url_of(session_question), {"text": "An answer."})

    assert 150 <= Answer.objects.get().time_spent_seconds <= 160


def test_an_htmx_submit_returns_only_the_answer_area(candidate_client, session_question, apply_async,
                                                     django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 6):
        response = candidate_client.post(url_of(session_question), {"text": VERBATIM}, headers=ANSWER_AREA)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<body" not in html and "site-header" not in html
    assert html.strip().startswith('<section id="answer-area">')
    assert "Your answer" in html
    assert "&lt;b&gt;KV cache&lt;/b&gt;" in html
    assert "Grading your answer" in html
    assert 'hx-trigger="every 1s"' in html
    assert Answer.objects.get().text == VERBATIM


@pytest.mark.django_db(transaction=True)
def test_an_htmx_submit_does_not_claim_grading_is_delayed_when_the_broker_took_it(client, apply_async,
                                                                                  django_assert_num_queries):
    # A real commit, so grading is enqueued before the answer area is rendered, as in production.
    user = UserFactory()
    client.force_login(user)
    item = SessionQuestionFactory(session__user=user, position=1)

    # the page's four, looking for an answer, BEGIN, lock the user, count their recent answers, insert, COMMIT,
    # then marking it enqueued after the commit
    with django_assert_num_queries(PAGE_QUERIES + 7):
        response = client.post(url_of(item), {"text": "An answer."}, headers=ANSWER_AREA)

    apply_async.assert_called_once()
    assert "Grading your answer" in response.content.decode()
    assert "Grading is delayed" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_htmx_submit_while_the_broker_is_down_says_grading_is_delayed(client, broker_down,
                                                                        django_assert_num_queries):
    user = UserFactory()
    client.force_login(user)
    item = SessionQuestionFactory(session__user=user, position=1)

    # the user lock and the count of recent answers; no "enqueued" update: the broker refused the task
    with django_assert_num_queries(PAGE_QUERIES + 6):
        response = client.post(url_of(item), {"text": "An answer."}, headers=ANSWER_AREA)

    html = response.content.decode()
    assert html.strip().startswith('<section id="answer-area">')
    assert "Grading is delayed" in html
    assert Answer.objects.get().enqueued_at is None


def test_polling_the_grade_while_grading_returns_only_the_grade_with_polling(candidate_client, session_question,
                                                                             django_assert_num_queries):
    AnswerFactory(session_question=session_question, status=Answer.Status.GRADING)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question), headers=GRADE)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="grade"')
    assert "<html" not in html and "Your answer" not in html
    assert f'hx-get="{url_of(session_question)}"' in html
    assert 'hx-trigger="every 1s"' in html
    assert 'hx-swap="outerHTML"' in html
    assert "Grading your answer" in html


def test_polling_stops_once_the_answer_is_graded(candidate_client, session_question, django_assert_num_queries):
    GradeFactory(answer__session_question=session_question, overall="3.5")

    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question), headers=GRADE)

    html = response.content.decode()
    assert html.strip().startswith('<div id="grade"')
    assert "hx-trigger" not in html and "hx-get" not in html
    assert '<span class="overall" data-testid="overall-score">3.5</span>' in html
    assert "Grading your answer" not in html


def test_polling_stops_once_grading_failed(candidate_client, session_question, django_assert_num_queries):
    AnswerFactory(session_question=session_question, status=Answer.Status.FAILED)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question), headers=GRADE)

    assert "hx-trigger" not in response.content.decode()
    assert "Grade again" in response.content.decode()


def test_an_htmx_request_without_a_known_target_gets_the_full_page(candidate_client, session_question,
                                                                   django_assert_num_queries):
    # hx-boost and history restores ask for the whole page.
    AnswerFactory(session_question=session_question)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question), headers=HTMX)

    assert "<html" in response.content.decode()


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_an_empty_answer_gets_a_clear_error_and_stores_nothing(candidate_client, session_question, apply_async, text,
                                                               django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.post(url_of(session_question), {"text": text})

    assert response.status_code == 200
    assert "Your answer is empty. Write your answer, then submit it." in response.content.decode()
    assert "<textarea" in response.content.decode()
    assert not Answer.objects.exists()
    apply_async.assert_not_called()


def test_an_empty_htmx_submit_shows_the_error_in_the_answer_area(candidate_client, session_question, apply_async,
                                                                 django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.post(url_of(session_question), {"text": ""}, headers=ANSWER_AREA)

    html = response.content.decode()
    assert html.strip().startswith('<section id="answer-area">') and "<html" not in html
    assert "Your answer is empty" in html
    assert not Answer.objects.exists()


def test_a_50000_character_answer_gets_an_error_stating_the_limit_and_keeps_the_text(
    candidate_client, session_question, apply_async, django_assert_num_queries
):
    text = ("The KV cache keeps keys and values.\n" * 1400)[: 50_000 - len("Tail marker!")] + "Tail marker!"
    assert len(text) == 50_000

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.post(url_of(session_question), {"text": text})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your answer is 50,000 characters long; the limit is 20,000." in html
    assert "your text is still in the box" in html
    assert f">\n{text}</textarea>" in html
    assert not Answer.objects.exists()
    apply_async.assert_not_called()


SPANISH = "Guarda las claves y los valores de la atención de los tokens ya procesados, para no recalcularlos."


def test_an_answer_in_another_language_is_refused_before_it_is_stored_where_the_offline_grader_grades(
    candidate_client, session_question, apply_async, settings, django_assert_num_queries
):
    settings.OPENAI_API_KEY = ""

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.post(url_of(session_question), {"text": SPANISH})

    html = response.content.decode()
    assert "Your answer reads as Spanish, and the offline grader on this site reads English only." in html
    assert f">\n{SPANISH}</textarea>" in html
    assert not Answer.objects.exists()
    apply_async.assert_not_called()


def test_with_an_llm_grader_an_answer_in_another_language_is_taken(candidate_client, session_question, apply_async,
                                                                   settings):
    settings.OPENAI_API_KEY = "sk-test"

    candidate_client.post(url_of(session_question), {"text": SPANISH})

    assert Answer.objects.get().text == SPANISH


def test_an_answer_at_the_limit_is_accepted(candidate_client, session_question, apply_async, settings,
                                            django_assert_num_queries):
    settings.ANSWER_MAX_CHARS = 100

    with django_assert_num_queries(PAGE_QUERIES):
        over = candidate_client.post(url_of(session_question), {"text": "y" * 101})
    assert "Your answer is 101 characters long; the limit is 100." in over.content.decode()
    assert not Answer.objects.exists()

    with django_assert_num_queries(PAGE_QUERIES + 6):
        candidate_client.post(url_of(session_question), {"text": "x" * 100})
    assert Answer.objects.get().text == "x" * 100


def test_a_double_submit_keeps_exactly_one_answer_with_the_first_text(
    candidate_client, session_question, apply_async, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        candidate_client.post(url_of(session_question), {"text": "First answer."})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with django_assert_num_queries(PAGE_QUERIES + 1):  # the answer is found; nothing is written
            second = candidate_client.post(url_of(session_question), {"text": "First answer.\n"})

    assert callbacks == []
    assert Answer.objects.count() == 1
    assert Answer.objects.get().text == "First answer."
    assert apply_async.call_count == 1
    assert second.status_code == 302  # the same text again: nothing to give back
    page = candidate_client.get(second.url).content.decode()
    assert "This question was already answered; your first answer is kept." in page
    assert "First answer." in page and 'data-testid="unsent"' not in page


def test_a_second_tabs_different_answer_is_refused_and_given_back(
    candidate_client, session_question, apply_async, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        candidate_client.post(url_of(session_question), {"text": "Tab A's answer."})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with django_assert_num_queries(PAGE_QUERIES + 1):  # the answer is found; nothing is written
            response = candidate_client.post(url_of(session_question), {"text": VERBATIM})

    assert callbacks == []
    assert list(Answer.objects.values_list("text", flat=True)) == ["Tab A's answer."]
    assert response.status_code == 409  # rendered, not redirected: a redirect would lose the text
    html = response.content.decode()
    assert "<html" in html
    assert "This question was already answered; your first answer is kept." in html
    assert "Tab A&#x27;s answer." in html  # the kept answer, as before
    unsent = html.split('data-testid="unsent"')[1].split("</div>")[0]
    assert "Your unsent text:" in unsent
    # the text as typed, escaped, in a read-only box to copy from (outside any form: it cannot be sent again)
    assert "readonly>" in unsent and "<b>KV cache</b>" not in unsent
    assert "&lt;b&gt;KV cache&lt;/b&gt; keeps keys &amp; values" in unsent
    assert 'name="text"' not in unsent


def test_a_second_tabs_answer_over_htmx_comes_back_in_the_answer_area(
    candidate_client, session_question, apply_async, django_assert_num_queries
):
    AnswerFactory(session_question=session_question, text="Tab A's answer.")

    with django_assert_num_queries(PAGE_QUERIES + 1):
        response = candidate_client.post(url_of(session_question), {"text": "Tab B's answer."}, headers=ANSWER_AREA)

    assert response.status_code == 409  # app.js swaps it in, as it does the 400 and 429 fragments
    html = response.content.decode()
    assert html.strip().startswith('<section id="answer-area">') and "<html" not in html
    assert "This question was already answered; your first answer is kept." in html
    assert "Tab A&#x27;s answer." in html and "Tab B&#x27;s answer.</textarea>" in html
    assert list(Answer.objects.values_list("text", flat=True)) == ["Tab A's answer."]


def test_a_submit_while_the_broker_is_down_keeps_the_answer_and_says_grading_is_delayed(
    candidate_client, session_question, broker_down, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url_of(session_question), {"text": VERBATIM})

    broker_down.assert_called_once()
    answer = Answer.objects.get()
    assert (answer.text, answer.status, answer.enqueued_at) == (VERBATIM, Answer.Status.QUEUED, None)
    with django_assert_num_queries(PAGE_QUERIES):
        page = candidate_client.get(response.url).content.decode()
    assert "Grading is delayed" in page
    assert "Your answer is saved" in page
    assert 'hx-trigger="every 1s"' in page


def test_the_graded_answer_shows_scores_verdicts_feedback_time_and_model_answer(
    candidate_client, session_question, django_assert_num_queries
):
    GradeFactory(
        answer__session_question=session_question,
        answer__time_spent_seconds=95,
        overall="3.5", key_points="4.0", trade_offs="2.5", failure_modes=None, clarity="3.0",
        clarity_verdict="adequate",
        feedback="You covered 1 of 2 rubric points.\nMissing trade-off: Memory against throughput",
        items=[
            {"kind": "key_point", "text": "Stores keys and values", "verdict": "covered",
             "evidence": "keeps keys and values of earlier tokens", "note": ""},
            {"kind": "trade_off", "text": "Memory against throughput", "verdict": "partly",
             "evidence": "it uses memory", "note": "touched on, but without throughput"},
        ],
    )

    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question))

    html = response.content.decode()
    assert '<span class="overall" data-testid="overall-score">3.5</span>' in html
    assert "<th>Key points</th><td>4.0</td>" in html
    assert "<th>Trade-offs</th><td>2.5</td>" in html
    assert "<th>Failure modes</th><td>n/a</td>" in html
    assert "<th>Clarity</th><td>3.0 (adequate)</td>" in html
    assert '<span class="badge covered">covered</span>' in html
    assert '<span class="badge partly">partly</span>' in html
    assert "Stores keys and values" in html and "Memory against throughput" in html
    assert "“keeps keys and values of earlier tokens”" in html
    assert "“it uses memory”" in html
    assert "touched on, but without throughput" in html
    assert "You covered 1 of 2 rubric points.<br>Missing trade-off: Memory against throughput" in html
    assert "Time spent: 1:35" in html
    assert '<details class="model-answer"><summary>Show the model answer</summary>' in html
    assert session_question.question.model_answer in html
    assert "hx-trigger" not in html
    assert "Session summary" in html and "Next question" not in html  # the only question in the session
    assert '<meta http-equiv="refresh"' not in html


def test_the_graded_answer_links_to_the_next_question(candidate, candidate_client, cell, django_assert_num_queries):
    first = SessionQuestionFactory(session__user=candidate, question=cell["questions"][0], position=1)
    SessionQuestionFactory(session=first.session, question=cell["questions"][1], position=2)
    GradeFactory(answer__session_question=first)

    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        html = candidate_client.get(url_of(first)).content.decode()

    assert f'href="{reverse("practice:question", args=[first.session_id, 2])}">Next question</a>' in html


def test_the_failed_answer_shows_the_message_and_a_grade_again_button(candidate_client, session_question,
                                                                      django_assert_num_queries):
    answer = AnswerFactory(session_question=session_question, status=Answer.Status.FAILED,
                           failure_message="Grading failed: TimeoutError")

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(session_question))

    html = response.content.decode()
    assert "We could not grade this answer: Grading failed: TimeoutError. Your answer is saved." in html
    assert f'<form method="post" action="{reverse("practice:regrade", args=[answer.pk])}">' in html
    assert '<button type="submit">Grade again</button>' in html
    assert answer.text in html
    assert "hx-trigger" not in html


@pytest.mark.parametrize("graded", [1, 500])
def test_its_query_count_is_the_same_with_1_and_500_graded_answers(candidate, candidate_client, cell, graded,
                                                                   django_assert_num_queries):
    from tests.progress.factories import graded_history

    grades = graded_history(user=candidate, questions=cell["questions"], category=cell["category"],
                            level=cell["level"], count=graded)
    item = grades[-1].answer.session_question

    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        response = candidate_client.get(url_of(item))

    assert response.status_code == 200 and 'data-testid="overall-score"' in response.content.decode()


def test_an_unsure_verdict_is_marked_and_explained_and_an_old_grade_counts_as_sure(
    candidate_client, session_question, django_assert_num_queries
):
    GradeFactory(answer__session_question=session_question, items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "covered", "evidence": "keeps keys",
         "note": "", "confidence": 0.45},
        {"kind": "trade_off", "text": "Memory against throughput", "verdict": "missed", "evidence": "", "note": "",
         "confidence": 0.9},
        {"kind": "failure_mode", "text": "Cache eviction", "verdict": "missed", "evidence": "", "note": ""},
    ])

    with django_assert_num_queries(GRADED_PAGE_QUERIES):
        html = candidate_client.get(url_of(session_question)).content.decode()

    assert html.count('<span class="badge unsure"') == 1
    assert html.count('data-testid="unsure-note"') == 1  # explained once, above the verdicts
    unsure_item = html[html.index('<span class="badge unsure"') - 200:html.index("(confidence 45%)")]
    assert "badge covered" in unsure_item


def test_an_answer_is_shown_as_typed_with_its_indentation_and_escaped(candidate_client, session_question,
                                                                      django_assert_num_queries):
    text = "Use a loop:\n\n    for token in tokens:\n        cache[token] = kv(token)\n\n<script>x()</script>"
    AnswerFactory(session_question=session_question, status=Answer.Status.GRADING, text=text)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(session_question)).content.decode()

    assert ('<div class="answer-text">Use a loop:\n\n    for token in tokens:\n        cache[token] = kv(token)\n\n'
            '&lt;script&gt;x()&lt;/script&gt;</div>') in html
