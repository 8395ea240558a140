import csv
import io
import json

import pytest
from django.urls import reverse

from moderation import services
from moderation.models import ImportJob


@pytest.fixture
def job(bank) -> ImportJob:
    data = (b'{"text": "What does a reranker add to retrieval?", "category": "llm-rag"}\n{"text": \n'
            b'{"text": "How would you design a feed ranking system for a billion users?"}\n'
            b'{"text": "=HYPERLINK(\\"http://evil.example\\", \\"Why?\\")"}\n')
    return services.import_job_run(job_id=services.import_job_create(filename="q.jsonl", data=data).pk)


def url_of(job: ImportJob, format: str = "csv") -> str:
    return reverse(f"moderation:report_{format}", args=[job.pk])


def test_it_rejects_post(staff_client, job):
    assert staff_client.post(url_of(job)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, job):
    assert client.get(url_of(job)).url.startswith(reverse("accounts:login"))


def test_a_candidate_is_refused(client, candidate, job):
    client.force_login(candidate)
    assert client.get(url_of(job)).status_code == 403


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_report_has_every_rows_outcome_and_the_question_it_names(staff_client, job, bank,
                                                                         django_assert_num_queries):
    # session, user, the job, its rows with questions and categories, their levels
    with django_assert_num_queries(5):
        rows = read_csv(staff_client.get(url_of(job)))
    assert [(r["row"], r["outcome"]) for r in rows] == [
        ("1", "imported"), ("2", "error"), ("3", "duplicate"), ("4", "imported")]
    assert rows[0]["category"] == "llm-rag" and rows[0]["category_from_row"] == "True"
    assert rows[1]["message"].startswith("Row 2: this line is not valid JSON")
    assert (rows[2]["question_id"], rows[2]["question_title"]) == (str(bank["feed"].pk), "Feed ranking at scale")


def test_a_text_that_looks_like_a_formula_is_quoted_in_the_csv(staff_client, job):
    rows = read_csv(staff_client.get(url_of(job)))
    assert rows[3]["text"].startswith("'=HYPERLINK")


def test_the_json_report_holds_the_same_rows(staff_client, job):
    response = staff_client.get(url_of(job, "json"))
    assert response["Content-Disposition"] == f'attachment; filename="import-{job.pk}-report.json"'
    rows = json.loads(b"".join(response.streaming_content))
    assert [row["outcome"] for row in rows] == ["imported", "error", "duplicate", "imported"]
