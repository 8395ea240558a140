from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from practice import services
from practice.models import Answer
from progress.models import DayProgress, ProgressCell, QuestionProgress
from progress.rollups import progress_rebuild
from progress.selectors import dashboard
from questions.models import Question
from tests.factories import AnswerFactory, GradeFactory, LevelFactory, QuestionFactory, SessionQuestionFactory
from tests.progress.factories import graded_history


def rollups_of(user) -> dict:
    """Every rollup row of the user, as plain values (ids left out), comparable between two ways of building them."""
    return {
        "cells": sorted(ProgressCell.objects.filter(user=user).values_list(
            "category_id", "level_id", "answers", "overall_sum", "key_points_sum", "key_points_count",
            "trade_offs_sum", "trade_offs_count", "failure_modes_sum", "failure_modes_count", "clarity_sum",
            "latest")),
        "questions": sorted(QuestionProgress.objects.filter(user=user).values_list("question_id", "answers",
                                                                                   "overall_sum")),
        "days": sorted(DayProgress.objects.filter(user=user).values_list("day", "answers", "overall_sum")),
    }


def test_grading_an_answer_counts_it_in_the_candidates_progress_at_once(session_question):
    answer = AnswerFactory(session_question=session_question, text="The KV cache keeps keys and values.")

    grade = services.answer_grade(answer_id=answer.pk)

    board = dashboard(user=session_question.session.user, profile=None)
    assert board.graded_count == 1
    cell = ProgressCell.objects.get(user=answer.user)
    assert (cell.category_id, cell.level_id) == (answer.question.category_id, session_question.session.level_id)
    assert cell.answers == 1 and cell.overall_sum == grade.overall
    assert [row.recent_scores for row in board.readiness if row.category.pk == cell.category_id] == [[grade.overall]]
    assert QuestionProgress.objects.get(user=answer.user, question=answer.question).answers == 1
    assert DayProgress.objects.get(user=answer.user).day == timezone.localdate(answer.submitted_at)


def test_grades_saved_one_by_one_give_the_same_rollups_as_a_rebuild(candidate, cell):
    other_level = LevelFactory(key="staff", name="Staff")
    now = timezone.now()
    grades = []
    for days_ago, level, score, question in [(3, cell["level"], "2.0", 0), (1, other_level, "4.5", 1),
                                             (2, cell["level"], "3.0", 2), (0, cell["level"], "1.0", 0),
                                             (5, other_level, "5.0", 1), (4, cell["level"], "2.5", 2)]:
        item = SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                      session__level=level, question=cell["questions"][question])
        answer = AnswerFactory(session_question=item, status=Answer.Status.GRADED)
        Answer.objects.filter(pk=answer.pk).update(submitted_at=now - timedelta(days=days_ago))
        answer.refresh_from_db()
        grades.append(GradeFactory(answer=answer, overall=score, trade_offs=None if days_ago == 2 else "2.5"))
    # neither a follow-up nor a take-home review counts
    follow_up_of = grades[0].answer.session_question
    GradeFactory(answer__session_question=SessionQuestionFactory(
        session=follow_up_of.session, question=follow_up_of.question, position=None, follow_up_of=follow_up_of))
    GradeFactory(answer__session_question__session__user=candidate,
                 answer__session_question__question=QuestionFactory(status=Question.Status.DRAFT))
    incremental = rollups_of(candidate)

    assert progress_rebuild(user_ids=[candidate.pk]) == 6

    assert rollups_of(candidate) == incremental
    cells = {row.level_id: row for row in ProgressCell.objects.filter(user=candidate)}
    assert [Decimal(score) for _, _, score in cells[cell["level"].pk].latest] == [
        Decimal("1.0"), Decimal("3.0"), Decimal("2.0"), Decimal("2.5")]  # newest first, whatever the grading order
    assert cells[cell["level"].pk].trade_offs_count == 3
    board = dashboard(user=candidate, profile=None)
    readiness = next(row for row in board.readiness if row.category == cell["category"])
    assert readiness.recent_scores == [Decimal(s) for s in ("1.0", "4.5", "3.0", "2.0", "2.5")]


def test_a_rebuild_leaves_other_candidates_alone_and_the_command_rebuilds_everyone(candidate, other_candidate, cell):
    for user in (candidate, other_candidate):
        graded_history(user=user, questions=cell["questions"], category=cell["category"], level=cell["level"],
                       count=4, scores=[Decimal("2.0"), Decimal("4.0")])
    before = rollups_of(other_candidate)
    ProgressCell.objects.all().update(answers=0, overall_sum=0, latest=[])

    progress_rebuild(user_ids=[candidate.pk])

    assert ProgressCell.objects.get(user=candidate).answers == 4
    assert ProgressCell.objects.get(user=other_candidate).answers == 0
    call_command("rebuild_progress", stdout=None)
    assert rollups_of(other_candidate) == before


def test_the_command_refuses_an_unknown_username(db):
    with pytest.raises(CommandError, match="No such user: nobody"):
        call_command("rebuild_progress", "nobody")
