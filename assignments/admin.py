from django.contrib import admin

from .models import AssignmentPattern, TechStackEntry


@admin.register(AssignmentPattern)
class AssignmentPatternAdmin(admin.ModelAdmin):
    list_display = ["name", "share_label", "position"]
    ordering = ["position"]


@admin.register(TechStackEntry)
class TechStackEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "share_label", "position"]
    ordering = ["position"]
