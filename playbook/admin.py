from django.contrib import admin

from .models import Category, Level, RoleTrack


@admin.register(Category, Level, RoleTrack)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]
    ordering = ["position"]
