from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/start/", views.reviews_start, name="reviews_start"),
    path("history/", views.history, name="history"),
    path("questions/<id:question_id>/compare/", views.compare, name="compare"),
    path("questions/<id:question_id>/retry/", views.retry, name="retry"),
]
