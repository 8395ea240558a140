from django.urls import reverse

from moderation import services
from moderation.models import ImportJob
from tests.moderation import samples

# session, user, the job (without its bytes), its outcome counts, its rows not imported, whether the rules read posts
PAGE_QUERIES = 6


def run(data: bytes) -> ImportJob:
    return services.import_job_run(job_id=services.import_job_create(filename="q.jsonl", data=data).pk)


def url_of(job: ImportJob) -> str:
    return reverse("moderation:job", args=[job.pk])


def test_it_rejects_post(staff_client, bank):
    assert staff_client.post(url_of(run(samples.own_jsonl({"text": "Why?"})))).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, bank):
    assert client.get(url_of(run(samples.own_jsonl({"text": "Why?"})))).url.startswith(reverse("accounts:login"))


def test_a_candidate_is_refused(client, candidate, bank):
    client.force_login(candidate)
    assert client.get(url_of(run(samples.own_jsonl({"text": "Why?"})))).status_code == 403


def test_a_missing_job_is_not_found(staff_client, db):
    assert staff_client.get(reverse("moderation:job", args=[404])).status_code == 404


def test_it_shows_the_outcomes_and_each_row_not_imported_with_its_message(staff_client, bank,
                                                                          django_assert_num_queries):
    job = run(b'{"text": "What does a reranker add to retrieval?"}\n{"text": \n'
              b'{"text": "How would you design a feed ranking system for a billion users?"}\n')
    with django_assert_num_queries(PAGE_QUERIES):
        response = staff_client.get(url_of(job))
    body = response.content.decode()
    assert "1 question imported for review" in body and "1 exact-duplicate question" in body
    assert "1 error (a row that could not be read, or a question with no words in it)" in body
    assert "3 of 3 rows read" in body and "posts skipped" not in body  # our own format's rows hold no posts
    assert "Row 2: this line is not valid JSON" in body
    assert f"(question #{bank['feed'].pk})" in body


def test_a_failed_file_shows_why(staff_client, bank):
    body = staff_client.get(url_of(run(b""))).content.decode()
    assert 'data-testid="job-status">Failed' in body and "The file is empty" in body


def test_htmx_polling_gets_only_the_progress(staff_client, bank):
    job = services.import_job_create(filename="q.jsonl", data=samples.own_jsonl({"text": "Why a reranker?"}))
    response = staff_client.get(url_of(job), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="progress"') and 'hx-trigger="every 1s"' in body
    assert "Queued" in body


def test_after_reading_posts_by_the_rules_the_page_says_what_they_miss(staff_client, bank):
    posts = staff_client.get(url_of(run(samples.reddit_jsonl(samples.REDDIT_POST)))).content.decode()
    own = staff_client.get(url_of(run(samples.own_jsonl({"text": "What does a reranker add?"})))).content.decode()
    assert 'data-testid="rules-hint"' in posts and "read the post" in posts
    assert 'data-testid="rules-hint"' not in own


def test_the_hint_follows_what_read_the_posts_not_todays_settings(staff_client, bank, settings):
    by_rules = run(samples.reddit_jsonl(samples.REDDIT_POST))
    by_llm = run(samples.reddit_jsonl({**samples.REDDIT_POST, "id": "llm1", "title": "Another onsite"}))
    by_llm.rows.update(reader="openai gpt-4o-mini")
    settings.OPENAI_API_KEY = "sk-configured-since"

    assert 'data-testid="rules-hint"' in staff_client.get(url_of(by_rules)).content.decode()
    assert 'data-testid="rules-hint"' not in staff_client.get(url_of(by_llm)).content.decode()


def test_a_post_import_names_the_unit_of_each_figure(staff_client, bank, django_assert_num_queries):
    """Posts are read and skipped; questions are imported or found to be duplicates: the page says which."""
    job = run(samples.reddit_listing(
        samples.REDDIT_POST,
        {**samples.REDDIT_POST, "title": "Rejected after the onsite", "selftext": "Feeling low. Any advice?",
         "permalink": "/r/cscareerquestions/comments/def456/rejected/"}))
    with django_assert_num_queries(PAGE_QUERIES):
        response = staff_client.get(url_of(job))
    body = response.content.decode()
    outcomes = job.rows.values_list("outcome", flat=True)
    assert (list(outcomes).count("imported"), list(outcomes).count("skipped")) == (1, 1)
    assert 'data-testid="rows-read">2 of 2 posts read</span>' in body
    assert "1 question imported for review" in body
    assert "1 exact-duplicate question and 0 near-duplicates" in body
    assert "1 post skipped: no interview question reported" in body
    assert "<th>Post</th>" in body


def test_a_job_not_read_yet_counts_rows_it_has_not_measured(staff_client, bank, django_assert_num_queries):
    job = services.import_job_create(filename="q.jsonl", data=samples.own_jsonl({"text": "Why a reranker?"}))
    with django_assert_num_queries(PAGE_QUERIES - 2):  # rows not imported and the reader are looked up once done
        body = staff_client.get(url_of(job), headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="rows-read">0 of ? rows read</span>' in body


def test_a_row_imported_with_a_warning_is_listed_with_it(staff_client, bank, django_assert_num_queries):
    job = run(samples.own_jsonl({"text": "How would you shard a vector index across regions?", "level": "expert"},
                                {"text": "Why does a cross-encoder rerank better than a bi-encoder?"}))
    with django_assert_num_queries(PAGE_QUERIES):
        body = staff_client.get(url_of(job)).content.decode()
    assert "Rows not imported, or imported with a warning" in body
    assert "imported for review; level &#x27;expert&#x27; is unknown, so one was suggested" in body
    assert body.count('data-testid="problem-row"') == 1


def test_rows_not_imported_come_before_rows_imported_with_a_warning(staff_client, bank, settings, monkeypatch):
    monkeypatch.setattr("moderation.selectors.PROBLEM_ROWS_SHOWN", 2)
    warned = [{"text": text, "level": "expert"} for text in (
        "How would you shard a vector index across regions?",
        "Why does a cross-encoder rerank better than a bi-encoder?",
        "What breaks when you quantise a model to four bits?")]
    job = run(samples.own_jsonl(*warned) + b'\n{"text": \n')
    body = staff_client.get(url_of(job)).content.decode()
    assert body.count('data-testid="problem-row"') == 2
    assert "Row 4: this line is not valid JSON" in body
    assert "The first 2 are listed, rows not imported first; the CSV report lists every row." in body
