"""Real processes for end-to-end tests and benchmarks: the web server, Celery workers and Redis, each started
as it is in production, against a database and broker chosen per test."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IS_CI = os.environ.get("CI", "").lower() == "true"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
POSTGRES_HOST, POSTGRES_PORT = "127.0.0.1", 5432


def require(available: bool, reason: str) -> None:
    """Skip when a service or the browser is missing; under CI=true that is a failure instead."""
    if available:
        return
    if IS_CI:
        pytest.fail(f"{reason}; under CI=true a missing service or browser is a failure, not a skip")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_of(settings_dict: dict) -> str:
    """The URL a subprocess needs to reach the same database as this test process."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict.get("USER") or "postgres", settings_dict.get("HOST"), settings_dict.get("PORT")
    return f"postgresql://{user}@{host}:{port or 5432}/{settings_dict['NAME']}"


def wait_for(check, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


class Stack:
    """Processes sharing one environment: DATABASE_URL, the broker (filesystem folder or REDIS_URL), VAR_DIR."""

    def __init__(self, root: Path, *, database_url: str, redis_url: str | None = None, **extra_env: str):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY"}}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            PYTHONUNBUFFERED="1",
            VAR_DIR=str(root / "var"),
            BROKER_DIR=str(root / "broker"),
            DATABASE_URL=database_url,
            GRADING_SWEEP_INTERVAL_SECONDS="1",
            GRADING_STALE_AFTER_SECONDS="1",
        )
        if redis_url:
            env["REDIS_URL"] = redis_url
        env.update(extra_env)
        self.env = env
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        """Migrate, load the content and create the demo account, as `make run` does."""
        self.manage("migrate", "--noinput")
        self.manage("load_content")
        self.manage("create_demo_user")

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = self.root / f"{name}.log"
        process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((process, log))
        return process

    def log(self, name: str) -> str:
        path = self.root / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_worker(self, *, name: str = "worker", beat: bool = False, concurrency: int = 2,
                     pool: str = "threads", queues: str | None = None) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", pool,
                   "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-mingle", "--without-gossip",
                   "-n", f"{name}-{os.getpid()}@%h"]
        if beat:
            command += ["--beat", "--schedule", str(self.root / "celerybeat-schedule")]
        process = self.start(name, command)
        wait_for(lambda: "ready." in self.log(name) or process.poll() is not None, timeout=60, what=f"{name} ready")
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited early:\n{self.log(name)}")
        return process

    def start_web(self, *, port: int, server: str = "runserver", workers: int = 2) -> str:
        if server == "gunicorn":
            command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                       "--workers", str(workers), "--access-logfile", "-"]
        elif server == "serve":
            command = [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"]
        else:
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        process = self.start(server, command)
        wait_for(lambda: port_open("127.0.0.1", port) or process.poll() is not None, timeout=60, what=server)
        if process.poll() is not None:
            raise RuntimeError(f"{server} exited early:\n{self.log(server)}")
        return f"http://127.0.0.1:{port}"

    def start_redis(self, *, port: int) -> subprocess.Popen:
        process = self.start("redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                       "--appendonly", "no", "--dir", str(self.root)])
        wait_for(lambda: port_open("127.0.0.1", port), timeout=20, what="redis-server")
        return process

    def stop(self) -> None:
        for process, _ in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _ in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
