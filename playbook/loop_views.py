from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def loop_list(request):
    context = {
        "facts": selectors.process_facts(),
        "round_types": selectors.round_types(),
        "loops": selectors.loops(),
    }
    return render(request, "playbook/loops.html", context)


@require_GET
def loop_detail(request, key: str):
    """A loop's rounds as a timeline; `?level=` picks the level its practice links use (empty: any level)."""
    loop = selectors.loop_for(key=key)
    levels = selectors.levels()
    level, level_error = loop.level, ""
    if "level" in request.GET:
        chosen = request.GET["level"]
        level = next((candidate for candidate in levels if candidate.key == chosen), None)
        if chosen and level is None:
            level, level_error = loop.level, "Choose a level from the list."
    context = {"loop": loop, "levels": levels, "level": level, "level_error": level_error}
    template = "playbook/loop_detail.html"
    if request.htmx and request.htmx.target == "rounds":
        template += "#rounds"
    return render(request, template, context)
