from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from practice.models import SessionQuestion
from progress.charts import HEIGHT, LEFT, TOP, WIDTH, Day, score_chart
from progress.selectors import attempt_comparison, dashboard, readiness_percent, review_counts
from tests.factories import (
    CategoryFactory,
    GradeFactory,
    LevelFactory,
    QuestionFactory,
    SessionQuestionFactory,
)
from tests.progress.factories import ProfileFactory, ReviewCardFactory, graded_history

D = Decimal


def test_readiness_weighs_the_newest_score_most_and_scales_by_level_coverage():
    # (5×4 + 4×3) / 9 = 3.556; / 5 × 1/4 = 0.178
    assert readiness_percent([D("4"), D("3")], levels_covered=1, levels_available=4) == 18
    # Only the newest five count: (5×5 + 4×5 + 3×5 + 2×5 + 1×5) / 15 = 5
    assert readiness_percent([D("5")] * 5, levels_covered=2, levels_available=2) == 100
    assert readiness_percent([], levels_covered=0, levels_available=3) == 0
    assert readiness_percent([D("5")], levels_covered=1, levels_available=0) == 0


@pytest.fixture
def two_level_category(db):
    category = CategoryFactory(key="system-design", name="AI system design")
    junior, senior = LevelFactory(key="junior", name="Junior"), LevelFactory(key="senior", name="Senior")
    at_junior = QuestionFactory(category=category, levels=[junior])
    at_senior = QuestionFactory(category=category, levels=[senior])
    return {"category": category, "junior": junior, "senior": senior, "questions": [at_junior, at_senior]}


def test_readiness_on_a_known_history(candidate, two_level_category):
    c = two_level_category
    now = timezone.now()
    # Six answers at senior, oldest first 1, 2, 3, 4, 5, 4: the newest five, newest first, are 4, 5, 4, 3, 2:
    # (5×4 + 4×5 + 3×4 + 2×3 + 1×2) / 15 = 4.0; one of the two levels covered: 100 × 4/5 × 1/2 = 40%.
    graded_history(user=candidate, questions=[c["questions"][1]], category=c["category"], level=c["senior"],
                   count=6, scores=[D(s) for s in ("1", "2", "3", "4", "5", "4")], first_day=now - timedelta(days=1))

    (row,) = [r for r in dashboard(user=candidate, profile=None).readiness if r.category == c["category"]]
    assert (row.percent, row.levels_covered, row.levels_available) == (40, 1, 2)
    assert row.recent_scores == [D("4"), D("5"), D("4"), D("3"), D("2")]

    # A newest 5.0 at junior: 5, 4, 5, 4, 3 gives 67 / 15 = 4.467, both levels covered: 89%.
    graded_history(user=candidate, questions=[c["questions"][0]], category=c["category"], level=c["junior"],
                   count=1, scores=[D("5")], first_day=now)
    (row,) = [r for r in dashboard(user=candidate, profile=None).readiness if r.category == c["category"]]
    assert (row.percent, row.levels_covered) == (89, 2)


def test_the_heat_map_holds_the_mean_per_category_and_level(candidate, two_level_category):
    c = two_level_category
    graded_history(user=candidate, questions=[c["questions"][1]], category=c["category"], level=c["senior"],
                   count=4, scores=[D("2"), D("3")])

    board = dashboard(user=candidate, profile=None)

    (cells,) = [cells for category, cells in board.heat_map if category == c["category"]]
    by_level = {cell.level: cell for cell in cells}
    assert by_level[c["senior"]].mean == D("2.5") and by_level[c["senior"]].answers == 4
    assert by_level[c["junior"]].mean is None and by_level[c["junior"]].answers == 0
    assert by_level[c["senior"]].hue == 60
    assert board.graded_count == 4


def test_the_weakest_dimension_is_the_lowest_mean(candidate, cell):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=3)  # key points 4.0, trade-offs 2.5, failure modes 1.5, clarity 5.0

    weakest = dashboard(user=candidate, profile=None).weakest_dimension

    assert weakest.key == "failure_modes" and weakest.mean == D("1.5")
    assert weakest.advice.startswith("You rarely name failure modes")


def test_follow_ups_and_other_candidates_answers_do_not_count(candidate, other_candidate, session_question):
    follow_up = SessionQuestion.objects.create(session=session_question.session, question=session_question.question,
                                               position=None, follow_up_of=session_question)
    GradeFactory(answer__session_question=follow_up, overall="0.5")
    GradeFactory(answer__session_question=SessionQuestionFactory(session__user=other_candidate), overall="1.0")

    board = dashboard(user=candidate, profile=None)

    assert board.graded_count == 0
    assert board.weakest_dimension is None and board.score_chart is None


def test_the_target_tracks_categories_come_weakest_first_not_practised_before_any(candidate, cell):
    track = cell["role_track"]
    untouched = CategoryFactory(key="behavioral", name="Behavioral")
    QuestionFactory(category=untouched, role_tracks=[track])
    CategoryFactory(key="coding", name="Coding")  # no question in the track: not listed
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=2, scores=[D("3"), D("4")])

    rows = dashboard(user=candidate, profile=ProfileFactory(user=candidate, target_role_track=track)).track_categories

    assert [(row.category, row.mean, row.answers) for row in rows] == [
        (untouched, None, 0), (cell["category"], D("3.5"), 2)
    ]


def test_no_target_track_lists_no_categories(candidate, cell):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"], count=1)
    assert dashboard(user=candidate, profile=ProfileFactory(user=candidate)).track_categories == []


def test_review_counts_split_due_and_scheduled(candidate, other_candidate):
    now = timezone.now()
    ReviewCardFactory(user=candidate, due=now - timedelta(minutes=1))
    upcoming = ReviewCardFactory(user=candidate, due=now + timedelta(days=2))
    ReviewCardFactory(user=candidate, due=now + timedelta(days=5))
    ReviewCardFactory(user=other_candidate, due=now - timedelta(days=1))

    counts = review_counts(user=candidate)

    assert (counts.due, counts.scheduled, counts.next_due) == (1, 3, upcoming.due)


def test_the_score_chart_spaces_days_by_date_and_scales_scores_to_the_height():
    start = timezone.now().date()
    chart = score_chart([Day(start, D("5"), 1), Day(start + timedelta(days=1), D("0"), 2),
                         Day(start + timedelta(days=4), D("2.5"), 1)])

    xs = [point.x for point in chart.points]
    assert xs[0] == LEFT and xs[2] == WIDTH - 16 and round((xs[1] - xs[0]) * 4, 1) == round(xs[2] - xs[0], 1)
    assert [point.y for point in chart.points] == [TOP, HEIGHT - 28, (TOP + HEIGHT - 28) / 2]
    assert chart.polyline.count(",") == 3
    assert score_chart([]) is None


def test_the_comparison_lines_up_verdicts_by_rubric_item_across_attempts(candidate, cell):
    question = cell["questions"][0]
    first = GradeFactory(answer__session_question=SessionQuestionFactory(session__user=candidate, question=question),
                         items=[{"kind": "key_point", "text": "A", "verdict": "missed", "evidence": "", "note": ""}])
    second = GradeFactory(answer__session_question=SessionQuestionFactory(session__user=candidate, question=question),
                          items=[{"kind": "key_point", "text": "A", "verdict": "covered", "evidence": "", "note": ""},
                                 {"kind": "trade_off", "text": "B", "verdict": "partly", "evidence": "", "note": ""}])

    comparison = attempt_comparison(user=candidate, question_id=question.pk)

    assert comparison.attempts == [first.answer, second.answer]
    assert [(row.kind_label, row.text, row.verdicts) for row in comparison.rows] == [
        ("Key point", "A", ["missed", "covered"]), ("Trade-off", "B", [None, "partly"])
    ]
    with pytest.raises(Http404):
        attempt_comparison(user=candidate, question_id=cell["questions"][1].pk)
