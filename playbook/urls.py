from django.urls import path

from . import checklist_views, loop_views, views

app_name = "playbook"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("loops/", loop_views.loop_list, name="loops"),
    path("loops/<slug:key>/", loop_views.loop_detail, name="loop"),
    path("checklist/", checklist_views.checklist, name="checklist"),
    path("checklist/items/<slug:key>/", checklist_views.checklist_tick, name="checklist_tick"),
]
