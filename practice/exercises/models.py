from django.db import models

from practice.models import Answer
from questions.models import Question


class Exercise(models.Model):
    """The runnable part of a coding question. The statement is the question's prompt (one copy, shown and graded
    like any other); this row holds what the browser runs."""

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="exercise")
    key = models.SlugField(max_length=100, unique=True, help_text="The content file's key.")
    starter_code = models.TextField()
    support_code = models.TextField(blank=True, help_text="Importable as `support`: the exercise's fakes.")
    visible_tests = models.TextField()
    hidden_tests = models.TextField(help_text="Sent to the browser only when the candidate submits.")
    solution = models.TextField(help_text="The reference solution, shown after a submit.")
    visible_test_names = models.JSONField(default=list)
    hidden_test_names = models.JSONField(default=list)
    time_box_minutes = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class CodeSubmission(models.Model):
    """The code of an exercise answer, stored verbatim with the answer, and the test results the browser reported.

    The results are self-reported (the browser ran the tests): they count towards this practice score and nothing
    else. hidden_passed is None when no results came (no JavaScript); the answer is then graded on its spoken part.
    """

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="code_submission")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="submissions")
    code = models.TextField()
    results = models.JSONField(default=dict, blank=True)
    hidden_passed = models.PositiveSmallIntegerField(null=True, blank=True)
    hidden_total = models.PositiveSmallIntegerField()
    results_note = models.CharField(max_length=200, blank=True)

    @property
    def has_results(self) -> bool:
        return self.hidden_passed is not None
