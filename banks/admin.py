from django.contrib import admin

from .models import Bank, BankQuestion


class BankQuestionInline(admin.TabularInline):
    model = BankQuestion
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "visibility", "status", "updated_at"]
    list_filter = ["visibility", "status"]
    search_fields = ["title", "owner__username"]
    raw_id_fields = ["owner"]
    inlines = [BankQuestionInline]
