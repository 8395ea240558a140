from django.contrib import admin

from .models import Answer, Grade, GradeDispute, PracticeSession, SessionQuestion


class SessionQuestionInline(admin.TabularInline):
    model = SessionQuestion
    extra = 0
    raw_id_fields = ["question"]


@admin.register(PracticeSession)
class PracticeSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "level", "role_track", "created_at"]
    list_filter = ["category", "level"]
    inlines = [SessionQuestionInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "status", "submitted_at", "attempts"]
    list_filter = ["status"]
    raw_id_fields = ["session_question", "question", "user"]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["answer", "overall", "grader", "model", "prompt_version", "created_at"]
    list_filter = ["grader"]
    raw_id_fields = ["answer"]


@admin.register(GradeDispute)
class GradeDisputeAdmin(admin.ModelAdmin):
    """Read-only: disputes are filed by candidates and resolved on the staff queue, which records the human grade."""

    list_display = ["grade", "created_at", "resolved_at", "staff_score", "decision", "resolved_by"]
    list_filter = ["resolved_at"]
    raw_id_fields = ["grade", "resolved_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_decision()

    @admin.display(description="decision now")
    def decision(self, dispute: GradeDispute):
        """The answer's human grade, which staff may have changed since resolving (`staff_score` is what they gave)."""
        return dispute.decision_score

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
