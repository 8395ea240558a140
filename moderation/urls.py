from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<id:row_id>/", views.item, name="item"),
    path("import/", views.upload, name="upload"),
    path("import/<id:job_id>/", views.job, name="job"),
    path("import/<id:job_id>/posts/<id:row_number>/", views.post, name="post"),
    path("import/<id:job_id>/report.csv", views.report, {"format": "csv"}, name="report_csv"),
    path("import/<id:job_id>/report.json", views.report, {"format": "json"}, name="report_json"),
]
