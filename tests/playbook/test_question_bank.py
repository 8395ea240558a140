"""The real question bank, loaded the way `load_content` loads it, is big and balanced enough to practise from."""

from django.db.models import Count, Q

from playbook.models import Category, Level
from playbook.services import content_load
from questions.models import Question, RubricItem

CATEGORIES = {"ml-fundamentals", "applied-ml", "llm-rag", "coding", "system-design", "behavioral"}
LEVELS = {"junior", "mid", "senior", "staff"}


def test_every_category_and_level_cell_has_at_least_five_published_questions(db):
    content_load()

    assert set(Category.objects.values_list("key", flat=True)) == CATEGORIES
    assert set(Level.objects.values_list("key", flat=True)) == LEVELS
    published = Question.objects.published()
    cells = {
        (row["category__key"], row["levels__key"]): row["questions"]
        for row in published.values("category__key", "levels__key").annotate(questions=Count("id", distinct=True))
    }
    thin = {(category, level): cells.get((category, level), 0) for category in CATEGORIES for level in LEVELS
            if cells.get((category, level), 0) < 5}
    assert thin == {}
    assert published.count() >= 150


def test_every_published_rubric_has_key_points_a_trade_off_and_a_failure_mode(db):
    content_load()

    questions = Question.objects.published().annotate(
        key_points=Count("rubric_items", filter=Q(rubric_items__kind=RubricItem.Kind.KEY_POINT)),
        trade_offs=Count("rubric_items", filter=Q(rubric_items__kind=RubricItem.Kind.TRADE_OFF)),
        failure_modes=Count("rubric_items", filter=Q(rubric_items__kind=RubricItem.Kind.FAILURE_MODE)),
    )
    short = [q.key for q in questions if q.key_points < 3 or q.trade_offs < 1 or q.failure_modes < 1]
    assert questions.count() >= 150
    assert short == []
