from django.contrib import admin
from django.urls import include, path, register_converter

from .converters import IdConverter

register_converter(IdConverter, "id")  # before the apps' URLs below are read: they use it

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("practice/exercises/", include("practice.exercises.urls")),
    path("practice/", include("practice.urls")),
    path("progress/", include("progress.urls")),
    path("assignments/", include("assignments.urls")),
    path("banks/", include("banks.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("playbook.urls")),
]

handler500 = "playbook.errors.server_error"
