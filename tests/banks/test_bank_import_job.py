"""A large bank file (1.9 MB) is imported by a worker, with progress, instead of inside the request."""

from unittest import mock

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from banks import services, tasks
from banks.models import BankImport
from questions.models import Question

# session, user, user and group permissions, the bank, the job
JOB_PAGE_QUERIES = 6


@pytest.fixture
def enqueue_bank_import():
    """Stands in for the broker: records each bank import task sent, and sends nothing."""
    with mock.patch("banks.tasks.import_bank_file.apply_async") as apply_async:
        yield apply_async


def large_file(count: int = 125, broken: int | None = None, status: str = "published") -> bytes:
    """About 15 kB a question: a prompt and a model answer near the editor's limits."""
    questions = [{
        "key": f"large-{number}", "title": f"Large question {number}", "status": status,
        "category": "llm-rag", "levels": ["senior"],
        "prompt": f"Question {number}: " + "Explain retrieval evaluation with a *golden set*. " * 95,
        "rubric": {"key_points": [] if number == broken else ["Names recall at k"]},
        "model_answer": "Measure retrieval and generation separately. " * 220,
    } for number in range(1, count + 1)]
    return yaml.safe_dump({"format": "ai-interview-playbook/bank-v1", "bank": {"title": "Large course"},
                           "questions": questions}, width=120).encode()


def upload(client, bank, data: bytes):
    return client.post(reverse("banks:import", args=[bank.pk]),
                       {"file": SimpleUploadedFile("course.yaml", data)})


def job_url(job: BankImport) -> str:
    return reverse("banks:import_job", args=[job.bank_id, job.pk])


def test_a_large_file_is_queued_then_imported_by_the_worker_with_progress(
    client, instructor, bank, django_capture_on_commit_callbacks, django_assert_num_queries, enqueue_bank_import
):
    data = large_file()
    assert 1_800_000 < len(data) < 2_000_000
    client.force_login(instructor)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, bank, data)

    job = BankImport.objects.get()
    assert response.status_code == 302 and response.url == job_url(job)
    assert enqueue_bank_import.call_args.kwargs == {"args": [job.pk]}  # handed to a worker once committed
    assert not Question.objects.filter(key__startswith="large-").exists()  # nothing imported in the request
    with django_assert_num_queries(JOB_PAGE_QUERIES):
        page = client.get(job_url(job)).content.decode()
    assert "Queued" in page and 'hx-trigger="every 1s"' in page

    tasks.import_bank_file(job.pk)

    job.refresh_from_db()
    assert (job.status, job.processed_questions, job.total_questions, job.percent) == ("done", 125, 125, 100)
    assert job.message == ("Bank file imported: 125 created, 0 updated (0 with a new rubric version), 0 unchanged. "
                           "2 questions not in the file were taken out of the bank (still in your library): "
                           "“Explain the KV cache”, “Chunking for RAG”.")
    bank.refresh_from_db()
    assert bank.title == "Large course"
    assert list(bank.entries.values_list("question__key", flat=True)) == [f"large-{n}" for n in range(1, 126)]
    assert Question.objects.filter(key__startswith="large-", status="published").count() == 125
    with django_assert_num_queries(JOB_PAGE_QUERIES):
        partial = client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="import-progress"') and "every 1s" not in partial
    assert tasks.import_bank_file(job.pk) is None  # a redelivered task finds it finished


def test_a_large_file_with_a_problem_changes_nothing_and_says_which_question(client, instructor, bank,
                                                                           enqueue_bank_import):
    before = list(bank.entries.values_list("question_id", flat=True))
    client.force_login(instructor)
    upload(client, bank, large_file(broken=120))
    job = BankImport.objects.get()

    services.bank_import_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "Question 120 (large-120): This question cannot be published yet: add at least one key point" in job.message
    assert not Question.objects.filter(key__startswith="large-").exists()
    assert list(bank.entries.values_list("question_id", flat=True)) == before
    assert "Import a corrected file" in client.get(job_url(job)).content.decode()


def test_a_large_file_with_a_draft_question_without_key_points_changes_nothing(client, instructor, bank,
                                                                            enqueue_bank_import):
    before = list(bank.entries.values_list("question_id", flat=True))
    client.force_login(instructor)
    upload(client, bank, large_file(count=60, broken=55, status="draft"))
    job = BankImport.objects.get()

    job = services.bank_import_job_run(job_id=job.pk)

    assert job.status == "failed"
    assert job.message == ("Question 55 (large-55): it cannot be in a bank yet: add at least one key point to the "
                           "rubric.")
    assert not Question.objects.filter(key__startswith="large-").exists()
    assert list(bank.entries.values_list("question_id", flat=True)) == before


def test_a_job_whose_worker_died_resumes_after_its_last_committed_batch(client, instructor, bank,
                                                                      enqueue_bank_import, settings):
    client.force_login(instructor)
    upload(client, bank, large_file(count=60))
    job = BankImport.objects.get()
    apply = services._bank_file_entry_apply

    def dies_at_question_60(*, entry, **kwargs):
        if entry.key == "large-60":
            raise SystemExit("worker killed")
        return apply(entry=entry, **kwargs)

    with mock.patch("banks.services._bank_file_entry_apply", dies_at_question_60), pytest.raises(SystemExit):
        services.bank_import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.processed_questions) == ("running", 50)  # two batches of 25 committed
    assert services.bank_import_job_run(job_id=job.pk) is None  # the claim is still held
    settings.IMPORT_CLAIM_TIMEOUT_SECONDS = 0

    job = services.bank_import_job_run(job_id=job.pk)

    assert job.status == "done" and "60 created" in job.message
    assert bank.entries.count() == 60 and Question.objects.filter(key__startswith="large-").count() == 60


def test_a_question_refused_while_saving_stops_the_job_with_its_number_and_leaves_the_bank(
    client, instructor, bank, enqueue_bank_import
):
    before = list(bank.entries.values_list("question_id", flat=True))
    client.force_login(instructor)
    upload(client, bank, large_file(count=40))
    job = BankImport.objects.get()
    publish = services.question_services.question_publish

    def refuses_question_30(*, question):
        if question.key == "large-30":
            raise ValidationError("The database refused it.")
        publish(question=question)

    with mock.patch("banks.services.question_services.question_publish", refuses_question_30):
        job = services.bank_import_job_run(job_id=job.pk)

    assert job.status == "failed" and job.message.startswith("Question 30 (large-30): The database refused it.")
    assert BankImport.objects.get().processed_questions == 25  # the first batch is saved, the second rolled back
    assert Question.objects.filter(key__startswith="large-").count() == 25
    assert list(bank.entries.values_list("question_id", flat=True)) == before


def test_another_instructor_cannot_see_the_job(client, instructor, other_instructor, bank, enqueue_bank_import):
    client.force_login(instructor)
    upload(client, bank, large_file(count=15))
    job = BankImport.objects.get()
    client.force_login(other_instructor)
    assert client.get(job_url(job)).status_code == 404


@pytest.mark.parametrize("size_limit", [10_000_000])
def test_a_file_under_the_threshold_is_imported_in_the_request(client, instructor, bank, settings, size_limit):
    settings.BANK_FILE_SYNC_MAX_BYTES = size_limit
    client.force_login(instructor)
    response = upload(client, bank, large_file(count=3))
    assert response.status_code == 302 and response.url == reverse("banks:detail", args=[bank.pk])
    assert not BankImport.objects.exists() and bank.entries.count() == 3


def test_a_large_file_that_is_not_text_is_refused_before_it_is_queued(client, instructor, bank, enqueue_bank_import,
                                                                       django_assert_num_queries):
    client.force_login(instructor)
    image = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 1200  # 300 kB, over the in-request limit

    # session, user, user permissions, group permissions, the bank: the form is shown again with why
    with django_assert_num_queries(5):
        response = upload(client, bank, image)

    assert response.status_code == 400
    assert "This is a binary file (an image, a spreadsheet or an archive, for instance), not text. A bank file is " \
           "YAML or JSON text" in response.content.decode()
    assert not BankImport.objects.exists()
    enqueue_bank_import.assert_not_called()
