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


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def test_the_file_picker_offers_the_formats_the_import_reads(staff_client, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        body = staff_client.get(URL).content.decode()
    assert 'accept=".json,.jsonl,.ndjson,.js,.csv,.tsv,.txt"' in body


def test_an_image_is_refused_before_anything_is_queued(staff_client, bank, enqueue_import, django_assert_num_queries):
    # session, user, recent jobs: the form is shown again, and nothing is saved
    with django_assert_num_queries(PAGE_QUERIES):
        response = upload(staff_client, PNG, "screenshot.png")
    body = response.content.decode()
    assert "This is a binary file (an image, a spreadsheet or an archive, for instance), not text." in body
    assert "Use our format (a JSON list, JSONL or CSV" in body
    assert not ImportJob.objects.exists()
    enqueue_import.assert_not_called()


def test_a_utf16_file_that_is_not_utf16_is_refused_before_anything_is_queued(staff_client, bank, enqueue_import):
    body = upload(staff_client, b"\xff\xfet\x00e\x00\x00\xd8", "broken.csv").content.decode()
    assert "The file says it is UTF-16 but byte 6 is not: save it as UTF-8." in body
    assert not ImportJob.objects.exists()


def test_a_file_of_blank_lines_is_refused_as_empty(staff_client, bank, enqueue_import):
    body = upload(staff_client, b"  \n\n  ", "blank.csv").content.decode()
    assert "The file is empty: there is nothing to import." in body
    assert not ImportJob.objects.exists()


def test_a_windows_1252_csv_is_still_queued_and_read_with_a_warning(staff_client, bank, enqueue_import):
    data = "text\nWhat is a café's cold-start problem?\n".encode("cp1252")
    response = upload(staff_client, data, "export.csv")
    job = ImportJob.objects.get()
    assert response.url == reverse("moderation:job", args=[job.pk]) and bytes(job.content) == data
