"""A client of the product over plain HTTP for the system tests (standard library only).

- `Client(product, email)`: a person signed in through the sign-in form (cookies; forms posted
  with the CSRF token of the last page read), with `get`, `post`, `new_token` (an API token made
  under "Your account", as a person makes one for a script) and `api(...)`.
- `api(product, method, path, token, body)`: one JSON request to the API, HTTP errors returned as
  answers, not raised.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from harness import DEMO_PASSWORD

TIMEOUT = 30  # seconds


class Answer(tuple):
    """(status, parsed JSON or None), with the headers (lower-case names) and raw body kept."""

    def __new__(cls, status: int, data, headers: dict, raw: bytes):
        answer = super().__new__(cls, (status, data))
        answer.status, answer.data, answer.headers, answer.raw = status, data, headers, raw
        return answer


def api(product, method: str, path: str, token: str | None = None, body=None, timeout: float = TIMEOUT) -> Answer:
    """One API request: `(status, parsed JSON or None)`; `.headers` and `.raw` too. An HTTP error
    status is an answer; a refused connection or a timeout is raised."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(product.url(path), data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            status, headers, raw = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, headers, raw = e.code, e.headers, e.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return Answer(status, parsed, {k.lower(): v for k, v in headers.items()}, raw)


class Client:
    """A person signed in over plain HTTP. `status`, `url` and `page` are those of the last answer."""

    def __init__(self, product, email: str, password: str = DEMO_PASSWORD, timeout: float = TIMEOUT):
        self.product = product
        self.timeout = timeout
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.status, self.url, self.page, self.headers = 0, "", "", {}
        self.get("/sign-in")
        if hasattr(product, "count_sign_in"):
            product.count_sign_in()
        self.post("/sign-in", {"email": email, "password": password})
        assert self.status == 200 and "/sign-in" not in self.url, f"{email} could not sign in: {self.status} {self.url}"

    def _open(self, path: str, body: bytes | None):
        try:
            with self.opener.open(self.product.url(path), body, timeout=self.timeout) as r:
                self.status, self.url, self.page = r.status, r.geturl(), r.read().decode()
                self.headers = {k.lower(): v for k, v in r.headers.items()}
        except urllib.error.HTTPError as e:
            self.status, self.url, self.page = e.code, path, e.read().decode("utf-8", "replace")
            self.headers = {k.lower(): v for k, v in e.headers.items()}
        return self.status, self.url, self.page

    def get(self, path: str):
        """(status, final URL, page)."""
        return self._open(path, None)

    def post(self, path: str, form: dict):
        """Posts `form` with the CSRF token of the last page read: (status, final URL, page)."""
        csrf = re.search(r'name="_csrf" value="([^"]+)"', self.page)
        return self._open(path, urllib.parse.urlencode({**form, "_csrf": csrf[1] if csrf else ""}).encode())

    def new_token(self, name: str = "system tests") -> str:
        """An API token made under "Your account"."""
        self.get("/account")
        status, _, page = self.post("/account/tokens", {"name": name})
        found = re.search(r'<pre class="cw-code" id="new-token">([^<]+)</pre>', page)
        assert status == 200 and found, f"no API token was shown ({status}):\n{page[:2000]}"
        return found[1].strip()

    def api(self, method: str, path: str, token: str | None = None, body=None) -> Answer:
        """`api(...)` against this client's product (with `token`, the API takes no cookies)."""
        return api(self.product, method, path, token, body, self.timeout)
