"""A small HTTP client with cookies and CSRF, to drive the app over real HTTP from tests and benchmarks."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass
class Page:
    status: int
    url: str
    text: str

    def find(self, pattern: str) -> list[str]:
        return re.findall(pattern, self.text)


class WebClient:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(response.status, response.url, response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url, error.read().decode(errors="replace"))

    def get(self, path: str, headers: dict | None = None) -> Page:
        return self._open(urllib.request.Request(self.base_url + path, headers=headers or {}))

    def post(self, path: str, data: dict) -> Page:
        if not any(cookie.name == "csrftoken" for cookie in self.jar):
            self.get(path)
        token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body))

    def login(self, username: str, password: str) -> Page:
        self.get("/accounts/login/")
        page = self.post("/accounts/login/", {"username": username, "password": password})
        assert "/accounts/login/" not in page.url, "login failed"
        return page

    def path_of(self, page: Page) -> str:
        return page.url.removeprefix(self.base_url)
