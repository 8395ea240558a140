import os

from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app
from progress.next_steps import next_steps_for
from questions.models import Question

from .models import Category, Level, RoleTrack


@require_GET
def home(request):
    published = Q(questions__status=Question.Status.PUBLISHED)
    context = {
        "categories": Category.objects.ordered().annotate(published=Count("questions", filter=published)),
        "levels": Level.objects.ordered(),
        "role_tracks": RoleTrack.objects.ordered(),
        "next_steps": next_steps_for(user=request.user) if request.user.is_authenticated else None,
    }
    return render(request, "playbook/home.html", context)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            channel = conn.default_channel
            # kombu's filesystem transport "connects" to any folder; sending fails only once the folder is gone.
            if conn.transport.driver_type == "filesystem" and not os.path.isdir(channel.data_folder_out):
                return False
        return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": {k: "ok" if v else "down" for k, v in checks.items()}},
        status=200 if healthy else 503,
    )
