from django.contrib import admin

from .models import AssignmentPattern, SelfReviewItem, TakeHomeAttempt, TakeHomeBrief, TechStackEntry


@admin.register(AssignmentPattern)
class AssignmentPatternAdmin(admin.ModelAdmin):
    list_display = ["name", "share_label", "position"]
    ordering = ["position"]


@admin.register(TechStackEntry)
class TechStackEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "share_label", "position"]
    ordering = ["position"]


@admin.register(SelfReviewItem)
class SelfReviewItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "position"]
    ordering = ["position"]


@admin.register(TakeHomeBrief)
class TakeHomeBriefAdmin(admin.ModelAdmin):
    list_display = ["title", "pattern", "position"]
    list_select_related = ["pattern"]
    raw_id_fields = ["review_question"]


@admin.register(TakeHomeAttempt)
class TakeHomeAttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "brief", "level", "created_at"]
    list_select_related = ["user", "brief", "level"]
    raw_id_fields = ["user", "review_session"]
