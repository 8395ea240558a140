from django import template

register = template.Library()

# Longest prefixes first: a mock loop lives under /practice/ but belongs to "Mock loops".
SECTIONS = [
    ("/practice/mock/", "mock"), ("/practice/staff/", "grading"), ("/practice/exercises/", "exercises"),
    ("/practice/", "practice"), ("/loops/", "loops"),
    ("/assignments/", "assignments"), ("/checklist/", "checklist"), ("/progress/", "progress"),
    ("/banks/public/", "shared_banks"), ("/banks/shared/", "shared_banks"), ("/banks/", "banks"),
    ("/moderation/", "moderation"),
]


@register.simple_tag(takes_context=True)
def nav_section(context) -> str:
    """The navigation entry the current page belongs to, so the nav can mark it (error pages have no request)."""
    request = context.get("request")
    path = request.path if request else ""
    return next((section for prefix, section in SECTIONS if path.startswith(prefix)), "")
