from django.contrib import admin

from .models import (
    Category,
    ChecklistArea,
    ChecklistItem,
    ChecklistTick,
    InterviewLoop,
    Level,
    LoopRound,
    ProcessFact,
    RoleTrack,
    RoundType,
)


@admin.register(Category, Level, RoleTrack)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]
    ordering = ["position"]


@admin.register(RoundType)
class RoundTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "length_label", "position"]
    ordering = ["position"]
    filter_horizontal = ["categories"]


class LoopRoundInline(admin.StackedInline):
    model = LoopRound
    extra = 0
    ordering = ["position"]
    filter_horizontal = ["categories"]


@admin.register(InterviewLoop)
class InterviewLoopAdmin(admin.ModelAdmin):
    list_display = ["company", "role", "level", "kind", "position"]
    list_filter = ["kind"]
    ordering = ["position"]
    inlines = [LoopRoundInline]


@admin.register(ProcessFact)
class ProcessFactAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "position"]
    ordering = ["position"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "key", "title", "tags"]
    ordering = ["position"]


@admin.register(ChecklistArea)
class ChecklistAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "category", "position"]
    ordering = ["position"]
    inlines = [ChecklistItemInline]


@admin.register(ChecklistTick)
class ChecklistTickAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "created_at"]
    list_select_related = ["user", "item"]
    raw_id_fields = ["user", "item"]
