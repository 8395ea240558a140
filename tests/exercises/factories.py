import factory

from practice.exercises.models import Exercise
from tests.factories import QuestionFactory

VISIBLE = 'from solution import add\n\ndef test_adds():\n    assert add(1, 2) == 3, "1 + 2 is 3"\n'
HIDDEN = (
    "from solution import add\n\n"
    'def test_negative():\n    assert add(-1, -2) == -3, "negatives add up"\n\n'
    'def test_zero():\n    assert add(0, 0) == 0, "zero stays zero"\n'
)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    question = factory.SubFactory(QuestionFactory, title="Add two numbers")
    key = factory.Sequence(lambda n: f"add-{n}")
    starter_code = "def add(a, b):\n    raise NotImplementedError\n"
    visible_tests = VISIBLE
    hidden_tests = HIDDEN
    solution = "def add(a, b):\n    return a + b\n"
    visible_test_names = ["test_adds"]
    hidden_test_names = ["test_negative", "test_zero"]
    time_box_minutes = 15
