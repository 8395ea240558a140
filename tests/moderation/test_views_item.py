import pytest
from django.urls import reverse

from moderation import services
from moderation.models import ImportRow
from questions.models import Question
from tests.moderation import samples

# session, user, the row (question, category, suggestions, nearest, job), levels, tags, rubric items, sightings,
# then the edit form's categories and levels
PAGE_QUERIES = 9


@pytest.fixture
def row(bank):
    job = services.import_job_create(filename="q.json", data=samples.own_json(
        {"text": "What does a <b>reranker</b> add to retrieval? <script>alert(1)</script>", "company": "Cohere"}))
    return services.import_job_run(job_id=job.pk).rows.get()


def url_of(row: ImportRow) -> str:
    return reverse("moderation:item", args=[row.pk])


def test_it_rejects_delete(staff_client, row):
    assert staff_client.delete(url_of(row)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, row):
    assert client.get(url_of(row)).url.startswith(reverse("accounts:login"))


def test_a_candidate_is_refused_and_changes_nothing(client, candidate, row):
    client.force_login(candidate)
    assert client.post(url_of(row), {"intent": "approve"}).status_code == 403
    assert Question.objects.get(pk=row.question_id).status == "pending_review"


def test_a_row_that_is_not_an_imported_question_is_not_found(staff_client, bank):
    job = services.import_job_run(job_id=services.import_job_create(
        filename="e.json", data=samples.own_json({"nope": 1})).pk)
    assert staff_client.get(url_of(job.rows.get())).status_code == 404


def test_it_shows_the_question_rendered_sanitised_and_its_sightings(staff_client, row, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = staff_client.get(url_of(row), headers={"HX-Request": "true"})
    body = response.content.decode()
    rendered = body.split('data-testid="rendered-question">')[1].split("</div>")[0]
    assert "<b>reranker</b>" in rendered and "<script" not in rendered
    assert "Reported 1 time" in body and "Cohere" in body


EDIT = {"intent": "save", "title": "Rerankers", "prompt": "Why a reranker?", "category": "llm-rag",
        "levels": ["senior"], "tags": "retrieval"}


def test_approving_a_question_with_its_rubric_publishes_it(staff_client, row):
    staff_client.post(url_of(row), {**EDIT, "key_points": "Scores query and passage together\n- Reorders the top k"})
    response = staff_client.post(url_of(row), {"intent": "approve"})
    assert response.url == reverse("moderation:queue")
    assert Question.objects.get(pk=row.question_id).status == "published"


def test_a_question_without_a_rubric_cannot_be_approved_and_the_page_says_what_is_missing(staff_client, row):
    page = staff_client.get(url_of(row)).content.decode()
    assert 'data-testid="no-rubric"' in page
    response = staff_client.post(url_of(row), {"intent": "approve"}, follow=True)
    assert "Not approved: add at least one key point to the rubric." in response.content.decode()
    assert Question.objects.get(pk=row.question_id).status == "pending_review"


def test_a_post_import_shows_the_words_of_the_post_each_question_came_from(staff_client, bank):
    job = services.import_job_create(filename="r.json", data=samples.reddit_listing({
        **samples.REDDIT_POST, "title": "Cohere onsite",
        "selftext": "Second round. They asked if I had shipped a reranker to production. Brutal."}))
    row = services.import_job_run(job_id=job.pk).rows.get()
    assert row.question.prompt == "Have you shipped a reranker to production?"
    body = staff_client.get(url_of(row)).content.decode()
    evidence = body.split('data-testid="evidence">')[1].split("</figure>")[0]
    assert "asked if I had shipped a reranker to production" in evidence
    assert f"characters {row.evidence_start}–{row.evidence_end}" in evidence


def test_merging_into_an_existing_question(staff_client, row, bank):
    response = staff_client.post(url_of(row), {"intent": "merge", "target": bank["evaluating"].pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.review_status == "merged" and bank["evaluating"].sightings.count() == 1


def test_merging_into_a_missing_question_is_not_found_and_changes_nothing(staff_client, row):
    assert staff_client.post(url_of(row), {"intent": "merge", "target": 999999}).status_code == 404
    assert ImportRow.objects.get(pk=row.pk).review_status == "pending"


def test_editing_saves_the_rubric_one_item_per_line_and_keeps_it_pending(staff_client, row, bank):
    response = staff_client.post(url_of(row), {
        **EDIT, "key_points": "Scores query and passage together\n\n* Reorders the top k", "trade_offs": "Latency",
        "failure_modes": "A poor candidate set", "model_answer": "A reranker **rescores** candidates."})
    assert response.status_code == 302
    question = Question.objects.get(pk=row.question_id)
    assert (question.title, question.status) == ("Rerankers", "pending_review")
    assert [(item.kind, item.text) for item in question.rubric_items.order_by("position")] == [
        ("key_point", "Scores query and passage together"), ("key_point", "Reorders the top k"),
        ("trade_off", "Latency"), ("failure_mode", "A poor candidate set")]
    assert question.model_answer == "A reranker **rescores** candidates."
    page = staff_client.get(url_of(row)).content.decode()
    assert "Reorders the top k" in page.split('data-testid="rubric"')[1]


def test_a_bad_edit_gets_a_clear_error_and_changes_nothing(staff_client, row):
    response = staff_client.post(url_of(row), {"intent": "save", "title": "", "prompt": "Why?",
                                               "category": "llm-rag", "levels": []})
    body = response.content.decode()
    assert "This field is required." in body and "Choose at least one level." in body
    assert Question.objects.get(pk=row.question_id).title != ""


def test_an_edit_longer_than_an_import_row_is_refused_and_an_accepted_one_is_rendered_on_save(staff_client, row,
                                                                                             settings):
    settings.IMPORT_MAX_ROW_CHARS = 1_000
    data = {"intent": "save", "title": "Rerankers", "category": "llm-rag", "levels": ["senior"], "tags": ""}
    body = staff_client.post(url_of(row), {**data, "prompt": "[" * 1_001}).content.decode()
    assert "Ensure this value has at most 1000 characters (it has 1001)." in body
    assert Question.objects.get(pk=row.question_id).prompt.startswith("What does")

    staff_client.post(url_of(row), {**data, "prompt": "Why a **reranker**?"})
    assert Question.objects.get(pk=row.question_id).prompt_html == "<p>Why a <strong>reranker</strong>?</p>\n"


def test_a_second_review_of_the_same_row_does_nothing(staff_client, row):
    staff_client.post(url_of(row), {"intent": "reject"})
    response = staff_client.post(url_of(row), {"intent": "approve"}, follow=True)
    assert "had been reviewed already" in response.content.decode()
    assert Question.objects.get(pk=row.question_id).status == "archived"
