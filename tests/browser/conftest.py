import os
import shutil

import pytest

from tests.support.stack import require

# The ORM runs beside Playwright's event loop in these tests; pytest-django's live server needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(CHROMIUM is not None, "Debian's chromium is not installed (make test installs it where apt-get works)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture
def content(transactional_db):
    from playbook.services import content_load

    content_load()
