from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from questions.models import Question
from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, RoleTrackFactory
from tests.progress.factories import ReviewCardFactory

URL = reverse("playbook:home")
# Categories with their published counts, levels, role tracks.
PAGE_QUERIES = 3
# + django_session, auth_user, then the next steps: the profile, a mock loop to finish, reviews due, an unfinished
# session, a loop to try.
CANDIDATE_QUERIES = PAGE_QUERIES + 7
# + with a target track: the categories, the track's categories with questions, the candidate's means on them.
WITH_TRACK_QUERIES = CANDIDATE_QUERIES + 3


def test_it_rejects_post_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_it_shows_categories_levels_and_tracks_to_an_anonymous_visitor(client, cell, django_assert_num_queries):
    QuestionFactory(category=cell["category"], status=Question.Status.DRAFT)
    QuestionFactory(category=cell["category"], status=Question.Status.PENDING_REVIEW)

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert f"<h3>{escape(cell['category'].name)}</h3>" in html
    assert "3 published questions" in html  # drafts and questions in review are not counted
    assert f"<dt>{cell['level'].name}</dt><dd>{cell['level'].emphasis}</dd>" in html
    assert f"<strong>{cell['role_track'].name}</strong>" in html
    assert f'href="{reverse("practice:start")}?category={cell["category"].key}"' in html
    assert f'href="{reverse("accounts:login")}"' in html and f'href="{reverse("accounts:signup")}"' in html


def test_a_category_with_one_question_says_question(client, db, django_assert_num_queries):
    QuestionFactory(category=CategoryFactory(key="evals", name="Evaluation"))

    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    assert "1 published question<" in html


def test_a_logged_in_candidate_sees_their_name_and_a_log_out_button(candidate, candidate_client,
                                                                    django_assert_num_queries):
    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert candidate.username in html
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html
    assert f'href="{reverse("accounts:signup")}"' not in html


def test_a_logged_in_candidate_sees_how_many_of_their_reviews_are_due(candidate, other_candidate, candidate_client,
                                                                      django_assert_num_queries):
    ReviewCardFactory.create_batch(12, user=candidate)
    ReviewCardFactory(user=candidate, due=timezone.now() + timedelta(days=1))
    ReviewCardFactory(user=other_candidate)

    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert f'<a href="{reverse("progress:reviews")}">12 reviews due</a>' in html
    step = html.split('data-testid="step-reviews"')[1].split("</li>")[0]
    assert f'action="{reverse("progress:reviews_start")}"' in step and "Start your reviews" in step
    assert 'data-first-step="reviews"' in html


def test_an_anonymous_visitor_sees_no_next_steps(client, db):
    html = client.get(URL).content.decode()

    assert "Your next step" not in html and "reviews due" not in html


def test_its_query_count_does_not_grow_with_the_catalogue(client, db, django_assert_num_queries):
    QuestionFactory(category=CategoryFactory(key="category-0", name="Category 0"))
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(URL)

    for n in range(1, 20):
        category = CategoryFactory(key=f"category-{n}", name=f"Category {n}")
        level = LevelFactory(key=f"level-{n}", name=f"Level {n}")
        track = RoleTrackFactory(key=f"track-{n}", name=f"Track {n}")
        QuestionFactory.create_batch(2, category=category, levels=[level], role_tracks=[track])
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    assert html.count('class="card"') == 20
    assert "<dt>Level 19</dt>" in html and "<strong>Track 19</strong>" in html
