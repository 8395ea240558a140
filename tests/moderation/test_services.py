from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from moderation import services
from moderation.models import ImportJob, ImportRow
from questions.models import Question, Sighting
from tests.factories import UserFactory
from tests.moderation import samples


def run(data: bytes, filename: str = "questions.json", **kwargs) -> ImportJob:
    job = services.import_job_create(filename=filename, data=data, **kwargs)
    return services.import_job_run(job_id=job.pk)


def outcomes(job: ImportJob) -> list[tuple[int, int, str]]:
    return list(job.rows.order_by("row_number", "part").values_list("row_number", "part", "outcome"))


def imported(job: ImportJob) -> list[Question]:
    return [row.question for row in job.rows.filter(outcome="imported").select_related("question")
            .order_by("row_number", "part")]


# --- the real export shapes -------------------------------------------------------------------------------------

def test_a_reddit_listing_post_becomes_its_questions_each_keeping_link_date_company_and_role(bank):
    other = {**samples.REDDIT_POST, "title": "Anthropic screen", "permalink": "/r/x/comments/zz/",
             "selftext": "They asked me one thing: explain how you would cache LLM responses safely."}
    job = run(samples.reddit_listing(samples.REDDIT_POST, other), "reddit.json")

    assert job.status == "done" and job.detected_format == "Reddit listing"
    assert outcomes(job) == [(1, 1, "duplicate"), (1, 2, "imported"), (2, 1, "imported")]
    l1_l2, cache = imported(job)
    assert l1_l2.prompt == "What is the difference between L1 and L2 regularisation?"
    assert l1_l2.status == Question.Status.PENDING_REVIEW and l1_l2.source_kind == "reddit"
    sighting = l1_l2.sightings.get()
    assert (sighting.platform, sighting.company, sighting.role) == ("reddit", "Meta", "Senior ML Engineer")
    assert sighting.url == "https://www.reddit.com/r/MachineLearning/comments/abc123/meta_mle_onsite/"
    assert sighting.posted_at == datetime(2024, 5, 1, 10, 40, tzinfo=UTC)
    assert cache.prompt == "Explain how you would cache LLM responses safely."
    # candidates see the post's link, never the name of the file the admin uploaded
    assert "reddit.json" not in l1_l2.source_note and l1_l2.source_url == sighting.url


def test_a_reddit_submissions_dump_imports_its_posts(bank):
    post = {**samples.REDDIT_POST, "title": "Asked in my Pinecone screen: what is a vector database good for?",
            "selftext": ""}
    job = run(samples.reddit_jsonl(post), "RS_2024-05.jsonl")
    assert job.detected_format == "Reddit submissions JSONL"
    [question] = imported(job)
    assert question.prompt == "What is a vector database good for?"


def test_an_x_api_v2_response_imports_each_tweets_question(bank):
    job = run(samples.x_api_v2(("1790000000000000001", "Asked at Stripe today: how would you detect card fraud "
                                                          "with a model that must answer in 50 ms?")), "x.json")
    [question] = imported(job)
    assert question.prompt == "How would you detect card fraud with a model that must answer in 50 ms?"
    sighting = question.sightings.get()
    assert (sighting.url, sighting.company) == ("https://x.com/mlhiring/status/1790000000000000001", "Stripe")


def test_an_x_archive_imports_its_tweets(bank):
    job = run(samples.x_archive(("17", "Interview question: explain the KV cache and why it grows with context."),
                                ("18", "Lovely weather in Paris.")), "tweets.js")
    assert job.detected_format == "X archive"
    assert outcomes(job) == [(1, 1, "imported"), (2, 1, "skipped")]
    assert "no interview question reported" in job.rows.get(row_number=2).message


@pytest.mark.parametrize("data,format", [
    (samples.own_json({"text": "Why would you use a reranker after retrieval?"}), "JSON"),
    (samples.own_jsonl({"text": "Why would you use a reranker after retrieval?"}), "JSONL"),
    (b"text,company\nWhy would you use a reranker after retrieval?,Cohere\n", "CSV"),
])
def test_our_own_format_imports_from_json_jsonl_and_csv(bank, data, format):
    job = run(data)
    assert job.detected_format == format
    assert [q.prompt for q in imported(job)] == ["Why would you use a reranker after retrieval?"]


# --- bad input ----------------------------------------------------------------------------------------------

def test_bad_rows_get_row_numbered_errors_and_the_good_rows_are_imported(bank):
    data = (b'{"text": "Why would you use a reranker after retrieval?"}\n{"text": \n{"question": "no text"}\n'
            b'{"text": "How do you choose an embedding model for search?"}\n')
    job = run(data, "mixed.jsonl")
    assert outcomes(job) == [(1, 1, "imported"), (2, 1, "error"), (3, 1, "error"), (4, 1, "imported")]
    messages = dict(job.rows.values_list("row_number", "message"))
    assert messages[2].startswith("Row 2: this line is not valid JSON")
    assert messages[3] == "Row 3: `text` is missing or empty; it is the one required field"


def test_a_row_of_100000_characters_is_refused_alone(bank):
    job = run(samples.own_json({"text": "Why? " + "x" * 100_000}, {"text": "What does a reranker add?"}))
    assert outcomes(job) == [(1, 1, "error"), (2, 1, "imported")]
    assert "the text is 100,005 characters long; the limit is 20,000 a row" in job.rows.get(row_number=1).message


def test_html_and_script_are_stored_as_text_and_rendered_sanitised(bank):
    hostile = ('How would you stop <script>alert("x")</script> prompt injection? <img src=x onerror="alert(1)"> '
               '[docs](javascript:alert(2))')
    job = run(samples.own_json({"text": hostile}))
    [question] = imported(job)
    assert question.prompt == hostile
    assert "contains HTML, stored as text and shown sanitised" in job.rows.get().message
    html = question.prompt_html
    assert "prompt injection" in html and "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<" not in question.title


@pytest.mark.parametrize("data,message", [
    (b"", "The file is empty"),
    (b"Dear admin here are my questions", "not a CSV header"),
    (b'[{"text": "x"},', "not valid JSON"),
])
def test_a_file_that_cannot_be_read_fails_with_its_message_and_imports_nothing(bank, data, message):
    job = run(data)
    assert job.status == ImportJob.Status.FAILED and message in job.message
    assert not job.rows.exists()
    assert not Question.objects.filter(status=Question.Status.PENDING_REVIEW).exists()


def test_a_file_in_another_encoding_is_imported_with_a_warning(bank):
    job = run("text\nHow do you handle a café's cold-start problem in recommendations?\n".encode("cp1252"))
    assert job.status == "done" and "not valid UTF-8" in job.message
    assert "café" in imported(job)[0].prompt


def test_a_50_mb_file_is_refused_before_it_is_read(bank):
    with pytest.raises(ValidationError, match=r"The file is 50.0 MB; the import limit is 10 MB"):
        services.import_job_create(filename="huge.json", data=b"x" * 50_000_000)
    assert not ImportJob.objects.exists()


# --- duplicates and sightings -------------------------------------------------------------------------------

def test_duplicates_of_the_bank_are_not_imported_but_counted_as_sightings_of_the_question_they_match(bank):
    job = run(samples.own_json(
        {"text": "How would you design a feed ranking system for a billion users?", "source_url": "https://a.io/1"},
        {"text": "How would you design the feed ranking system for one billion users?", "company": "Meta"},
    ))
    assert outcomes(job) == [(1, 1, "duplicate"), (2, 1, "near_duplicate")]
    exact, near = job.rows.order_by("row_number")
    assert exact.question == bank["feed"] and near.question == bank["feed"]
    assert f"duplicate of “Feed ranking at scale” (question #{bank['feed'].pk})" in exact.message
    assert near.similarity >= 90
    bank["feed"].refresh_from_db()
    assert bank["feed"].sighting_count == 2
    assert sorted(bank["feed"].sightings.values_list("company", flat=True)) == ["", "Meta"]


def test_duplicates_within_the_file_are_imported_once(bank):
    job = run(samples.own_json({"text": "What does a reranker add to retrieval?", "source_url": "https://a.io/1"},
                               {"text": "what does a Reranker add to retrieval", "source_url": "https://b.io/2"}))
    assert outcomes(job) == [(1, 1, "imported"), (2, 1, "duplicate")]
    question = imported(job)[0]
    assert "duplicate of “What does a reranker add to retrieval?” (a question earlier in this file)" in (
        job.rows.get(row_number=2).message)
    question.refresh_from_db()
    assert question.sighting_count == 2


def test_importing_the_same_file_again_imports_nothing_new_and_counts_nothing_twice(bank):
    data = samples.reddit_listing()
    first = run(data)
    counts = dict(Question.objects.values_list("pk", "sighting_count"))
    second = run(data)
    assert {outcome for _, _, outcome in outcomes(second)} == {"duplicate"}
    assert "this report was counted before" in second.rows.first().message
    assert dict(Question.objects.values_list("pk", "sighting_count")) == counts
    assert Question.objects.count() == len(counts) and len(imported(first)) == 1


# --- category and level -------------------------------------------------------------------------------------

def test_a_valid_category_and_level_are_taken_from_the_row(bank):
    job = run(samples.own_json({"text": "Explain why transformers need positional encodings.",
                                "category": "ML fundamentals", "level": "junior"}))
    row = job.rows.get()
    assert row.category_from_row and row.level_from_row
    assert row.question.category == bank["fundamentals"] and list(row.question.levels.all()) == [bank["junior"]]


def test_otherwise_they_are_suggested_from_the_bank_with_a_confidence(bank):
    job = run(samples.own_json({"text": "How would you chunk and embed documents for retrieval?",
                                "category": "astrology"}))
    row = job.rows.get()
    assert not row.category_from_row
    assert row.suggested_category == bank["rag"] == row.question.category
    assert 0 < row.category_confidence <= 1
    assert row.suggested_level is not None and row.question.levels.get() == row.suggested_level
    assert "category 'astrology' is unknown, so one was suggested" in row.message


def test_unknown_fields_are_kept_in_the_source_note(bank):
    job = run(samples.own_json({"text": "What does a reranker add to retrieval?", "upvotes": 17}))
    assert "upvotes: 17" in imported(job)[0].source_note
    assert "unknown field upvotes kept as a source note" in job.rows.get().message


# --- the job ------------------------------------------------------------------------------------------------

def test_a_job_runs_once_even_if_delivered_twice(bank):
    job = services.import_job_create(filename="a.json", data=samples.own_json({"text": "What is a reranker for?"}))
    assert services.import_job_run(job_id=job.pk) is not None
    assert services.import_job_run(job_id=job.pk) is None
    assert ImportRow.objects.count() == 1


def test_a_job_left_running_by_a_dead_worker_resumes_after_its_last_batch(bank, settings):
    data = samples.own_json(*({"text": f"What does reranker number {n} add to retrieval quality?"}
                              for n in range(services.BATCH_ROWS + 3)))
    job = services.import_job_create(filename="a.json", data=data)
    services.import_job_run(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status="running", processed_rows=services.BATCH_ROWS,
                                               claimed_at=timezone.now() - timedelta(hours=1))
    ImportRow.objects.filter(job=job, row_number__gt=services.BATCH_ROWS).delete()

    services.import_job_run(job_id=job.pk)

    assert sorted(job.rows.values_list("row_number", flat=True)) == list(range(1, services.BATCH_ROWS + 4))


# --- moderation ---------------------------------------------------------------------------------------------

@pytest.fixture
def pending(bank):
    job = run(samples.own_json({"text": "What does a reranker add to retrieval?"},
                               {"text": "How do you pick an embedding model for search?"}))
    return list(job.rows.order_by("row_number"))


def edit(row, admin_user, bank, **changes):
    fields = {"title": row.question.title, "prompt": row.question.prompt, "category": bank["rag"],
              "levels": [bank["senior"]], "tags": [], "key_points": ["Names the signal the reranker adds"],
              "trade_offs": [], "failure_modes": [], "model_answer": "", **changes}
    return services.import_row_edit(row=row, editor=admin_user, **fields)


@pytest.fixture
def with_rubric(pending, admin_user, bank):
    for row in pending:
        edit(row, admin_user, bank)
    return pending


def test_approving_publishes_and_rejecting_archives(with_rubric, admin_user):
    first, second = with_rubric
    assert services.import_rows_review(row_ids=[first.pk], action="approve", reviewer=admin_user).done == 1
    assert services.import_rows_review(row_ids=[second.pk], action="reject", reviewer=admin_user).done == 1
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review_status, first.question.status) == ("approved", "published")
    assert (second.review_status, second.question.status) == ("rejected", "archived")
    assert first.reviewed_by == admin_user


def test_bulk_review_skips_rows_already_reviewed(with_rubric, admin_user):
    pending = with_rubric
    services.import_rows_review(row_ids=[pending[0].pk], action="reject", reviewer=admin_user)
    assert services.import_rows_review(row_ids=[r.pk for r in pending], action="approve",
                                       reviewer=admin_user).done == 1
    assert Question.objects.get(pk=pending[0].question_id).status == "archived"


def test_a_question_without_a_key_point_is_not_approved_and_the_result_says_what_is_missing(pending, admin_user,
                                                                                         bank):
    edit(pending[1], admin_user, bank)
    result = services.import_rows_review(row_ids=[r.pk for r in pending], action="approve", reviewer=admin_user)
    assert result.done == 1
    assert result.not_practisable == ["“What does a reranker add to retrieval?”: add at least one key point to the "
                                      "rubric"]
    assert "1 left waiting" in result.message("approve")
    pending[0].refresh_from_db()
    assert (pending[0].review_status, pending[0].question.status) == ("pending", "pending_review")


def test_merging_makes_the_import_a_sighting_of_the_existing_question(pending, bank, admin_user):
    row = pending[0]
    imported_pk = row.question_id
    services.import_row_merge(row=row, target=bank["evaluating"], reviewer=admin_user)
    row.refresh_from_db()
    assert (row.review_status, row.merged_into, row.question) == ("merged", bank["evaluating"], bank["evaluating"])
    assert not Question.objects.filter(pk=imported_pk).exists()
    bank["evaluating"].refresh_from_db()
    assert bank["evaluating"].sighting_count == 1
    assert bank["evaluating"].sightings.get().text == "What does a reranker add to retrieval?"
    # importing the same row again now matches the question it was merged into
    again = run(samples.own_json({"text": "What does a reranker add to retrieval?"}))
    assert again.rows.get().question == bank["evaluating"]


def test_a_question_cannot_be_merged_into_itself(pending, admin_user):
    with pytest.raises(ValidationError, match="Choose another question"):
        services.import_row_merge(row=pending[0], target=pending[0].question, reviewer=admin_user)


def test_editing_corrects_the_question_and_writes_its_rubric_and_model_answer_before_review(pending, bank,
                                                                                            admin_user):
    question = edit(pending[0], admin_user, bank, title="Rerankers", prompt="Why add a **reranker**?",
                    tags=["Retrieval"], key_points=["Cross-encoders score query and passage together"],
                    trade_offs=["Latency against precision"], failure_modes=["Reranking a poor candidate set"],
                    model_answer="A reranker rescores the top candidates.")
    assert (question.title, question.status, question.rubric_version) == ("Rerankers", "pending_review", 2)
    assert list(question.tags.values_list("name", flat=True)) == ["retrieval"]
    assert [(item.kind, item.text) for item in question.rubric_items.order_by("position")] == [
        ("key_point", "Cross-encoders score query and passage together"), ("trade_off", "Latency against precision"),
        ("failure_mode", "Reranking a poor candidate set")]
    assert question.model_answer == "A reranker rescores the top candidates."


def test_nothing_imported_is_published_without_review(bank):
    run(samples.reddit_listing())
    assert not Question.objects.filter(import_rows__outcome="imported", status="published").exists()
    assert Question.objects.filter(status="pending_review").count() == 1
    assert UserFactory  # the uploader may be anyone; publication still waits for an admin
    assert Sighting.objects.filter(question__status="pending_review").count() == 1


def test_an_internal_error_fails_the_job_with_a_message_and_keeps_the_batches_before_it(bank, monkeypatch):
    data = samples.own_json(*({"text": f"Explain the {word} service and its {other} dependency in detail."}
                              for word, other in zip(range(services.BATCH_ROWS + 2), reversed(range(600)))))
    job = services.import_job_create(filename="a.json", data=data)
    real_save = services.Importer._save
    calls = []

    def save_then_break(importer):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_save(importer)

    monkeypatch.setattr(services.Importer, "_save", save_then_break)
    with pytest.raises(RuntimeError):
        services.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and f"stopped after row {services.BATCH_ROWS} of {services.BATCH_ROWS + 2}" in (
        job.message)
    assert job.rows.count() == services.BATCH_ROWS


def test_a_file_the_parser_crashes_on_fails_the_job_instead_of_leaving_it_running_for_the_sweep(bank, monkeypatch,
                                                                                                 settings):
    job = services.import_job_create(filename="a.json", data=samples.own_json({"text": "What is a reranker for?"}))
    monkeypatch.setattr(services, "parse", lambda data: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        services.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "internal error (ZeroDivisionError); nothing was imported" in job.message
    settings.IMPORT_CLAIM_TIMEOUT_SECONDS = 0
    assert services.import_jobs_requeue_stale() == 0


def test_each_batch_renews_the_claim_and_a_worker_whose_job_was_taken_over_stops(bank, monkeypatch):
    data = samples.own_json(*({"text": f"What does reranker number {n} add to retrieval quality?"}
                              for n in range(services.BATCH_ROWS + 3)))
    job = services.import_job_create(filename="a.json", data=data)
    real_save = services.Importer._save
    claims = []

    def save_then_lose_the_claim(importer):
        real_save(importer)
        claims.append(ImportJob.objects.get(pk=job.pk).claimed_at)
        if len(claims) == 2:  # the sweep gave the job to a second worker while this one was slow
            ImportJob.objects.filter(pk=job.pk).update(claimed_at=timezone.now() + timedelta(seconds=1))

    monkeypatch.setattr(services.Importer, "_save", save_then_lose_the_claim)
    assert services.import_job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert claims[1] > claims[0]
    assert job.status == "running" and job.processed_rows == services.BATCH_ROWS
    assert job.rows.count() == services.BATCH_ROWS


def test_a_post_longer_than_the_row_limit_is_read_up_to_the_limit_instead_of_rejected(bank, settings):
    settings.IMPORT_MAX_ROW_CHARS = 2_000
    long_post = {**samples.REDDIT_POST, "title": "Databricks onsite",
                 "selftext": "They asked how I'd deduplicate a billion rows. " + "Long story about my commute. " * 300}
    job = run(samples.reddit_listing(long_post), "long.json")
    [row] = job.rows.all()
    assert (row.outcome, row.question.prompt) == ("imported", "How would you deduplicate a billion rows?")
    assert "its first 2,000 were read" in row.message


def test_a_post_that_reports_no_interview_is_skipped_with_the_reason(bank):
    ad = {**samples.REDDIT_POST, "title": "We're hiring ML engineers",
          "selftext": "Join our team! Requirements: Python. How would you like to build agents? Apply here."}
    job = run(samples.reddit_listing(ad), "ad.json")
    [row] = job.rows.all()
    assert row.outcome == "skipped" and "no interview question reported: a job ad" in row.message
