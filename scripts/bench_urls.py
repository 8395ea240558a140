"""The app's URLs plus one bare Django view, so the benchmark can compare a real page with the stack's floor."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), path("", include("config.urls"))]
