"""The home page's "continue a session" step looks at the candidate's latest sessions only."""

from datetime import timedelta

from django.utils import timezone

from practice.models import PracticeSession
from progress.next_steps import UNFINISHED_LOOKBACK
from tests.factories import GradeFactory, PracticeSessionFactory, SessionQuestionFactory
from tests.playbook.test_views_home import CANDIDATE_QUERIES, URL


def test_only_the_latest_sessions_are_looked_at_for_one_to_continue(candidate_client, candidate, cell,
                                                                     django_assert_num_queries):
    unfinished = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    first, _still_open = (SessionQuestionFactory(session=unfinished, question=question, position=position)
                     for position, question in enumerate(cell["questions"][:2], start=1))
    GradeFactory(answer__session_question=first)
    newer = PracticeSessionFactory.create_batch(UNFINISHED_LOOKBACK - 1, user=candidate, category=cell["category"],
                                                level=cell["level"])
    PracticeSession.objects.filter(pk__in=[s.pk for s in newer]).update(created_at=timezone.now() + timedelta(hours=1))

    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()
    assert 'data-testid="step-continue"' in html and "question 2 of" in html  # the 20th latest session

    PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    with django_assert_num_queries(CANDIDATE_QUERIES):
        assert 'data-testid="step-continue"' not in candidate_client.get(URL).content.decode()
