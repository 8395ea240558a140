"""Take the README's screenshots: the main pages with demo data, in Debian's Chromium, at laptop and phone width.

    make screenshots            # or: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

It starts its own server and grading worker (`manage.py serve`) on a free port over a throw-away database in a
temporary folder, loads the content, signs in as the demo candidate, answers a question, waits for the grade,
starts a mock loop, and saves PNGs to docs/screenshots/. Nothing touches your own var/ database.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DEMO = ("demo", "practice-makes-hired")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not start within {timeout:.0f} s")


def half_of_model_answer(title: str) -> str:
    """A believable answer: the first half of the model answer's sentences, so the grade shows hits and misses."""
    for path in (REPO / "content" / "questions").glob("*.yaml"):
        for question in yaml.safe_load(path.read_text()):
            if question["title"] == title:
                sentences = question["model_answer"].replace("**", "").replace("\n", " ").split(". ")
                return ". ".join(sentences[: max(3, len(sentences) // 2)]) + "."
    raise SystemExit(f"No question titled {title!r} in content/questions")


def take(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        laptop = browser.new_context(viewport=LAPTOP)
        page = laptop.new_page()

        def shoot(name: str, target=None, *, full_page: bool = False) -> None:
            (target or page).screenshot(path=str(out / f"{name}.png"), full_page=full_page)
            print(f"saved {out / name}.png")

        page.goto(f"{url}/accounts/login/")
        page.get_by_label("Username").fill(DEMO[0])
        page.get_by_label("Password").fill(DEMO[1])
        page.locator("main").get_by_role("button", name="Log in").click()

        page.goto(f"{url}/practice/")
        page.get_by_label("Category").select_option("llm-rag")
        page.get_by_label("Level").select_option("mid")
        page.get_by_label("Questions").select_option("3")
        shoot("practice")
        page.get_by_role("button", name="Start").click()
        title = page.locator("h1").inner_text()
        page.get_by_label("Your answer").fill(half_of_model_answer(title))
        page.get_by_role("button", name="Submit answer").click()
        page.get_by_test_id("overall-score").wait_for(timeout=60_000)
        graded_answer_url = page.url
        shoot("graded-answer", full_page=True)

        page.goto(f"{url}/progress/")
        shoot("progress", full_page=True)
        page.goto(f"{url}/")
        shoot("home")

        page.goto(f"{url}/practice/mock/")
        page.get_by_role("button", name="Start the loop").click()
        page.locator("h1").wait_for()
        shoot("mock-loop")

        phone = browser.new_context(viewport=PHONE, device_scale_factor=2, storage_state=laptop.storage_state())
        phone_page = phone.new_page()
        phone_page.goto(graded_answer_url)
        shoot("phone-graded-answer", phone_page)
        phone_page.goto(f"{url}/progress/")
        phone_page.get_by_text("Menu", exact=True).click()
        shoot("phone-menu", phone_page)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="playbook-screenshots-") as var_dir:
        env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(VAR_DIR=var_dir, DEBUG="false", OPENAI_API_KEY="")
        manage("migrate", "--noinput", env=env)
        manage("load_content", env=env)
        manage("create_demo_user", env=env)
        port = free_port()
        server = subprocess.Popen([sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{url}/healthz")
            take(url, args.out)
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server and its worker: they share the session's group
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
