from pathlib import Path

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from practice.exercises import runner
from practice.exercises.scoring import SPOKEN_WEIGHT, TESTS_WEIGHT, spoken_score, tests_points
from practice.services import EMPTY_ANSWER_MESSAGE

register = template.Library()
# The same runner that CI runs the content through is what the browser's Pyodide runs.
RUNNER_SOURCE = Path(runner.__file__).read_text(encoding="utf-8")


@register.simple_tag
def exercise_config(exercise, item, assets) -> dict:
    """What the exercise page's script needs, for json_script. The hidden tests are not in it: they are fetched
    on submit."""
    return {
        "runner": RUNNER_SOURCE,
        "visibleTests": exercise.visible_tests,
        "support": exercise.support_code,
        "hiddenNames": exercise.hidden_test_names,
        "hiddenTestsUrl": reverse("exercises:hidden_tests", args=[item.session_id, item.position]),
        "runSeconds": settings.EXERCISE_RUN_SECONDS,
        "pyodideUrl": assets["pyodide"],
        "workerUrl": static("exercises/worker.js"),
        "emptyExplanation": EMPTY_ANSWER_MESSAGE,  # said before the hidden tests run; the server says it too
    }


@register.simple_tag
def exercise_score_parts(grade, submission) -> dict:
    """The two terms of the exercise score rule, for showing how the overall came about."""
    spoken = spoken_score(items=grade.items, clarity_verdict=grade.clarity_verdict)
    parts = {"spoken": spoken, "spoken_points": (SPOKEN_WEIGHT * spoken).quantize(spoken)}
    if submission.has_results:
        points = tests_points(hidden_passed=submission.hidden_passed, hidden_total=submission.hidden_total)
        parts["tests_points"] = points.quantize(spoken)
        parts["tests_max"] = TESTS_WEIGHT * 5
    return parts
