from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def assignment_list(request):
    context = {"patterns": selectors.assignment_patterns(), "tech_stack": selectors.tech_stack()}
    return render(request, "assignments/assignments.html", context)
