import pytest
from django.core.exceptions import ValidationError

from questions import services
from questions.models import Question, QuestionRevision
from tests.factories import CategoryFactory, LevelFactory, UserFactory


@pytest.fixture
def draft(db):
    return services.QuestionDraft(
        title="Design a semantic cache", prompt="Design a **semantic cache** for an LLM API.",
        category=CategoryFactory(), levels=[LevelFactory()], tags=["Caching", "LLM Ops", "caching"],
        rubric={"key_points": ["Embeds the prompt", " "], "trade_offs": ["Hit rate against wrong answers"]},
        grader_guidance="Be lenient on the exact similarity threshold.",
    )


def test_a_new_question_is_a_draft_with_its_first_revision(draft):
    author = UserFactory()
    question = services.question_create(author=author, draft=draft)
    assert (question.status, question.rubric_version, question.created_by) == ("draft", 1, author)
    assert sorted(question.tags.values_list("name", flat=True)) == ["caching", "llm-ops"]
    revision = question.revisions.get()
    assert revision.rubric == [{"kind": "key_point", "text": "Embeds the prompt"},
                               {"kind": "trade_off", "text": "Hit rate against wrong answers"}]
    assert revision.grader_guidance == "Be lenient on the exact similarity threshold."


def test_an_edit_that_keeps_the_rubric_keeps_the_version(draft):
    question = services.question_create(author=None, draft=draft)
    draft.title = "Design a semantic cache for chat"
    assert services.question_update(question=question, editor=None, draft=draft) is False
    question.refresh_from_db()
    assert question.rubric_version == 1 and QuestionRevision.objects.count() == 1


def test_an_edit_of_the_rubric_makes_a_new_version(draft):
    question = services.question_create(author=None, draft=draft)
    draft.rubric = {"key_points": ["Embeds the prompt", "Sets a similarity threshold"]}
    assert services.question_update(question=question, editor=None, draft=draft) is True
    question.refresh_from_db()
    assert question.rubric_version == 2
    assert [r.rubric_version for r in question.revisions.all()] == [2, 1]
    assert list(question.rubric_items.values_list("text", flat=True)) == [
        "Embeds the prompt", "Sets a similarity threshold"]


def test_publishing_needs_a_key_point_and_a_level(draft):
    draft.rubric = {"trade_offs": ["Hit rate against wrong answers"]}
    draft.levels = []
    question = services.question_create(author=None, draft=draft)
    with pytest.raises(ValidationError, match="add at least one key point to the rubric and choose at least one"):
        services.question_publish(question=question)
    assert Question.objects.get().status == Question.Status.DRAFT
