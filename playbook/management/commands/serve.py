import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

RESTART_PAUSE_SECONDS = 2  # between restarts of a worker that keeps dying, so a broken setup does not spin


def worker_command(*, concurrency: int = 4) -> list[str]:
    """A Celery worker with the sweep scheduler embedded, as `make run` and the tests start it."""
    return [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--beat",
        "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME,
        "--pool", "threads", "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-mingle",
        "--without-gossip",
    ]


class WorkerSupervisor:
    """Runs the grading worker and starts it again whenever it exits: a worker that died must not leave every answer
    waiting for a grade while the web server goes on taking them."""

    def __init__(self, command: list[str], log):
        self.command, self.log = command, log
        self.stopping = threading.Event()
        self.process = subprocess.Popen(command)
        self.restarts = 0
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stopping.wait(0.5):
            code = self.process.poll()
            if code is None:
                continue
            if self.stopping.is_set():
                return
            self.log(f"The grading worker stopped (exit code {code}); starting it again.")
            time.sleep(RESTART_PAUSE_SECONDS)
            if not self.stopping.is_set():
                self.process = subprocess.Popen(self.command)
                self.restarts += 1

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Command(BaseCommand):
    help = ("Serve the web app and a Celery worker side by side (restarted if it dies); Ctrl-C or SIGTERM stops "
            "both.")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        worker = WorkerSupervisor(worker_command(), log=lambda line: self.stderr.write(line))
        # SIGTERM (docker stop, systemd, kill) would end this process at once and leave the worker running on its
        # own; as an exit, it runs the `finally` below, as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.stop()
