from django.contrib import admin

from .models import Answer, Grade, PracticeSession, SessionQuestion


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
