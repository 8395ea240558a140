import re

import factory
import pytest
from django.urls import reverse

from moderation import selectors, services
from moderation.models import ImportJob, ImportRow
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


def test_the_closest_existing_question_says_its_figure_is_a_similarity(staff_client, bank, django_assert_num_queries):
    job = services.import_job_create(filename="q.json", data=samples.own_json(
        {"text": "How would you rank a feed for a small social network?"}))
    row = services.import_job_run(job_id=job.pk).rows.get()
    assert row.nearest == bank["feed"]
    with django_assert_num_queries(PAGE_QUERIES):
        body = staff_client.get(URL).content.decode()
    assert (f"question #{bank['feed'].pk} Feed ranking at scale <span class=\"muted small\" "
            f"data-testid=\"nearest-similarity\"") in body
    assert f">(similarity {row.nearest_similarity} of 100)</span>" in body
    assert 'title="How alike the wording of the two questions is, from 0 (nothing in common) to 100' in body
    assert '<td data-label="Closest existing question">' in body  # its label on a phone, where rows are cards


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


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    filename = "reports.json"
    content = b"[]"
    status = ImportJob.Status.DONE


class PendingRowFactory(factory.django.DjangoModelFactory):
    """An imported question waiting for review, as an import leaves it."""

    class Meta:
        model = ImportRow

    job = factory.SubFactory(ImportJobFactory)
    row_number = factory.Sequence(lambda n: n + 1)
    outcome = ImportRow.Outcome.IMPORTED
    review_status = ImportRow.Review.PENDING
    question = factory.SubFactory(QuestionFactory, status=Question.Status.PENDING_REVIEW,
                                  title=factory.Sequence(lambda n: f"Imported question {n:03}"))


def queue_rows(body: str) -> list[str]:
    return re.findall(r'data-testid="queue-row">.*?<a href="[^"]+">([^<]+)</a>', body, re.DOTALL)


def test_eighty_waiting_are_shown_fifty_a_page_for_the_same_queries(staff_client, db, django_assert_num_queries):
    job = ImportJobFactory()
    titles = [PendingRowFactory(job=job).question.title for _ in range(80)]
    with django_assert_num_queries(PAGE_QUERIES):
        first = staff_client.get(URL).content.decode()
    assert "80 questions waiting for review. Showing 1–50, oldest first (page 1 of 2)." in first
    assert queue_rows(first) == titles[:50]
    pages = first.split('data-testid="pages"')[1].split("</nav>")[0]
    assert 'href="?page=2"' in pages and 'rel="next"' in pages

    with django_assert_num_queries(PAGE_QUERIES):
        second = staff_client.get(URL, {"page": 2}).content.decode()
    assert "Showing 51–80, oldest first (page 2 of 2)." in second
    assert queue_rows(second) == titles[50:]
    assert 'href="?page=1"' in second.split('data-testid="pages"')[1] and 'rel="next"' not in second


def test_the_page_links_keep_the_import_filter(staff_client, db, monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE", 2)
    chosen, other = ImportJobFactory(), ImportJobFactory()
    titles = [PendingRowFactory(job=chosen).question.title for _ in range(3)]
    PendingRowFactory(job=other)
    first = staff_client.get(URL, {"job": chosen.pk}).content.decode()
    assert f"3 questions waiting for review from import #{chosen.pk}" in first
    assert f'href="?job={chosen.pk}&amp;page=2"' in first.split('data-testid="pages"')[1]
    second = staff_client.get(URL, {"job": chosen.pk, "page": 2}).content.decode()
    assert queue_rows(second) == titles[2:]
    assert f'href="?job={chosen.pk}&amp;page=1"' in second.split('data-testid="pages"')[1]


def test_htmx_gets_the_next_page_as_the_queue_partial(staff_client, db, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(selectors, "QUEUE_PAGE", 2)
    titles = [row.question.title for row in PendingRowFactory.create_batch(3, job=ImportJobFactory())]
    with django_assert_num_queries(PAGE_QUERIES - 2):  # not the questions without a rubric: outside the partial
        response = staff_client.get(URL, {"page": 2}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="queue">')
    assert queue_rows(body) == titles[2:]
    assert 'hx-get="?page=1" hx-target="#queue" hx-swap="outerHTML" hx-push-url="true"' in body


@pytest.mark.parametrize(("asked", "shown"), [("9", 2), ("abc", 1), ("0", 1), ("-3", 1)])
def test_a_page_that_does_not_exist_says_so_and_shows_the_nearest(staff_client, db, monkeypatch, asked, shown):
    monkeypatch.setattr(selectors, "QUEUE_PAGE", 2)
    PendingRowFactory.create_batch(3, job=ImportJobFactory())
    body = staff_client.get(URL, {"page": asked}).content.decode()
    assert f"There is no page “{asked}” of the queue: showing page {shown}." in body
    assert f"(page {shown} of 2)" in body


def test_a_bulk_action_returns_to_the_same_page(staff_client, admin_user, db, monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE", 2)
    rows = PendingRowFactory.create_batch(5, job=ImportJobFactory())
    response = staff_client.post(f"{URL}?page=2", {"rows": [rows[2].pk], "action": "reject"})
    assert response.url == f"{URL}?page=2"
    assert Question.objects.get(pk=rows[2].question_id).status == "archived"


def test_a_bulk_action_that_empties_the_last_page_returns_to_the_new_last_page_without_a_warning(
    staff_client, admin_user, db, monkeypatch
):
    monkeypatch.setattr(selectors, "QUEUE_PAGE", 2)
    rows = PendingRowFactory.create_batch(5, job=ImportJobFactory())

    response = staff_client.post(f"{URL}?page=3", {"rows": [rows[4].pk], "action": "reject"}, follow=True)

    assert response.redirect_chain[0][0] == f"{URL}?page=2"
    assert "There is no page" not in response.content.decode()


def test_each_row_shows_the_flags_of_its_import_in_words_for_the_same_queries(staff_client, db,
                                                                             django_assert_num_queries):
    job = ImportJobFactory()
    flagged = PendingRowFactory(job=job, flags="prompt_injection,llm_failed")
    PendingRowFactory(job=job)
    with django_assert_num_queries(PAGE_QUERIES):
        body = staff_client.get(URL).content.decode()
    rows = dict(zip(queue_rows(body), body.split('data-testid="queue-row"')[1:], strict=True))
    assert ('<p class="error small" data-testid="queue-flags">Flagged: the post holds text addressed to a model '
            '(prompt injection); the LLM could not read the post, so the offline rules did. Check the question '
            'against the post.</p>') in rows[flagged.question.title]
    assert [title for title, row in rows.items() if "Flagged:" in row] == [flagged.question.title]
