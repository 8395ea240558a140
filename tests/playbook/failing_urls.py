"""The product's URLs plus one view that fails on purpose, for the error-page tests."""

from django.urls import path

from config.urls import handler500  # noqa: F401  (Django reads handler500 here)
from config.urls import urlpatterns as product_urlpatterns


def fail_on_purpose(request):
    raise RuntimeError("failing on purpose for the 500 page test")


urlpatterns = [path("fail-on-purpose/", fail_on_purpose), *product_urlpatterns]
