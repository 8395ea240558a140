"""Export a bank to one YAML file and import it back (the export and import views)."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from banks.bankfile import FORMAT
from banks.models import Bank
from questions.models import Question, QuestionRevision
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import QuestionFactory

# session, user, user and group permissions, the bank, its questions with levels, tracks, tags and rubric items
EXPORT_QUERIES = 10


def export(client, bank: Bank) -> str:
    return client.get(reverse("banks:export", args=[bank.pk])).content.decode()


def import_into(client, bank: Bank, text: str, name: str = "bank.yaml"):
    return client.post(reverse("banks:import", args=[bank.pk]),
                       {"file": SimpleUploadedFile(name, text.encode())})


def test_export_and_import_reject_the_wrong_method(client, instructor, bank):
    client.force_login(instructor)
    assert client.post(reverse("banks:export", args=[bank.pk])).status_code == 405
    assert client.put(reverse("banks:import", args=[bank.pk])).status_code == 405


def test_an_anonymous_visitor_is_sent_to_log_in(client, bank):
    for name in ("banks:export", "banks:import"):
        assert client.get(reverse(name, args=[bank.pk])).url.startswith(reverse("accounts:login"))


def test_another_instructor_can_neither_export_nor_import_the_bank(client, other_instructor, bank):
    client.force_login(other_instructor)
    assert client.get(reverse("banks:export", args=[bank.pk])).status_code == 404
    assert import_into(client, bank, "questions: []").status_code == 404


def test_the_export_holds_the_bank_and_each_question_with_its_rubric(client, instructor, bank,
                                                                     django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(reverse("banks:export", args=[bank.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="bank-rag-course-week-')
    document = yaml.safe_load(response.content)
    assert document["format"] == "ai-interview-playbook/bank-v1"
    assert document["bank"]["title"] == bank.title
    first = document["questions"][0]
    assert (first["title"], first["category"], first["status"]) == ("Explain the KV cache", "llm-rag", "published")
    assert first["rubric"]["key_points"][0].startswith("Explains that the KV cache stores")
    BankQuestionFactory.create_batch(5, bank=bank)
    with django_assert_num_queries(EXPORT_QUERIES):
        client.get(reverse("banks:export", args=[bank.pk]))


def test_a_bank_round_trips_through_its_file_without_duplicates_or_new_versions(client, instructor, bank):
    own = QuestionFactory(created_by=instructor, title="My own question", key="my-own-question")
    BankQuestionFactory(bank=bank, question=own, position=5)
    client.force_login(instructor)
    text = export(client, bank)
    copy = BankFactory(owner=instructor, title="Empty")

    response = import_into(client, copy, text)

    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.title == bank.title
    assert [e.question_id for e in copy.entries.order_by("position")] == [
        e.question_id for e in bank.entries.order_by("position")]
    assert Question.objects.count() == 3 and not QuestionRevision.objects.exists()
    followed = client.get(response.url).content.decode()
    assert "0 created, 0 updated (0 with a new rubric version), 1 unchanged" in followed
    assert "2 used as they are" in followed


def test_an_edited_file_updates_own_questions_creates_new_ones_and_follows_the_files_order(client, instructor):
    client.force_login(instructor)
    bank = BankFactory(owner=instructor)
    QuestionFactory(created_by=instructor, key="semantic-cache", title="Semantic cache")
    BankQuestionFactory(bank=bank, question=Question.objects.get(key="semantic-cache"))
    document = yaml.safe_load(export(client, bank))
    document["questions"][0]["rubric"]["key_points"].append("Sets a similarity threshold")
    document["questions"].insert(0, {
        "key": "eval-harness", "title": "An evaluation harness", "status": "published", "category": "llm-rag",
        "levels": ["senior"], "prompt": "How would you build an **evaluation harness**?",
        "rubric": {"key_points": ["Golden set", "Regression gate"], "trade_offs": [], "failure_modes": []},
        "grader_guidance": "Accept any metric by name.",
    })

    import_into(client, bank, yaml.safe_dump(document))

    assert list(bank.entries.order_by("position").values_list("question__key", flat=True)) == [
        "eval-harness", "semantic-cache"]
    created = Question.objects.get(key="eval-harness")
    assert (created.status, created.created_by, created.grader_guidance) == (
        "published", instructor, "Accept any metric by name.")
    updated = Question.objects.get(key="semantic-cache")
    assert updated.rubric_version == 2 and updated.revisions.filter(rubric_version=2).exists()


def test_a_file_with_problems_changes_nothing_and_lists_each_problem(client, instructor, other_instructor, bank):
    QuestionFactory(key="theirs", created_by=other_instructor, status=Question.Status.DRAFT)
    client.force_login(instructor)
    before = list(bank.entries.values_list("question_id", flat=True))
    text = yaml.safe_dump({"format": FORMAT, "bank": {"title": "Renamed"}, "questions": [
        {"key": "ok-one", "title": "Fine", "category": "llm-rag", "levels": ["senior"], "prompt": "Why?"},
        {"key": "Bad Key!", "title": "", "category": "astrology", "levels": ["guru"], "prompt": "Why?"},
    ]})

    response = import_into(client, bank, text)

    body = response.content.decode()
    assert "Nothing was imported." in body
    assert "Question 2 (Bad Key!): `key` must be lowercase letters, digits and dashes; `title` is required; " \
           "category &#x27;astrology&#x27; is not one of llm-rag; unknown level or role track: guru." in body
    bank.refresh_from_db()
    assert bank.title != "Renamed" and list(bank.entries.values_list("question_id", flat=True)) == before
    assert not Question.objects.filter(key="ok-one").exists()


def test_another_authors_unpublished_question_cannot_be_taken_over_by_its_key(client, instructor,
                                                                             other_instructor, bank):
    QuestionFactory(key="theirs", title="Theirs", created_by=other_instructor, status=Question.Status.DRAFT)
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [
        {"key": "ok-one", "title": "Fine", "category": "llm-rag", "levels": ["senior"], "prompt": "Why?"},
        {"key": "theirs", "title": "Mine now", "category": "llm-rag", "levels": ["senior"], "prompt": "Why?"},
    ]})
    body = import_into(client, bank, text).content.decode()
    assert "Question 2 (theirs): this key belongs to another author&#x27;s unpublished question" in body
    assert Question.objects.get(key="theirs").title == "Theirs"
    assert not Question.objects.filter(key="ok-one").exists()


def test_a_file_that_is_not_a_bank_file_gets_a_clear_message(client, instructor, bank):
    client.force_login(instructor)
    assert "not valid YAML or JSON at line 2" in import_into(client, bank, "questions:\n  - [unclosed").content.decode()
    assert "This is not a bank file" in import_into(client, bank, '{"text": "Why?"}', "q.json").content.decode()
    assert "The file is empty." in import_into(client, bank, "").content.decode()


def test_a_draft_question_without_a_key_point_cannot_be_put_in_the_bank(client, instructor, bank):
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [{
        "key": "draft-no-points", "title": "T", "status": "draft", "category": "llm-rag", "levels": ["senior"],
        "prompt": "Why?"}]})
    body = import_into(client, bank, text).content.decode()
    assert "Question 1 (draft-no-points): it cannot be in a bank yet: add at least one key point" in body
    assert not Question.objects.filter(key="draft-no-points").exists()


def test_a_published_question_without_a_key_point_cannot_be_imported_as_published(client, instructor, bank):
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [{
        "key": "no-points", "title": "T", "status": "published", "category": "llm-rag", "levels": ["senior"],
        "prompt": "Why?"}]})
    body = import_into(client, bank, text).content.decode()
    assert "Question 1 (no-points): This question cannot be published yet: add at least one key point" in body
    assert not Question.objects.filter(key="no-points").exists()



def test_a_file_with_yaml_aliases_is_refused_before_they_expand(client, instructor, bank):
    # Three levels of nine keep the test fast; a real "billion laughs" file adds levels until memory runs out.
    client.force_login(instructor)
    text = ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "questions:\n  - key: *c\n    title: T\n    category: llm-rag\n    prompt: Why?\n")
    body = import_into(client, bank, text).content.decode()
    assert "aliases (*name) are not allowed in a bank file" in body
    assert "at line 2" in body


def test_a_deeply_nested_file_gets_a_clear_400_instead_of_a_recursion_error(client, instructor, bank, settings):
    settings.BANK_FILE_SYNC_MAX_BYTES = 2_000_000  # imported in the request, whatever its size
    client.force_login(instructor)
    for text in ("questions: " + "[" * 5000 + "]" * 5000, "".join("  " * depth + "a:\n" for depth in range(600))):
        response = import_into(client, bank, text)
        assert response.status_code == 400
        assert "values are nested more than 20 levels deep" in response.content.decode()


def test_a_prompt_over_the_editors_limit_is_refused_with_its_length(client, instructor, bank):
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [{
        "key": "long", "title": "T", "category": "llm-rag", "levels": ["senior"], "prompt": "[" * 15_000}]})
    response = import_into(client, bank, text)
    assert response.status_code == 400
    assert "Question 1 (long): `prompt` is 15,000 characters long; the limit is 5,000." in response.content.decode()
    assert not Question.objects.filter(key="long").exists()


def test_importing_an_older_file_names_the_questions_it_takes_out_of_the_bank(client, instructor, bank):
    client.force_login(instructor)
    text = export(client, bank)
    added = QuestionFactory(created_by=instructor, title="Added after the export", key="added-after-the-export")
    BankQuestionFactory(bank=bank, question=added, position=9)

    response = import_into(client, bank, text)

    assert not bank.entries.filter(question=added).exists() and Question.objects.filter(pk=added.pk).exists()
    followed = client.get(response.url).content.decode()
    assert ("1 question not in the file was taken out of the bank (still in your library): "
            "“Added after the export”.") in followed


def test_a_file_that_is_not_utf8_text_is_refused_and_changes_nothing(client, instructor, bank):
    client.force_login(instructor)
    before = list(bank.entries.values_list("question_id", flat=True))
    for data, message in [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a binary file"),
                          ("title: Café".encode("cp1252"), "The file is not UTF-8 text (byte 10); save it as UTF-8.")]:
        response = client.post(reverse("banks:import", args=[bank.pk]), {"file": SimpleUploadedFile("b.yaml", data)})
        assert response.status_code == 400 and message in response.content.decode()
    assert list(bank.entries.values_list("question_id", flat=True)) == before


def entries_of(bank: Bank) -> list[int]:
    return list(bank.entries.order_by("position").values_list("question_id", flat=True))


@pytest.mark.parametrize("header, message", [
    ({}, f"This is not a bank file: expected a mapping with `format: {FORMAT}`"),
    ({"format": "something-else"}, f"The file&#x27;s format is “something-else”; only `format: {FORMAT}` can be"),
])
def test_a_file_without_the_bank_format_is_refused_and_changes_nothing(client, instructor, bank, header, message):
    client.force_login(instructor)
    before, title = entries_of(bank), bank.title

    response = import_into(client, bank, yaml.safe_dump({**header, "bank": {"title": "Hello"}, "questions": []}))

    assert response.status_code == 400 and message in response.content.decode()
    bank.refresh_from_db()
    assert (bank.title, entries_of(bank)) == (title, before)


def test_a_file_with_no_questions_empties_the_bank_only_when_it_says_so(client, instructor, bank):
    client.force_login(instructor)
    before = entries_of(bank)
    text = yaml.safe_dump({"format": FORMAT, "bank": {"title": "Hello"}, "questions": []})

    response = import_into(client, bank, text)

    assert response.status_code == 400
    assert "would take every question out of the bank" in response.content.decode()
    assert "remove_all_questions: true" in response.content.decode()
    bank.refresh_from_db()
    assert bank.title != "Hello" and entries_of(bank) == before

    response = import_into(client, bank, text.replace("questions: []", "questions: []\nremove_all_questions: true"))

    assert response.status_code == 302
    bank.refresh_from_db()
    assert bank.title == "Hello" and entries_of(bank) == []


def test_an_empty_bank_takes_a_file_with_no_questions_as_it_is(client, instructor):
    bank = BankFactory(owner=instructor)
    client.force_login(instructor)
    response = import_into(client, bank, yaml.safe_dump({"format": FORMAT, "bank": {"title": "Hello"},
                                                         "questions": []}))
    assert response.status_code == 302
    bank.refresh_from_db()
    assert bank.title == "Hello"


def test_remove_all_questions_is_refused_beside_questions(client, instructor, bank):
    client.force_login(instructor)
    text = export(client, bank).replace("questions:", "remove_all_questions: true\nquestions:", 1)
    response = import_into(client, bank, text)
    assert response.status_code == 400
    assert "`remove_all_questions: true` is for a file with no questions; this one has 2." in \
        response.content.decode()


def test_a_missing_category_is_reported_as_required(client, instructor, bank):
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [
        {"key": "no-category", "title": "T", "levels": ["senior"], "prompt": "Why?"}]})
    body = import_into(client, bank, text).content.decode()
    assert "Question 1 (no-category): `category` is required." in body
    assert "None" not in body


def test_a_question_named_by_its_key_alone_is_used_as_it_is(client, instructor, other_instructor, bank):
    theirs = QuestionFactory(key="exercise-lru-cache", title="LRU cache", created_by=other_instructor)
    mine = QuestionFactory(key="mine", title="Mine", created_by=instructor)
    versions = (theirs.rubric_version, mine.rubric_version)
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "bank": {"title": "Keys"},
                           "questions": [{"key": "exercise-lru-cache"}, {"key": "mine"}]})

    response = import_into(client, bank, text)

    assert response.status_code == 302
    assert entries_of(bank) == [theirs.pk, mine.pk]
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.title, mine.title) == ("LRU cache", "Mine")
    assert (theirs.rubric_version, mine.rubric_version) == versions
    followed = client.get(response.url).content.decode()
    assert "1 unchanged, 1 used as they are" in followed


def test_a_key_alone_must_name_a_question_that_can_be_used(client, instructor, other_instructor, bank):
    QuestionFactory(key="their-draft", created_by=other_instructor, status=Question.Status.DRAFT)
    client.force_login(instructor)
    before = entries_of(bank)
    text = yaml.safe_dump({"format": FORMAT, "questions": [{"key": "nowhere"}, {"key": "their-draft"}]})

    body = import_into(client, bank, text).content.decode()

    assert "Question 1 (nowhere): no question has this key; to create it, give its title, prompt" in body
    assert "Question 2 (their-draft): this key belongs to another author&#x27;s unpublished question" in body
    assert entries_of(bank) == before


def test_every_problem_of_a_file_is_listed_at_once_in_the_files_order(client, instructor, bank):
    """A new user's file: an unknown key alone (known only once the database is asked) before a question with a bad
    category. Both are listed, the unknown key first, so one round of fixes is enough."""
    client.force_login(instructor)
    text = yaml.safe_dump({"format": FORMAT, "questions": [
        {"key": "does-not-exist"},
        {"key": "bad-level", "title": "Fine", "category": "astrology", "levels": ["senior"], "prompt": "Why?",
         "rubric": {"key_points": ["A point"]}},
    ]})

    body = import_into(client, bank, text).content.decode()

    unknown = body.index("Question 1 (does-not-exist): no question has this key")
    bad = body.index("Question 2 (bad-level): category &#x27;astrology&#x27; is not one of")
    assert unknown < bad
