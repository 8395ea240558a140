from django.urls import path

from . import views
from .mock import views as mock_views
from .staff import views as staff_views

app_name = "practice"
urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:key>/", views.question_start, name="question_start"),
    path("sessions/<id:session_id>/", views.summary, name="summary"),
    path("sessions/<id:session_id>/questions/<id:position>/", views.question, name="question"),
    path("sessions/<id:session_id>/questions/<id:position>/skip/", views.skip, name="skip"),
    path("sessions/<id:session_id>/questions/<id:position>/follow-up/", views.question, {"follow_up": True},
         name="follow_up"),
    path("answers/<id:answer_id>/regrade/", views.regrade, name="regrade"),
    path("answers/<id:answer_id>/dispute/", views.grade_dispute, name="grade_dispute"),
    path("grader-accuracy/", views.grader_accuracy, name="grader_accuracy"),
    path("grader-accuracy/how-grading-works/", views.grading_docs, name="grading_docs"),
    path("answers/<id:answer_id>/grader-accuracy/", views.grader_accuracy, name="grade_grader_accuracy"),
    path("mock/", mock_views.start, name="mock_start"),
    path("mock/<id:mock_id>/", mock_views.mock_loop, name="mock_loop"),
    path("mock/<id:mock_id>/end/", mock_views.mock_loop_end, name="mock_loop_end"),
    path("mock/<id:mock_id>/rounds/<id:position>/", mock_views.mock_round, name="mock_round"),
    path("staff/grading/", staff_views.grading_overview, name="staff_grading"),
    path("staff/answers/", staff_views.answers, name="staff_answers"),
    path("staff/answers/<id:answer_id>/", staff_views.answer_human_grade, name="staff_answer"),
    path("staff/disputes/", staff_views.disputes, name="staff_disputes"),
    path("staff/disputes/<id:dispute_id>/", staff_views.dispute_resolve, name="staff_dispute"),
]
