from django.urls import reverse

from assignments.models import TakeHomeAttempt
from assignments.services import attempt_review_start
from tests.assignments.factories import AssignmentPatternFactory, TakeHomeAttemptFactory, TakeHomeBriefFactory
from tests.factories import GradeFactory, LevelFactory

URL = reverse("assignments:practice")
# django_session, auth_user, the candidate's attempts (with each README grade), the checklist's length, and the
# pattern and level choices of the form, each read twice: Django's Select looks at the first choice on its own to
# decide on the required attribute.
PAGE_QUERIES = 8
# A valid POST: django_session, auth_user, the chosen pattern and level, then starting the attempt (savepoint, the
# pattern's brief, full_clean's checks of user, pattern, level and brief, the insert, release).
START_QUERIES = 12


def test_it_rejects_put_and_delete(candidate_client, db, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in_and_starts_nothing(client, db, django_assert_num_queries):
    brief = TakeHomeBriefFactory()
    for method in (client.get, client.post):
        with django_assert_num_queries(0):
            response = method(URL, {"pattern": brief.pattern.key, "level": "senior"} if method == client.post else None)

        assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"
    assert not TakeHomeAttempt.objects.exists()


def test_it_offers_the_patterns_that_have_a_brief_and_every_level(candidate_client, db, django_assert_num_queries):
    TakeHomeBriefFactory(pattern=AssignmentPatternFactory(key="rag-systems", name="RAG systems"))
    AssignmentPatternFactory(key="document-processing", name="Document processing")
    LevelFactory(key="junior", name="Junior / intern", position=0)
    LevelFactory(key="staff", name="Staff+", position=3)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(f"{URL}?pattern=rag-systems&level=staff")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert '<option value="rag-systems" selected>RAG systems</option>' in html
    assert "Document processing" not in html
    assert '<option value="junior">Junior / intern</option>' in html and '<option value="staff" selected>' in html
    assert "No attempts yet" in html


def test_htmx_gets_the_whole_page_because_no_part_of_it_is_swapped_alone(candidate_client, db,
                                                                         django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL, headers={"HX-Request": "true"}).content.decode()

    assert "<html" in html and "<h1>Take-home practice</h1>" in html


def test_it_lists_only_the_candidates_own_attempts_with_their_readme_grade(
    candidate_client, candidate, other_candidate, attempt, django_assert_num_queries
):
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=["automated-tests", "trade-offs"])
    session = attempt_review_start(attempt=attempt)
    GradeFactory(answer__session_question=session.items.get(), overall="4.5")
    TakeHomeAttemptFactory(user=other_candidate, brief__title="Someone else's brief")

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    row = html.split("<tbody>")[1].split("</tbody>")[0]
    assert f'href="{reverse("assignments:attempt", args=[attempt.pk])}">{attempt.brief.title}</a>' in row
    assert "<td>2 of 4</td>" in row and "<td>4.5 / 5</td>" in row and "<td>Mid-level</td>" in row
    assert "Someone else" not in html


def test_choosing_a_pattern_and_a_level_starts_an_attempt_on_its_brief(candidate_client, candidate, db,
                                                                       django_assert_num_queries):
    brief = TakeHomeBriefFactory()
    LevelFactory(key="senior")

    with django_assert_num_queries(START_QUERIES):
        response = candidate_client.post(URL, {"pattern": brief.pattern.key, "level": "senior"})

    attempt = TakeHomeAttempt.objects.get()
    assert response.status_code == 302 and response.url == reverse("assignments:attempt", args=[attempt.pk])
    assert (attempt.user, attempt.brief, attempt.level.key) == (candidate, brief, "senior")


def test_a_pattern_without_a_brief_or_an_unknown_level_is_refused_with_a_message(candidate_client, db):
    brief = TakeHomeBriefFactory()
    AssignmentPatternFactory(key="document-processing")
    LevelFactory(key="senior")

    html = candidate_client.post(URL, {"pattern": "document-processing", "level": "principal"}).content.decode()
    missing = candidate_client.post(URL, {"pattern": brief.pattern.key}).content.decode()

    assert "Choose a pattern from the list." in html and "Choose a level from the list." in html
    assert "Choose a level." in missing
    assert not TakeHomeAttempt.objects.exists()


def test_its_query_count_does_not_grow_with_the_candidates_attempts(candidate_client, candidate, attempt,
                                                                   django_assert_num_queries):
    attempt_review_start(attempt=attempt)
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(URL)

    for extra in TakeHomeAttemptFactory.create_batch(5, user=candidate, brief=attempt.brief):
        GradeFactory(answer__session_question=attempt_review_start(attempt=extra).items.get())
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert html.count("/ 5</td>") == 5
