import pytest
from django.urls import reverse

from moderation import services
from questions.models import Question
from tests.factories import QuestionFactory
from tests.moderation import samples

URL = reverse("moderation:queue")
# session, user, the page of rows (with questions, categories, suggestions, nearest, job), their levels, the count,
# then the published questions without a rubric and their count
PAGE_QUERIES = 7


@pytest.fixture
def job(bank):
    job = services.import_job_create(filename="q.json", data=samples.own_json(
        {"text": "What does a reranker add to retrieval?"}, {"text": "How do you pick an embedding model?"}))
    return services.import_job_run(job_id=job.pk)


def test_it_rejects_put(staff_client):
    assert staff_client.put(URL).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(URL).url.startswith(reverse("accounts:login"))


def test_a_candidate_cannot_approve_anything(client, candidate, job):
    client.force_login(candidate)
    rows = list(job.rows.values_list("pk", flat=True))
    assert client.post(URL, {"rows": rows, "action": "approve"}).status_code == 403
    assert not Question.objects.filter(status="published", import_rows__job=job).exists()


def test_it_lists_pending_questions_with_their_suggestions(staff_client, job):
    body = staff_client.get(URL).content.decode()
    assert "2 questions waiting for review" in body
    assert "What does a reranker add to retrieval?" in body and "suggested, confidence" in body


def test_the_page_costs_the_same_queries_with_two_or_twelve_rows(staff_client, job, bank,
                                                                  django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        staff_client.get(URL)
    more = services.import_job_create(filename="more.json", data=samples.own_json(
        *({"text": text} for text in (
            "Explain backpressure between two services.", "When is an idempotency key needed?",
            "How would you shard a vector index?", "What does quantisation cost in accuracy?",
            "Why distil a large model into a small one?", "How does continuous batching raise throughput?",
            "When should a client retry a failed call?", "What would you trace in an agent loop?",
            "How do canary releases catch regressions?", "Design a semantic cache for a chatbot."))))
    services.import_job_run(job_id=more.pk)
    with django_assert_num_queries(PAGE_QUERIES):
        response = staff_client.get(URL)
    assert response.content.decode().count('data-testid="queue-row"') == 12


def give_rubric(row, user) -> None:
    question = row.question
    services.import_row_edit(row=row, editor=user, title=question.title, prompt=question.prompt,
                             category=question.category, levels=list(question.levels.all()), tags=[],
                             key_points=["Says what the reranker scores"], trade_offs=[], failure_modes=[],
                             model_answer="")


def test_bulk_approve_publishes_the_ticked_questions(staff_client, job, admin_user):
    first, second = job.rows.order_by("row_number")
    give_rubric(first, admin_user)
    response = staff_client.post(URL, {"rows": [first.pk], "action": "approve"})
    assert response.status_code == 302
    assert Question.objects.get(pk=first.question_id).status == "published"
    assert Question.objects.get(pk=second.question_id).status == "pending_review"


def test_bulk_approve_leaves_questions_without_a_rubric_waiting_and_says_why(staff_client, job, admin_user):
    first, second = job.rows.order_by("row_number")
    give_rubric(first, admin_user)
    response = staff_client.post(URL, {"rows": [first.pk, second.pk], "action": "approve"}, follow=True)
    body = response.content.decode()
    assert "1 question approved and published. 1 left waiting" in body
    assert "“How do you pick an embedding model?”: add at least one key point to the rubric" in body
    assert Question.objects.get(pk=second.question_id).status == "pending_review"


def test_published_questions_without_a_rubric_are_flagged(staff_client, bank):
    bare = QuestionFactory(title="Approved long ago, never given a rubric", status="published", rubric=[])
    QuestionFactory(title="Practisable", status="published")
    body = staff_client.get(URL).content.decode()
    flagged = body.split('data-testid="unpractisable"')[1].split("</section>")[0]
    assert "1 published question without a rubric" in flagged
    assert bare.title in flagged and "Practisable" not in flagged
    assert reverse("banks:question", args=[bare.pk]) in flagged


def test_htmx_bulk_reject_returns_the_updated_queue(staff_client, job, django_assert_num_queries):
    rows = list(job.rows.values_list("pk", flat=True))
    response = staff_client.post(URL, {"rows": rows, "action": "reject"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="queue">')
    assert "2 questions rejected." in body and "Nothing waits for review." in body


def test_a_bulk_action_without_ticks_says_so(staff_client, job):
    response = staff_client.post(URL, {"action": "approve"}, follow=True)
    assert "Tick at least one question first." in response.content.decode()


def test_an_unknown_bulk_action_changes_nothing(staff_client, job):
    response = staff_client.post(URL, {"rows": list(job.rows.values_list("pk", flat=True)), "action": "publish"},
                                 follow=True)
    assert "Choose approve or reject." in response.content.decode()
    assert not Question.objects.filter(status="published", import_rows__job=job).exists()
