import factory

from practice.exercises.models import CodeSubmission, Exercise
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


class CodeSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodeSubmission

    exercise = factory.SubFactory(ExerciseFactory)
    code = "def add(a, b):\n    return a + b\n"
    hidden_passed = 2
    hidden_total = 2
    results = factory.LazyFunction(lambda: {
        "visible": [{"name": "test_adds", "passed": True, "message": ""}],
        "hidden": [{"name": "test_negative", "passed": True, "message": ""},
                   {"name": "test_zero", "passed": True, "message": ""}],
        "stdout": "",
        "error": "",
    })
