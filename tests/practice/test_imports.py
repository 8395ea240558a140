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
