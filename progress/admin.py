from django.contrib import admin

from .models import CardReview, Profile, ReviewCard


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "target_role_track", "updated_at"]
    raw_id_fields = ["user"]


class CardReviewInline(admin.TabularInline):
    model = CardReview
    extra = 0
    raw_id_fields = ["grade"]


@admin.register(ReviewCard)
class ReviewCardAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "due", "last_score", "last_rating", "review_count"]
    raw_id_fields = ["user", "question"]
    inlines = [CardReviewInline]
