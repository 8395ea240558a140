"""The production configuration is checked offline: no Docker engine runs here."""

import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import yaml
from django.db import connection
from django.urls import reverse

from tests.support.stack import REPO, require

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_docker_compose_file_is_valid_against_the_compose_spec():
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(REPO / "docker-compose.yml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_gunicorn_a_worker_postgres_and_redis():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= services.keys()
    assert "gunicorn config.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://") and env["REDIS_URL"].startswith("redis://")


def test_every_setting_read_from_the_environment_is_documented_in_env_example():
    read = set(re.findall(r'env_(?:str|bool|int|float|list)\("([A-Z_]+)"', (REPO / "config/settings.py").read_text()))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', (REPO / "config/settings.py").read_text()))
    documented = set(re.findall(r"^([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert read - documented == set(), f"undocumented: {sorted(read - documented)}"
    docs = (REPO / "README.md").read_text() + "".join(path.read_text() for path in (REPO / "docs").glob("*.md"))
    assert [name for name in sorted(read) if name not in docs] == []


def test_the_suite_runs_on_postgresql(db):
    require(connection.vendor == "postgresql",
            "PostgreSQL is not reachable on 127.0.0.1:5432, so the suite ran its models on SQLite")


PRODUCTION_ENV = {
    "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(60), "REQUIRE_SECRET_KEY": "true",
    "ALLOWED_HOSTS": "playbook.example.com", "SECURE_COOKIES": "true", "SECURE_SSL_REDIRECT": "true",
    "TRUST_X_FORWARDED_PROTO": "true", "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def test_check_deploy_is_clean_under_production_settings():
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never does.
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **PRODUCTION_ENV}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_compose_turns_on_https_hsts_secure_cookies_and_a_required_secret_key():
    env = yaml.safe_load((REPO / "docker-compose.yml").read_text())["x-app"]["environment"]
    for name in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "TRUST_X_FORWARDED_PROTO", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                 "SECURE_HSTS_PRELOAD"):
        assert env[name] == f"${{{name}:-true}}"
    assert env["SECURE_HSTS_SECONDS"] == "${SECURE_HSTS_SECONDS:-31536000}"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_every_page_carries_a_content_security_policy_its_templates_keep(client, db):
    response = client.get(reverse("playbook:home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    templates = [path for path in REPO.glob("*/templates/**/*.html")] + list((REPO / "templates").glob("*.html"))
    for path in templates:
        html = path.read_text()
        assert "<style" not in html, f"{path}: inline <style> is refused by the CSP; use a static stylesheet"
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), f"{path}: inline <script> is refused by the CSP"
        assert not re.search(r"\son[a-z]+=", html), f"{path}: inline event handlers are refused by the CSP"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PUBLISH_TWICE = """
import time, django
django.setup()
from practice.tasks import grade_answer
for _ in range(2):
    started = time.perf_counter()
    try:
        grade_answer.apply_async(args=[0])
    except Exception:
        pass
    print(time.perf_counter() - started)
"""


def test_a_publish_gives_up_fast_when_redis_is_down():
    """Each submit tries the broker once: before, kombu slept and retried for 2 s per request."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings",
           "REDIS_URL": f"redis://127.0.0.1:{_closed_port()}/3"}
    result = subprocess.run([sys.executable, "-c", PUBLISH_TWICE], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=60)
    seconds = [float(line) for line in result.stdout.split()]
    assert len(seconds) == 2, result.stderr
    assert max(seconds) < 1.0, seconds
