from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("", views.start, name="start"),
    path("sessions/<int:session_id>/", views.summary, name="summary"),
    path("sessions/<int:session_id>/questions/<int:position>/", views.question, name="question"),
    path("answers/<int:answer_id>/regrade/", views.regrade, name="regrade"),
]
