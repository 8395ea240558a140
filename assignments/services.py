"""Loading the take-home assignment research (content/assignments.yaml)."""

from django.db import transaction

from playbook.loading import SectionCounts, remove_stale, required, unique_keys, upsert

from .models import AssignmentPattern, TechStackEntry


def _share(entry: dict, where: str) -> dict:
    return {"share_percent": required(entry, "share_percent", where),
            "share_at_least": bool(entry.get("share_at_least", False))}


@transaction.atomic
def assignments_load(*, data: dict) -> dict[str, SectionCounts]:
    """Assignment patterns and the tech-stack frequency table, matched by key; removed entries are deleted."""
    counts = {"Assignment patterns": SectionCounts(), "Tech stack entries": SectionCounts()}

    patterns = {pattern.key: pattern for pattern in AssignmentPattern.objects.all()}
    entries = data.get("patterns") or []
    pattern_keys = unique_keys(entries, "assignments.yaml patterns")
    for position, entry in enumerate(entries):
        where = f"assignments.yaml pattern {entry['key']}"
        upsert(AssignmentPattern, patterns, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Assignment patterns"],
               values={"name": str(required(entry, "name", where)).strip(),
                       "summary": str(required(entry, "summary", where)).strip(),
                       "typically_asks_for": [str(line).strip() for line in entry.get("typically_asks_for") or []],
                       "position": position, "source_note": str(required(entry, "source", where)).strip(),
                       **_share(entry, where)})

    stack = {tool.key: tool for tool in TechStackEntry.objects.all()}
    entries = data.get("tech_stack") or []
    stack_keys = unique_keys(entries, "assignments.yaml tech_stack")
    for position, entry in enumerate(entries):
        where = f"assignments.yaml tech_stack {entry['key']}"
        upsert(TechStackEntry, stack, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Tech stack entries"],
               values={"name": str(required(entry, "name", where)).strip(), "position": position,
                       "source_note": str(required(entry, "source", where)).strip(), **_share(entry, where)})

    remove_stale(AssignmentPattern.objects.exclude(key__in=pattern_keys), counts=counts["Assignment patterns"])
    remove_stale(TechStackEntry.objects.exclude(key__in=stack_keys), counts=counts["Tech stack entries"])
    return counts
