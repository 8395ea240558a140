"""The production configuration is checked offline: no Docker engine runs here."""

import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.db import connection

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
    # The README, or a feature's own page under docs/ that the README links to.
    docs = (REPO / "README.md").read_text() + "".join(page.read_text() for page in (REPO / "docs").glob("*.md"))
    assert [name for name in sorted(read) if name not in docs] == []


def test_the_suite_runs_on_postgresql(db):
    require(connection.vendor == "postgresql",
            "PostgreSQL is not reachable on 127.0.0.1:5432, so the suite ran its models on SQLite")
