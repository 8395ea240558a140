from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from moderation.models import ImportJob
from questions.models import Question
from tests.moderation import samples

URL = reverse("moderation:upload")
# session, user, recent jobs (without their bytes)
PAGE_QUERIES = 3


def upload(client, data: bytes, name: str = "questions.json"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_it_rejects_put(staff_client):
    assert staff_client.put(URL).status_code == 405


def test_an_anonymous_upload_imports_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = upload(client, samples.own_json({"text": "Why?"}))
    assert response.url.startswith(reverse("accounts:login"))
    assert not ImportJob.objects.exists()


def test_a_candidate_cannot_import(client, candidate):
    client.force_login(candidate)
    assert upload(client, samples.own_json({"text": "Why?"})).status_code == 403
    assert not ImportJob.objects.exists()


def test_the_page_costs_the_same_queries_however_many_imports(staff_client, bank, enqueue_import,
                                                              django_assert_num_queries):
    upload(staff_client, samples.own_json({"text": "What does a reranker add?"}))
    with django_assert_num_queries(PAGE_QUERIES):
        staff_client.get(URL)
    for number in range(5):
        upload(staff_client, samples.own_json({"text": f"Explain topic {number} of this course in detail."}))
    with django_assert_num_queries(PAGE_QUERIES):
        response = staff_client.get(URL, headers={"HX-Request": "true"})
    assert response.content.decode().count("/moderation/import/") >= 6


def test_an_upload_is_saved_then_handed_to_a_worker_once_committed(staff_client, admin_user, bank,
                                                                    enqueue_import, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, samples.reddit_listing(), "reddit.json")
    job = ImportJob.objects.get()
    assert response.url == reverse("moderation:job", args=[job.pk])
    assert (job.filename, job.uploaded_by, job.status) == ("reddit.json", admin_user, "queued")
    assert bytes(job.content) == samples.reddit_listing() and job.enqueued_at is not None
    enqueue_import.assert_called_once_with(args=[job.pk])
    assert not Question.objects.filter(status="pending_review").exists()  # the worker imports it, not the request


def test_a_50_mb_file_is_refused_with_the_size_and_the_limit(staff_client, bank, enqueue_import):
    response = upload(staff_client, b" " * 50_000_000, "huge.json")
    assert "The file is 50.0 MB; the import limit is 10 MB" in response.content.decode()
    assert not ImportJob.objects.exists()
    enqueue_import.assert_not_called()


def test_an_empty_file_is_refused_with_a_clear_message(staff_client, bank):
    response = upload(staff_client, b"", "empty.csv")
    assert "The file is empty: there is nothing to import." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_no_file_at_all_gets_a_clear_message(staff_client):
    assert "Choose a file to import." in staff_client.post(URL, {}).content.decode()
