from django.contrib import admin

from .models import ImportJob, ImportRow


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "status", "detected_format", "processed_rows", "total_rows", "created_at"]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = ["uploaded_by", "filename", "size_bytes", "detected_format", "status", "total_rows",
                       "processed_rows", "message", "claimed_at", "finished_at"]


@admin.register(ImportRow)
class ImportRowAdmin(admin.ModelAdmin):
    list_display = ["job", "row_number", "part", "outcome", "review_status"]
    list_filter = ["outcome", "review_status"]
    raw_id_fields = ["job", "question", "nearest", "merged_into", "reviewed_by"]
