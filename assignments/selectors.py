"""Reads for the assignments page: two queries however many entries there are."""

from .models import AssignmentPattern, TechStackEntry


def assignment_patterns() -> list[AssignmentPattern]:
    return list(AssignmentPattern.objects.all())


def tech_stack() -> list[TechStackEntry]:
    return list(TechStackEntry.objects.all())
