"""Fixtures for the accounts tests: a candidate with something of every kind stored, for My data."""

import pytest

from progress.services import review_schedule_from_grade
from tests.factories import GradeFactory, SessionQuestionFactory, UserFactory
from tests.progress.factories import ProfileFactory


@pytest.fixture
def history(candidate, cell):
    """Two graded answers (each scheduled for review), an unanswered question and a target track."""
    grades = []
    for position, question in enumerate(cell["questions"][:2], start=1):
        item = SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                      session__level=cell["level"], question=question, position=position)
        grade = GradeFactory(answer__session_question=item, overall="2.5")
        review_schedule_from_grade(grade_id=grade.pk)
        grades.append(grade)
    SessionQuestionFactory(session=grades[0].answer.session_question.session, question=cell["questions"][2],
                           position=3)
    ProfileFactory(user=candidate, target_role_track=cell["role_track"])
    return grades


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True)
