import re

import pytest
from django.urls import reverse

from moderation import services
from moderation.models import ImportRow
from questions.models import Question
from tests.factories import QuestionFactory
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


def merge_box(body: str) -> str:
    return body.split('data-testid="merge-form"')[1].split("</form>")[0]


def target_input(body: str) -> str:
    return re.search(r'<input[^>]*name="target"[^>]*>', merge_box(body)).group()


def point_nearest_at(row: ImportRow, question: Question, similarity: int) -> None:
    ImportRow.objects.filter(pk=row.pk).update(nearest=question, nearest_similarity=similarity)


def test_the_page_says_which_number_is_the_imported_item_and_which_the_question(staff_client, row):
    body = staff_client.get(url_of(row)).content.decode()
    assert f"<title>Imported item {row.pk} ·" in body
    numbers = body.split('data-testid="numbers">')[1].split("</p>")[0]
    assert f"Imported item {row.pk} (the number in this page's address) is question #{row.question_id}" in numbers
    box = merge_box(body)
    assert "Number of the existing question to merge into" in box
    assert "A question number, as in “question #219”; not the imported item's number." in box


def test_merging_shows_the_two_questions_side_by_side_first_and_changes_nothing(staff_client, row, bank,
                                                                                django_assert_num_queries):
    target = bank["evaluating"]
    with django_assert_num_queries(PAGE_QUERIES + 1):  # and the question chosen
        response = staff_client.post(url_of(row), {"intent": "merge", "target": target.pk})
    assert response.status_code == 200
    body = response.content.decode()
    imported = body.split('data-testid="merge-imported">')[1].split("</article>")[0]
    assert f"Imported item {row.pk} (question #{row.question_id})" in imported
    assert "What does a <b>reranker</b> add to retrieval?" in imported
    chosen = body.split('data-testid="merge-target">')[1].split("</article>")[0]
    assert f"Existing question #{target.pk}" in chosen and target.title in chosen
    assert "How would you evaluate retrieval and generation in a RAG pipeline?" in chosen
    assert re.search(r'<input type="checkbox" name="compared" required', body)
    assert f"Merge imported item {row.pk} into question #{target.pk}" in body
    assert ImportRow.objects.get(pk=row.pk).review_status == "pending"
    assert Question.objects.filter(pk=row.question_id).exists() and target.sightings.count() == 0


def test_confirming_without_ticking_compared_is_refused_and_changes_nothing(staff_client, row, bank):
    target = bank["evaluating"]
    response = staff_client.post(url_of(row), {"intent": "merge-confirm", "target": target.pk})
    body = response.content.decode()
    confirm = body.split('data-testid="merge-confirm">')[1].split("</section>")[0]
    assert "Tick “I have compared the two questions” to merge: the merge cannot be undone." in confirm
    assert f"Existing question #{target.pk}" in confirm
    assert ImportRow.objects.get(pk=row.pk).review_status == "pending"
    assert Question.objects.filter(pk=row.question_id).exists()


def test_merging_after_comparing_moves_the_sightings_and_deletes_the_import(staff_client, row, bank):
    target = bank["evaluating"]
    response = staff_client.post(url_of(row), {"intent": "merge-confirm", "target": target.pk, "compared": "on"},
                                 follow=True)
    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert f"Imported item {row.pk} merged into question #{target.pk}" in response.content.decode()
    row.refresh_from_db()
    assert (row.review_status, row.merged_into_id) == ("merged", target.pk)
    assert target.sightings.count() == 1 and not Question.objects.filter(title__contains="reranker").exists()


@pytest.mark.parametrize("intent", ["merge", "merge-confirm"])
def test_merging_into_an_unknown_question_says_so_beside_the_field_and_changes_nothing(staff_client, row, intent):
    response = staff_client.post(url_of(row), {"intent": intent, "target": 999999, "compared": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Imported item {row.pk}" in body
    assert '<ul class="errorlist"' in merge_box(body) and "There is no question #999999." in merge_box(body)
    assert 'value="999999"' in target_input(body)  # what was typed stays, to correct
    assert 'name="compared"' not in body  # back to choosing the question, not to confirming
    assert ImportRow.objects.get(pk=row.pk).review_status == "pending"
    assert Question.objects.filter(pk=row.question_id).exists()


@pytest.mark.parametrize(("target", "error"), [
    ("own", "is this imported item&#x27;s own question: give the number of the existing question it duplicates."),
    ("abc", "Give a question number, such as 219."),
    ("0", "Give a question number, such as 219."),
    ("", "Give the number of the existing question to merge into."),
    ("99999999999999999999", "There is no question #99999999999999999999."),
])
def test_a_merge_number_that_cannot_be_merged_into_is_refused_beside_the_field(staff_client, row, target, error):
    number = row.question_id if target == "own" else target
    body = staff_client.post(url_of(row), {"intent": "merge", "target": number}).content.decode()
    assert error in merge_box(body)
    assert 'data-testid="merge-confirm"' not in body
    assert ImportRow.objects.get(pk=row.pk).review_status == "pending"


def test_an_unrelated_closest_question_is_shown_but_not_filled_in(staff_client, row, django_assert_num_queries):
    unrelated = QuestionFactory(title="What problem does MCP solve?", prompt="What problem does MCP solve?")
    point_nearest_at(row, unrelated, 53)
    with django_assert_num_queries(PAGE_QUERIES):
        body = staff_client.get(url_of(row)).content.decode()
    assert "value=" not in target_input(body)
    nearest = body.split('data-testid="merge-nearest">')[1].split("</p>")[0]
    assert (f"Closest existing question, not similar enough to suggest: question #{unrelated.pk} "
            "“What problem does MCP solve?” (similarity 53)") in nearest
    assert 'data-testid="merge-suggestion"' not in body


def test_a_closest_question_is_filled_in_only_when_the_duplicate_check_calls_it_a_duplicate(staff_client, row,
                                                                                            settings):
    # token_set_ratio 90 with the imported text: a near-duplicate at the import's threshold of 90, not at 91.
    twin = QuestionFactory(title="Rerankers", prompt="What does a reranker add to retrieval and search?")
    point_nearest_at(row, twin, 84)
    settings.IMPORT_NEAR_DUPLICATE_THRESHOLD = 90
    body = staff_client.get(url_of(row)).content.decode()
    assert f'value="{twin.pk}"' in target_input(body)
    assert f"Likely duplicate of question #{twin.pk} “Rerankers” (the duplicate check scores them 90)" in body

    settings.IMPORT_NEAR_DUPLICATE_THRESHOLD = 91
    body = staff_client.get(url_of(row)).content.decode()
    assert "value=" not in target_input(body)
    assert "Closest existing question, not similar enough to suggest" in body


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
