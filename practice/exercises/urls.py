from django.urls import path

from . import views

app_name = "exercises"
urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("sessions/<id:session_id>/questions/<id:position>/hidden-tests/", views.hidden_tests,
         name="hidden_tests"),
]
