from django.urls import path

from . import views

app_name = "banks"
urlpatterns = [
    path("", views.bank_list, name="list"),
    path("public/", views.public, name="public"),
    path("<id:bank_id>/", views.bank_detail, name="detail"),
    path("<id:bank_id>/action/", views.bank_action, name="action"),
    path("<id:bank_id>/questions/", views.bank_questions, name="questions"),
    path("<id:bank_id>/stats/", views.stats, name="stats"),
    path("<id:bank_id>/export.yaml", views.export, name="export"),
    path("<id:bank_id>/import/", views.import_file, name="import"),
    path("<id:bank_id>/import/<id:job_id>/", views.import_job, name="import_job"),
    path("questions/new/", views.question_edit, name="question_new"),
    path("questions/<id:question_id>/", views.question_edit, name="question"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("shared/<str:token>/practise/", views.practise, name="practise"),
]
