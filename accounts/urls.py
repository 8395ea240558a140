from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("data/", views.data, name="data"),
    path("data/export.json", views.data_export_json, name="data_export_json"),
    path("data/export/<str:kind>.csv", views.data_export_csv, name="data_export_csv"),
    path("data/delete/", views.data_delete, name="data_delete"),
]
