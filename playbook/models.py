from django.db import models


class TaxonomyQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "name")


class TaxonomyItem(models.Model):
    """A fixed vocabulary entry loaded from content/playbook.yaml, addressed by its stable key."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300, blank=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Category(TaxonomyItem):
    summary = models.TextField(blank=True)

    class Meta(TaxonomyItem.Meta):
        verbose_name_plural = "categories"


class Level(TaxonomyItem):
    emphasis = models.TextField(help_text="What interviews at this level emphasise.")


class RoleTrack(TaxonomyItem):
    summary = models.TextField(blank=True)
