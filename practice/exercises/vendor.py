"""Where `make vendor` put the browser assets: static/vendor/<digest of the npm lock and the editor source>/."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

FRONTEND = Path(settings.BASE_DIR) / "frontend"


def vendor_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("package-lock.json", "editor.js"):
        digest.update((FRONTEND / name).read_bytes())
    return digest.hexdigest()[:12]


STAMP = vendor_stamp()


def vendor_folder() -> Path:
    return Path(settings.BASE_DIR) / "static" / "vendor" / STAMP


def pyodide_url() -> str:
    return static(f"vendor/{STAMP}/pyodide/")


def editor_url() -> str:
    return static(f"vendor/{STAMP}/editor.js")
