from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignment_list, name="list"),
    path("practice/", views.practice_start, name="practice"),
    path("practice/<id:attempt_id>/", views.attempt, name="attempt"),
    path("practice/<id:attempt_id>/readme-review/", views.attempt_readme_review, name="readme_review"),
]
