import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def worker_command(*, concurrency: int = 4) -> list[str]:
    """A Celery worker with the sweep scheduler embedded, as `make run` and the tests start it."""
    return [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--beat",
        "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME,
        "--pool", "threads", "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-mingle",
        "--without-gossip",
    ]


class Command(BaseCommand):
    help = "Serve the web app and a Celery worker side by side; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        worker = subprocess.Popen(worker_command())
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
