from django.contrib import admin

from .models import AssignmentPattern


@admin.register(AssignmentPattern)
class AssignmentPatternAdmin(admin.ModelAdmin):
    list_display = ["name", "share_percent", "position"]
