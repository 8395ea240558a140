import re

import pytest
from django.urls import reverse

from banks.models import BankQuestion
from questions.models import Question, QuestionRevision
from tests.banks.factories import BankFactory
from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, RoleTrackFactory

NEW = reverse("banks:question_new")
HX_PREVIEW = {"HX-Request": "true", "HX-Target": "preview"}
# session, user, user and group permissions, categories, levels, role tracks (the form's choices)
NEW_PAGE_QUERIES = 7
# ... plus the question with its levels, role tracks, tags, rubric items and revisions (with their editors)
EDIT_PAGE_QUERIES = 13
# the preview fragment renders no form choices: session, user, user and group permissions
PREVIEW_QUERIES = 4
# Inline, after text: a line that starts with <script> is a CommonMark HTML block, shown as escaped text.
HOSTILE = 'A **bold** <script>alert(1)</script><img src=x onerror="alert(2)"> [click](javascript:alert(3))'


@pytest.fixture
def taxonomy(db):
    return CategoryFactory(), LevelFactory()


def form_data(**overrides) -> dict:
    data = {
        "title": "Evaluate a RAG system", "prompt": "How would you **evaluate** a RAG system?",
        "category": "llm-rag", "levels": ["senior"], "tags": "rag, Evaluation",
        "key_points": "Separates retrieval metrics from generation metrics\n- Builds a golden set",
        "trade_offs": "Human review against LLM-as-judge cost", "failure_modes": "",
        "grader_guidance": "Accept any named retrieval metric.", "model_answer": "", "intent": "save",
    }
    return {**data, **overrides}


def url_of(question: Question) -> str:
    return reverse("banks:question", args=[question.pk])


def test_it_rejects_put(client, instructor):
    client.force_login(instructor)
    assert client.put(NEW).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(NEW, form_data())
    assert response.url.startswith(reverse("accounts:login"))
    assert not Question.objects.exists()


def test_another_instructors_question_does_not_exist_for_them(client, instructor, other_instructor, taxonomy):
    question = QuestionFactory(created_by=other_instructor, status=Question.Status.DRAFT)
    client.force_login(instructor)
    assert client.get(url_of(question)).status_code == 404
    assert client.post(url_of(question), form_data(title="Hijacked")).status_code == 404
    assert Question.objects.get(pk=question.pk).title != "Hijacked"


def test_library_questions_are_not_editable_by_instructors(client, instructor):
    content_question = QuestionFactory(created_by=None)
    client.force_login(instructor)
    assert client.get(url_of(content_question)).status_code == 404


def test_the_new_question_page_costs_a_fixed_number_of_queries(client, instructor, taxonomy,
                                                               django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(NEW_PAGE_QUERIES):
        response = client.get(NEW)
    assert "Key points" in response.content.decode()
    assert ("Publishing puts the question in every candidate's practice pool for its category and levels, whichever "
            "banks hold it, private ones included.") in response.content.decode()


def test_the_level_and_role_track_checkboxes_are_groups_named_by_a_legend(client, instructor, taxonomy):
    level = taxonomy[1]
    track = RoleTrackFactory()
    client.force_login(instructor)
    client.post(NEW, form_data(levels=[level.key], role_tracks=[track.key]))

    for url in (NEW, url_of(Question.objects.get())):
        html = client.get(url).content.decode()
        for legend, name, choice in (("Levels:", "levels", level), ("Role tracks:", "role_tracks", track)):
            group = re.search(rf"<fieldset[^>]*>\s*<legend>{legend}</legend>(.*?)</fieldset>", html, re.S)
            assert group, f"no fieldset with the legend {legend!r} on {url}"
            assert f'name="{name}" value="{choice.key}"' in group.group(1)


def test_the_editor_costs_the_same_queries_however_long_the_history(client, instructor, taxonomy,
                                                                    django_assert_num_queries):
    client.force_login(instructor)
    client.post(NEW, form_data())
    question = Question.objects.get()
    with django_assert_num_queries(EDIT_PAGE_QUERIES):
        client.get(url_of(question))
    for number in range(5):
        client.post(url_of(question), form_data(key_points=f"Point {number}"))
    with django_assert_num_queries(EDIT_PAGE_QUERIES):
        response = client.get(url_of(question))
    assert response.content.decode().count("<td>v") == 6


def test_htmx_preview_renders_sanitised_markdown_and_saves_nothing(client, instructor, taxonomy,
                                                                   django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.post(NEW, form_data(prompt=HOSTILE), headers=HX_PREVIEW)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="preview"')
    assert "<strong>bold</strong>" in body
    assert "<script" not in body and "onerror" not in body and "javascript:" not in body
    assert not Question.objects.exists()


def test_the_preview_renders_no_text_over_the_limit_and_says_why(client, instructor, taxonomy,
                                                                 django_assert_num_queries):
    client.force_login(instructor)
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.post(NEW, form_data(prompt="[" * 5001, model_answer="**ok**"), headers=HX_PREVIEW)
    body = response.content.decode()
    assert "Question (Markdown) is 5,001 characters long; the limit is 5,000" in body
    assert "[[[" not in body and "<strong>ok</strong>" in body


def test_a_saved_question_is_shown_from_its_stored_html(client, instructor, taxonomy):
    client.force_login(instructor)
    client.post(NEW, form_data(prompt="Why **rerank**? <script>x</script>"))
    question = Question.objects.get()
    assert question.prompt_html == "<p>Why <strong>rerank</strong>? &lt;script&gt;x&lt;/script&gt;</p>\n"


def test_the_preview_button_works_without_javascript(client, instructor, taxonomy):
    client.force_login(instructor)
    response = client.post(NEW, form_data(intent="preview", prompt="A *first* draft"))
    body = response.content.decode()
    assert "<html" in body and "<em>first</em>" in body and "A *first* draft" in body  # kept in the box
    assert not Question.objects.exists()


def test_an_instructor_writes_a_draft_with_its_rubric_into_a_bank(client, instructor, bank, taxonomy):
    client.force_login(instructor)

    response = client.post(f"{NEW}?bank={bank.pk}", form_data())

    question = Question.objects.get(title="Evaluate a RAG system")
    assert response.url == reverse("banks:detail", args=[bank.pk])
    assert (question.status, question.created_by, question.source_kind) == ("draft", instructor, "instructor")
    assert [(i.kind, i.text) for i in question.rubric_items.order_by("position")] == [
        ("key_point", "Separates retrieval metrics from generation metrics"),
        ("key_point", "Builds a golden set"),
        ("trade_off", "Human review against LLM-as-judge cost"),
    ]
    assert question.grader_guidance == "Accept any named retrieval metric."
    assert sorted(question.tags.values_list("name", flat=True)) == ["evaluation", "rag"]
    assert BankQuestion.objects.filter(bank=bank, question=question).exists()
    assert question.revisions.get().rubric_version == 1


def test_publishing_needs_a_key_point(client, instructor, taxonomy):
    client.force_login(instructor)
    response = client.post(NEW, form_data(key_points="", intent="publish"), follow=True)
    # the draft is kept, so nothing typed is lost, and the page is now its editor
    question = Question.objects.get()
    assert question.status == Question.Status.DRAFT
    assert response.redirect_chain == [(url_of(question), 302)]
    assert ("Question saved as a draft. This question cannot be published yet: add at least one key point"
            in response.content.decode())

    # publishing again, with a key point, publishes that draft: no second question
    client.post(url_of(question), form_data(intent="publish"))
    assert Question.objects.get().status == Question.Status.PUBLISHED


def test_a_rubric_edit_bumps_the_version_and_keeps_a_revision(client, instructor, taxonomy):
    client.force_login(instructor)
    client.post(NEW, form_data(intent="publish"))
    question = Question.objects.get()

    client.post(url_of(question), form_data(title="Renamed"))
    question.refresh_from_db()
    assert (question.title, question.rubric_version) == ("Renamed", 1)

    client.post(url_of(question), form_data(key_points="Names recall at k\nBuilds a golden set"))
    question.refresh_from_db()
    assert question.rubric_version == 2 and question.status == Question.Status.PUBLISHED
    revision = QuestionRevision.objects.get(question=question, rubric_version=2)
    assert revision.rubric[0] == {"kind": "key_point", "text": "Names recall at k"}
    assert QuestionRevision.objects.get(question=question, rubric_version=1).rubric[0]["text"].startswith(
        "Separates retrieval")


def test_the_revision_history_names_rubric_kinds_by_their_labels(client, instructor, taxonomy,
                                                                 django_assert_num_queries):
    client.force_login(instructor)
    client.post(NEW, form_data(failure_modes="Trusts the judge blindly"))
    question = Question.objects.get()

    with django_assert_num_queries(EDIT_PAGE_QUERIES):
        body = client.get(url_of(question)).content.decode()

    for label in ("Key point", "Trade-off", "Failure mode"):
        assert f'<span class="muted">{label}</span>' in body
    assert "Keypoint" not in body and "Tradeoff" not in body and "Failuremode" not in body


def test_changing_the_grader_guidance_is_a_new_rubric_version(client, instructor, taxonomy):
    client.force_login(instructor)
    client.post(NEW, form_data())
    question = Question.objects.get()
    client.post(url_of(question), form_data(grader_guidance="Be strict about naming a metric."))
    question.refresh_from_db()
    assert question.rubric_version == 2


def test_unpublishing_returns_the_question_to_draft(client, instructor, taxonomy):
    client.force_login(instructor)
    client.post(NEW, form_data(intent="publish"))
    question = Question.objects.get()
    assert question.status == Question.Status.PUBLISHED
    client.post(url_of(question), form_data(intent="unpublish"))
    assert Question.objects.get().status == Question.Status.DRAFT


@pytest.mark.parametrize("overrides,message", [
    ({"title": ""}, "This field is required."),
    ({"levels": []}, "Choose at least one level."),
    ({"key_points": "x" * 501}, "keep each item under 500"),
    ({"category": "astrology"}, "Select a valid choice"),
])
def test_bad_input_gets_a_clear_error_and_keeps_the_text(client, instructor, taxonomy, overrides, message):
    client.force_login(instructor)
    response = client.post(NEW, form_data(**overrides))
    body = response.content.decode()
    assert message in body
    assert "How would you **evaluate** a RAG system?" in body
    assert not Question.objects.exists()


def test_a_question_for_a_bank_refused_publication_joins_the_bank_when_published_from_its_editor(
    client, instructor, taxonomy
):
    bank = BankFactory(owner=instructor)
    client.force_login(instructor)

    response = client.post(f"{NEW}?bank={bank.pk}", form_data(key_points="", intent="publish"), follow=True)

    question = Question.objects.get()
    assert response.redirect_chain == [(f"{url_of(question)}?bank={bank.pk}", 302)]
    assert "It joins the bank when you save it with a rubric." in response.content.decode()
    assert not bank.entries.exists()

    response = client.post(f"{url_of(question)}?bank={bank.pk}", form_data(intent="publish"))

    assert response.url == reverse("banks:detail", args=[bank.pk])
    assert Question.objects.get().status == Question.Status.PUBLISHED
    assert list(bank.entries.values_list("question", flat=True)) == [question.pk]


def test_unpublishing_a_bank_question_unpublishes_it_whatever_its_rubric(client, instructor, taxonomy):
    bank = BankFactory(owner=instructor)
    client.force_login(instructor)
    client.post(f"{NEW}?bank={bank.pk}", form_data(intent="publish"))
    question = Question.objects.get()

    client.post(f"{url_of(question)}?bank={bank.pk}", form_data(key_points="", intent="unpublish"))

    assert Question.objects.get().status == Question.Status.DRAFT
    assert bank.entries.filter(question=question).exists()


def test_a_draft_for_a_bank_saved_without_a_rubric_joins_it_on_the_save_that_adds_one(client, instructor, taxonomy):
    bank = BankFactory(owner=instructor)
    client.force_login(instructor)

    response = client.post(f"{NEW}?bank={bank.pk}", form_data(key_points=""))

    question = Question.objects.get()
    assert response.url == f"{url_of(question)}?bank={bank.pk}" and not bank.entries.exists()
    client.post(response.url, form_data())
    assert list(bank.entries.values_list("question", flat=True)) == [question.pk]


def test_line_breaks_typed_in_a_browser_are_stored_as_plain_newlines(client, instructor, taxonomy):
    client.force_login(instructor)
    client.post(NEW, form_data(prompt="First line.\r\n\r\nSecond line.", model_answer="One.\r\nTwo.",
                               grader_guidance="Lenient\r\non names."))
    question = Question.objects.get()
    assert (question.prompt, question.model_answer) == ("First line.\n\nSecond line.", "One.\nTwo.")
    assert "\r" not in question.grader_guidance
