import pytest
from django.urls import reverse

from assignments.models import TakeHomeAttempt
from assignments.services import attempt_review_start
from practice.models import Answer
from tests.assignments.factories import SelfReviewItemFactory, TakeHomeAttemptFactory
from tests.factories import AnswerFactory, GradeFactory

SELF_REVIEW = {"HX-Request": "true", "HX-Target": "self-review"}
README_REVIEW = {"HX-Request": "true", "HX-Target": "readme-review"}
# django_session, auth_user, the attempt (with its pattern, level and brief) and the self-review checklist.
PAGE_QUERIES = 4
# Once a README review is open: its session question, with the answer and grade.
REVIEW_QUERIES = 1
# Saving ticks inside the test's transaction: savepoint, the checklist's keys, the update, release.
TICK_WRITES = 4


def url_of(attempt: TakeHomeAttempt) -> str:
    return reverse("assignments:attempt", args=[attempt.pk])


def test_it_rejects_put_and_delete(candidate_client, attempt, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(attempt))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, attempt, django_assert_num_queries):
    for method in (client.get, client.post):
        with django_assert_num_queries(0):
            response = method(url_of(attempt), {"ticks": ["automated-tests"]} if method == client.post else None)

        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next={url_of(attempt)}"
    attempt.refresh_from_db()
    assert attempt.ticks == []


def test_another_candidates_attempt_is_not_found_and_not_changed(client, other_candidate, attempt,
                                                                 django_assert_num_queries):
    client.force_login(other_candidate)
    for headers in ({}, SELF_REVIEW):
        with django_assert_num_queries(3):  # django_session, auth_user, the attempt
            assert client.get(url_of(attempt), headers=headers).status_code == 404
        with django_assert_num_queries(3):
            assert client.post(url_of(attempt), {"ticks": ["automated-tests"]}, headers=headers).status_code == 404

    attempt.refresh_from_db()
    assert attempt.ticks == []


def test_it_shows_the_brief_at_the_attempts_level_and_the_self_review(candidate_client, attempt,
                                                                       django_assert_num_queries):
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=["automated-tests"])

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(attempt))

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "<h1>Answer questions over product documentation</h1>" in html
    assert "A support team answers the same customer questions every day." in html
    assert "about 6 hours of work, handed in within 3 days" in html
    assert "At Mid-level, also" in html and "level level" not in html  # the level's name already says "level"
    assert "<li>Extra work expected at mid level.</li>" in html
    assert "<li>Cite every source.</li>" in html and "<li>A repository with a README.</li>" in html
    assert 'value="automated-tests" id="tick-automated-tests" checked' in html
    assert 'value="trade-offs" id="tick-trade-offs">' in html
    assert "1 of 4 ticked" in html
    missing = html.split('data-testid="missing">')[1].split("</ul>")[0]
    assert "Open with the problem and who has it." in missing and "Add a trade-offs section." in missing
    assert "Automated tests" not in missing
    assert 'action="{}"'.format(reverse("assignments:readme_review", args=[attempt.pk])) in html
    assert ">Grade my README</button>" in html


def test_htmx_gets_only_the_section_it_asks_for(candidate_client, attempt, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        self_review = candidate_client.get(url_of(attempt), headers=SELF_REVIEW).content.decode()
    with django_assert_num_queries(PAGE_QUERIES):
        readme_review = candidate_client.get(url_of(attempt), headers=README_REVIEW).content.decode()

    assert self_review.startswith('\n<section id="self-review"') and "<html" not in self_review
    assert "Grade my README" not in self_review and "0 of 4 ticked" in self_review
    assert readme_review.startswith('\n<section id="readme-review"') and "<html" not in readme_review
    assert "Self-review" not in readme_review


def test_without_javascript_ticks_are_saved_and_the_page_reloads_at_the_self_review(
    candidate_client, attempt, django_assert_num_queries
):
    with django_assert_num_queries(PAGE_QUERIES + TICK_WRITES):
        response = candidate_client.post(url_of(attempt), {"ticks": ["trade-offs", "automated-tests"]})

    assert response.status_code == 302 and response.url == f"{url_of(attempt)}#self-review"
    attempt.refresh_from_db()
    assert attempt.ticks == ["automated-tests", "trade-offs"]
    page = candidate_client.get(response.url).content.decode()
    assert "Your self-review is saved." in page and "2 of 4 ticked" in page


def test_with_htmx_a_tick_returns_the_updated_self_review(candidate_client, attempt, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + TICK_WRITES):
        response = candidate_client.post(url_of(attempt), {"ticks": ["failure-analysis"]}, headers=SELF_REVIEW)

    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('\n<section id="self-review"')
    assert "1 of 4 ticked" in html and '<span role="status">saved</span>' in html
    assert 'value="failure-analysis" id="tick-failure-analysis" checked' in html
    assert "List the failing cases." not in html and "Add unit tests." in html


def test_unticking_everything_is_saved(candidate_client, attempt):
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=["automated-tests"])

    candidate_client.post(url_of(attempt), {}, headers=SELF_REVIEW)

    attempt.refresh_from_db()
    assert attempt.ticks == []


@pytest.mark.parametrize("headers", [{}, SELF_REVIEW])
def test_an_unknown_tick_is_refused_with_a_message_and_the_saved_ticks_are_kept(
    candidate_client, attempt, headers, django_assert_num_queries
):
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=["automated-tests"])

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.post(url_of(attempt), {"ticks": ["trade-offs", "no-such-item"]}, headers=headers)

    html = response.content.decode()
    assert response.status_code == 200 and "The checklist has changed since this page was loaded" in html
    assert ("<html" in html) is not bool(headers) and "1 of 4 ticked" in html
    attempt.refresh_from_db()
    assert attempt.ticks == ["automated-tests"]


def test_an_open_review_links_to_the_question_where_the_readme_is_pasted(candidate_client, attempt,
                                                                         django_assert_num_queries):
    session = attempt_review_start(attempt=attempt)

    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        html = candidate_client.get(url_of(attempt)).content.decode()

    question = reverse("practice:question", args=[session.pk, 1])
    assert "nothing is pasted yet" in html and f'href="{question}">Paste your README</a>' in html


def test_while_the_readme_is_graded_the_section_polls_for_the_grade(candidate_client, attempt,
                                                                   django_assert_num_queries):
    session = attempt_review_start(attempt=attempt)
    AnswerFactory(session_question=session.items.get(), status=Answer.Status.GRADING, text="# My README")

    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        html = candidate_client.get(url_of(attempt)).content.decode()
    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        poll = candidate_client.get(url_of(attempt), headers=README_REVIEW).content.decode()

    assert "Grading your README" in html and '<meta http-equiv="refresh" content="5">' in html
    assert f'hx-get="{url_of(attempt)}" hx-trigger="every 2s"' in poll and "Grading your README" in poll


def test_a_graded_readme_shows_its_score_and_what_the_grader_found_for_each_item(candidate_client, attempt,
                                                                                 django_assert_num_queries):
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=["automated-tests", "trade-offs"])
    session = attempt_review_start(attempt=attempt)
    verdicts = {"Explains the problem the project solves": "covered", "Describes the automated tests": "covered",
                "Explains the trade-offs made": "missed", "Analyses how the system fails": "partly"}
    grade = GradeFactory(answer__session_question=session.items.get(), overall="3.0", items=[
        {"kind": "key_point", "text": text, "verdict": verdict, "evidence": "", "note": "",
         "confidence": 0.5 if verdict == "partly" else 0.9}
        for text, verdict in verdicts.items()])

    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        html = candidate_client.get(url_of(attempt)).content.decode()

    assert '<span class="overall" data-testid="readme-score">3.0</span>' in html
    assert "hx-trigger" not in html.split('id="readme-review"')[1]
    trade_offs = html.split('id="review-trade-offs"')[1].split("</li>")[0]
    assert '<span class="badge missed">missed</span>' in trade_offs
    assert "you ticked this, but the grader could not find it clearly stated" in trade_offs
    tests = html.split('id="review-automated-tests"')[1].split("</li>")[0]
    assert '<span class="badge covered">covered</span>' in tests and "you ticked this" not in tests
    problem = html.split('id="review-explains-the-problem"')[1].split("</li>")[0]
    assert "your README says so; tick it if your submission really has it" in problem
    failures = html.split('id="review-failure-analysis"')[1].split("</li>")[0]
    assert '<span class="badge partly">partly</span>' in failures and '<span class="badge unsure"' in failures
    assert html.count('class="badge unsure"') == 1
    assert reverse("practice:grade_grader_accuracy", args=[grade.answer_id]) in html
    assert ">Grade a revised README</button>" in html


def test_its_query_count_does_not_grow_with_the_checklist_or_the_candidates_attempts(
    candidate_client, candidate, attempt, django_assert_num_queries
):
    attempt_review_start(attempt=attempt)
    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        candidate_client.get(url_of(attempt))

    SelfReviewItemFactory.create_batch(10)
    TakeHomeAttemptFactory.create_batch(5, user=candidate, brief=attempt.brief)
    with django_assert_num_queries(PAGE_QUERIES + REVIEW_QUERIES):
        html = candidate_client.get(url_of(attempt)).content.decode()

    assert html.count('type="checkbox" name="ticks"') == 14
