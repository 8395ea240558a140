from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<int:row_id>/", views.item, name="item"),
    path("import/", views.upload, name="upload"),
    path("import/<int:job_id>/", views.job, name="job"),
    path("import/<int:job_id>/posts/<int:row_number>/", views.post, name="post"),
    path("import/<int:job_id>/report.csv", views.report, {"format": "csv"}, name="report_csv"),
    path("import/<int:job_id>/report.json", views.report, {"format": "json"}, name="report_json"),
]
