"""Syncing content rows by their key: create what is new, update what changed, leave everything else untouched."""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction


@dataclass
class SectionCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_in_use: int = 0

    def __str__(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.removed} removed"
        if self.kept_in_use:
            text += f", {self.kept_in_use} no longer in the content but kept because candidates' records use them"
        return text


def upsert(
    model: type[models.Model],
    existing: dict,
    *,
    key,
    lookup: dict,
    values: dict,
    counts: SectionCounts,
    where: str,
    m2m: dict[str, list] | None = None,
) -> models.Model:
    """Create or update the row stored under `key` in `existing` (rows already loaded, with m2m prefetched).

    A row whose values and relations already match is not written at all, so loading unchanged content twice
    issues no UPDATE. `where` names the content entry in error messages.
    """
    m2m = m2m or {}
    instance = existing.get(key)
    created = instance is None
    if created:
        instance = existing[key] = model(**lookup)
    changed = [name for name, value in values.items() if created or getattr(instance, name) != value]
    relations = [
        name for name, objects in m2m.items()
        if created or {obj.pk for obj in getattr(instance, name).all()} != {obj.pk for obj in objects}
    ]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        try:
            instance.full_clean(exclude=list(m2m), validate_unique=False)
        except ValidationError as error:
            problems = [message if field == NON_FIELD_ERRORS else f"{field}: {message}"
                        for field, messages in error.message_dict.items() for message in messages]
            raise ValidationError(f"{where}: {'; '.join(problems)}") from None
        instance.save()
    for name in relations:
        getattr(instance, name).set(m2m[name])
    if created:
        counts.created += 1
    elif changed or relations:
        counts.updated += 1
    else:
        counts.unchanged += 1
    return instance


def remove_stale(queryset: models.QuerySet, *, counts: SectionCounts) -> None:
    """Delete content rows that the content files no longer contain (rows cascading from them go too).

    A row that a candidate's record protects (a mock loop rehearsed on a removed round) is kept and counted.
    """
    for row in queryset:
        try:
            with transaction.atomic():
                row.delete()
        except models.ProtectedError:
            counts.kept_in_use += 1
        else:
            counts.removed += 1


def required(entry: dict, name: str, where: str):
    try:
        return entry[name]
    except (KeyError, TypeError):
        raise ValidationError(f"{where}: '{name}' is missing") from None


def unique_keys(entries: list, where: str) -> list:
    keys = [required(entry, "key", where) for entry in entries]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValidationError(f"{where}: the key {', '.join(duplicates)} is used more than once")
    return keys


def pick(vocabulary: dict, keys: list, where: str, what: str) -> list:
    """Look up content keys (category keys, level keys) with an error that names the bad one."""
    unknown = [key for key in keys if key not in vocabulary]
    if unknown:
        raise ValidationError(f"{where}: unknown {what} {', '.join(map(str, unknown))}")
    return [vocabulary[key] for key in keys]
