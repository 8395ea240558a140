from django.contrib import admin

from .models import Question, RubricItem, Tag


class RubricItemInline(admin.TabularInline):
    model = RubricItem
    extra = 1


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "source_kind", "updated_at"]
    list_filter = ["status", "category", "levels", "source_kind"]
    search_fields = ["title", "prompt", "key"]
    filter_horizontal = ["levels", "role_tracks", "tags"]
    inlines = [RubricItemInline]


admin.site.register(Tag)
