from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from questions.models import Question
from tests.factories import QuestionFactory
from tests.progress.factories import ReviewCardFactory

URL = reverse("progress:reviews")
# django_session, auth_user, the due cards with their questions, categories and levels, the next upcoming ones.
PAGE_QUERIES = 4


def test_it_rejects_post_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"


def test_it_lists_due_questions_with_a_start_button_and_upcoming_ones_apart(candidate_client, candidate,
                                                                           django_assert_num_queries):
    now = timezone.now()
    due = ReviewCardFactory(user=candidate, due=now - timedelta(days=2), last_score="1.5", last_rating=1)
    later = ReviewCardFactory(user=candidate, due=now + timedelta(days=3))
    archived = ReviewCardFactory(user=candidate, question=QuestionFactory(status=Question.Status.ARCHIVED))

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    due_table = html.split('data-testid="due-reviews"')[1].split("</table>")[0]
    upcoming_table = html.split('data-testid="upcoming-reviews"')[1].split("</table>")[0]
    assert due.question.title in due_table and "1.5 (again)" in due_table and "2\xa0days ago" in due_table
    assert later.question.title in upcoming_table and later.question.title not in due_table
    assert archived.question.title not in html
    assert f'action="{reverse("progress:reviews_start")}"' in html and "1 question due." in html


def test_its_query_count_does_not_grow_with_the_deck(candidate_client, candidate, django_assert_num_queries):
    ReviewCardFactory.create_batch(15, user=candidate)
    ReviewCardFactory.create_batch(15, user=candidate, due=timezone.now() + timedelta(days=1))

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert "15 questions due; a session takes up to 10, most overdue first, at the level of the most overdue." in html


def test_it_never_shows_another_candidates_cards(candidate_client, other_candidate, django_assert_num_queries):
    theirs = ReviewCardFactory(user=other_candidate)
    ReviewCardFactory(user=other_candidate, due=timezone.now() + timedelta(days=1))

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert theirs.question.title not in html
    assert 'data-testid="nothing-due"' in html and "Nothing scheduled yet" in html


def coming_up(html: str) -> str:
    return html.split("<h2>Coming up next</h2>")[1]


def test_with_reviews_due_and_none_later_coming_up_says_only_those_are_scheduled(candidate_client, candidate,
                                                                                 django_assert_num_queries):
    ReviewCardFactory.create_batch(2, user=candidate)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert "2 questions due" in html
    assert "Nothing is scheduled after the 2 questions due now" in coming_up(html)
    assert "Nothing scheduled yet" not in html and 'data-testid="nothing-due"' not in html


def test_with_reviews_due_and_later_ones_coming_up_lists_the_later_ones(candidate_client, candidate,
                                                                        django_assert_num_queries):
    ReviewCardFactory(user=candidate)
    later = ReviewCardFactory(user=candidate, due=timezone.now() + timedelta(days=3))

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert later.question.title in coming_up(html) and 'data-testid="upcoming-reviews"' in html
    assert "Nothing scheduled yet" not in html and "Nothing is scheduled after" not in html


def test_with_nothing_at_all_it_says_answering_schedules_one(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert 'data-testid="nothing-due"' in html
    assert "Nothing scheduled yet: answer a question and it appears here." in coming_up(html)
