import pytest

from tests.exercises.factories import ExerciseFactory
from tests.factories import SessionQuestionFactory


@pytest.fixture
def exercise(cell):
    return ExerciseFactory(question=cell["questions"][0])


@pytest.fixture
def exercise_item(candidate, cell, exercise):
    """The exercise as question 1 of the candidate's session."""
    return SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                  session__level=cell["level"], question=exercise.question, position=1)
