"""The practice question page shows how often an imported question was reported, at no extra query."""

from django.urls import reverse
from django.utils import timezone

from moderation import services
from practice.models import SessionQuestion
from tests.factories import PracticeSessionFactory
from tests.moderation import samples

# django_session, auth_user, the session question with its session, question, answer and grade (the question already
# shown, so its clock is not started)
PAGE_QUERIES = 3


def test_an_approved_import_shows_how_many_times_it_was_reported(client, candidate, admin_user, bank,
                                                                  django_assert_num_queries):
    data = samples.own_json(
        {"text": "What does a reranker add to retrieval?", "source_url": "https://a.io/1", "category": "llm-rag",
         "level": "senior"},
        {"text": "what does a reranker add to retrieval", "source_url": "https://b.io/2"},
        {"text": "What does a reranker add to retrieval??", "source_url": "https://c.io/3"},
    )
    job = services.import_job_run(job_id=services.import_job_create(filename="q.json", data=data).pk)
    row = job.rows.get(outcome="imported")
    services.import_rows_review(row_ids=[row.pk], action="approve", reviewer=admin_user)
    session = PracticeSessionFactory(user=candidate, category=bank["rag"], level=bank["senior"])
    SessionQuestion.objects.create(session=session, question=row.question, position=1, shown_at=timezone.now())
    client.force_login(candidate)

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("practice:question", args=[session.pk, 1]))

    assert 'data-testid="sightings">reported 3 times<' in response.content.decode()
