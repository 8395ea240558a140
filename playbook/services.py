"""Loading the product's content (content/*.yaml) into the database."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from questions.services import ContentReport, questions_load_content

from .models import Category, Level, RoleTrack

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValidationError(f"{path.name} is not valid YAML: {error}") from None


@transaction.atomic
def taxonomy_load(*, data: dict) -> None:
    for model, items, extra in (
        (Category, data["categories"], "summary"),
        (Level, data["levels"], "emphasis"),
        (RoleTrack, data["role_tracks"], "summary"),
    ):
        for position, item in enumerate(items):
            model.objects.update_or_create(
                key=item["key"],
                defaults={"name": item["name"], "position": position, "source_note": item["source"],
                          extra: item[extra].strip()},
            )


def content_load(*, content_dir: Path = CONTENT_DIR, force: bool = False) -> ContentReport:
    """Load the taxonomy, then every question file; safe to run again and again."""
    taxonomy_load(data=_read_yaml(content_dir / "playbook.yaml"))
    entries: list[dict] = []
    for path in sorted((content_dir / "questions").glob("*.yaml")):
        entries.extend(_read_yaml(path) or [])
    return questions_load_content(entries=entries, force=force)
