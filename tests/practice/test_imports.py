import subprocess
import sys

from tests.support.stack import REPO

# Everything a web worker imports to serve pages and take a submit: the URLconf (every view) and the task module
# the first submit loads to enqueue grading.
WEB_PATH = """
import sys
import django
django.setup()
import config.urls, practice.tasks, moderation.tasks
print(",".join(sorted(name for name in ("openai", "httpx") if name in sys.modules)))
"""


def test_a_web_worker_never_loads_the_openai_sdk():
    result = subprocess.run([sys.executable, "-c", WEB_PATH], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin",
                                 "OPENAI_API_KEY": "configured-but-unused"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


BOOT = """
import sys
import config.wsgi
print("kombu.transport.redis" in sys.modules, "practice.tasks" in sys.modules)
"""


def test_a_web_worker_loads_the_broker_client_at_boot_even_with_the_broker_down():
    """So a worker's first submit does not pay for importing it; and a broker that is down never stops the boot."""
    result = subprocess.run([sys.executable, "-c", BOOT], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin",
                                 "REDIS_URL": "redis://127.0.0.1:1/0"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
