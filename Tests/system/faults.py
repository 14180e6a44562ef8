"""Helpers for the fault tests: a product that can be killed with SIGKILL and started again on
the same data, the command line on a data folder, SQLite's own checks, and a throwaway
PostgreSQL cluster of the test's own.

Nothing here is specific to one importer: `kill_mid_run` kills any `commonweal` command part
way through, so the OCDS importer can be tested the same way once it exists."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import harness

CI = os.environ.get("CI") == "true"


def skip_or_fail(reason: str) -> None:
    """Skips locally; under CI=true a missing prerequisite fails the test instead."""
    if CI:
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def env(**extra) -> dict:
    e = dict(os.environ)
    e.pop("DATABASE_URL", None)
    e.pop("COMMONWEAL_DATA_DIR", None)
    e.update(COMMONWEAL_BCRYPT_COST="4", COMMONWEAL_DEMO_PASSWORD=harness.DEMO_PASSWORD)
    e.update(extra)
    return e


def cli(data_dir: Path, *args: str, timeout: float = 120, **extra) -> subprocess.CompletedProcess:
    """`commonweal ARGS --data-dir DATA_DIR`, its output as text."""
    return subprocess.run(
        [str(harness.product_binary()), *args, "--data-dir", str(data_dir)], cwd=data_dir, env=env(**extra),
        capture_output=True, text=True, timeout=timeout)


def database(data_dir: Path) -> Path:
    return data_dir / "commonweal.sqlite"


def sqlite_checks(data_dir: Path) -> None:
    """SQLite's integrity check is `ok` and its foreign-key check finds nothing."""
    with sqlite3.connect(database(data_dir)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def query(data_dir: Path, sql: str, *params) -> list:
    with sqlite3.connect(database(data_dir)) as db:
        return db.execute(sql, params).fetchall()


def audit_verifies(data_dir: Path) -> str:
    done = cli(data_dir, "audit", "verify")
    assert done.returncode == 0, f"commonweal audit verify failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def kill_mid_run(args: list[str], data_dir: Path, after: float) -> bool:
    """Starts `commonweal ARGS`, sends SIGKILL after `after` seconds; True if it was still
    running (killed mid-way), False if it had already finished."""
    p = subprocess.Popen([str(harness.product_binary()), *args, "--data-dir", str(data_dir)], cwd=data_dir,
                         env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        p.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        return True


class Server(harness.Product):
    """`commonweal serve` that can be killed with SIGKILL and started again on the same data
    folder (then without --demo: nothing is loaded again), or on PostgreSQL (`database_url`)."""

    def __init__(self, name: str, database_url: str | None = None):
        super().__init__(harness.product_binary(), name)
        self.database_url = database_url

    def start(self, timeout: float = 60.0, demo: bool = True) -> "Server":
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix=f"commonweal-faults-{self.name}-"))
        for _ in range(3):
            port = harness.free_port()
            extra = dict(COMMONWEAL_PUBLIC_URL=f"http://127.0.0.1:{port}")
            if self.database_url:
                extra["DATABASE_URL"] = self.database_url
            self._log = open(self.data_dir / "serve.log", "a+b")
            args = [str(self.binary), "serve", "--port", str(port), "--data-dir", str(self.data_dir)]
            self.process = subprocess.Popen(args + (["--demo"] if demo else []), cwd=self.data_dir,
                                            env=env(**extra), stdin=subprocess.DEVNULL, stdout=self._log,
                                            stderr=subprocess.STDOUT)
            self.base_url = f"http://127.0.0.1:{port}/"
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    with urllib.request.urlopen(self.base_url + "healthz", timeout=2) as r:
                        if r.status == 200:
                            return self
                except (urllib.error.URLError, ConnectionError, OSError):
                    pass
                time.sleep(0.1)
            if self.process.poll() is None:
                raise RuntimeError(f"/healthz did not answer 200 in {timeout:.0f} s:\n{self.log_text()}")
            if "in use" not in self.log_text().lower():
                raise RuntimeError(f"`commonweal serve` exited:\n{self.log_text()}")
        raise RuntimeError("no free port")

    def kill9(self) -> None:
        assert self.process is not None and self.process.poll() is None, "the server is not running"
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> "Server":
        return self.start(demo=False)


def request(url: str, method: str = "GET", body: dict | None = None, token: str | None = None,
            timeout: float = 10) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names, body); HTTP errors are answers, not exceptions."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


class Postgres:
    """A throwaway PostgreSQL cluster on a free 127.0.0.1 port, as scripts/throwaway-postgres.sh
    starts one: as root the server runs as the `postgres` user (it refuses to run as root)."""

    def __init__(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            skip_or_fail("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
        self.bin = bins[-1].parent
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.getuid()).pw_name
        self.dir = Path(tempfile.mkdtemp(prefix="commonweal-faults-pg-"))
        self.port = harness.free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, self.user)
        self._run("initdb", "-D", str(self.dir / "data"), "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        self.start()
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                        "commonweal"], check=True, capture_output=True)
        self.url = f"postgres://{self.user}@127.0.0.1:{self.port}/commonweal?tlsmode=disable"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", self.user, "--"] + command
        done = subprocess.run(command, cwd=self.dir, capture_output=True, text=True, timeout=90)
        assert done.returncode == 0, f"{tool} failed:\n{done.stdout}\n{done.stderr}"

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "server.log"), "-s", "-w", "-t", "60",
                  "start", "-o", f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                  f"-c unix_socket_directories={self.dir} -c fsync=off")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-s", "-w", "stop", "-m", "fast")

    def remove(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-s", "-w", "stop", "-m", "immediate")
        except AssertionError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def kill_until_done(args: list[str], data_dir: Path, check, first: float = 1.0) -> int:
    """Runs `commonweal ARGS` again and again, killed with SIGKILL after 1, 2, 4, … seconds,
    until a run finishes on its own; `check()` after every kill (the data as the kill left it).
    Returns how many runs were killed mid-way. Any long command fits: an importer, a backup."""
    kills, after = 0, first
    while kill_mid_run(args, data_dir, after):
        kills += 1
        check()
        after *= 2
        assert after < 300, "the command never finished"
    return kills


class SignedIn:
    """A person signed in over plain HTTP: posts forms with the CSRF token of the last page."""

    def __init__(self, server: harness.Product, email: str):
        import http.cookiejar
        self.server = server
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.page = ""
        self.get("/sign-in")
        self.post("/sign-in", {"email": email, "password": harness.DEMO_PASSWORD})
        assert self.status == 200 and "/sign-in" not in self.url, f"{email} could not sign in"

    def _open(self, path: str, form: dict | None) -> str:
        import re
        body = None
        if form is not None:
            csrf = re.search(r'name="_csrf" value="([^"]+)"', self.page)
            body = urllib.parse.urlencode({**form, "_csrf": csrf[1] if csrf else ""}).encode()
        try:
            with self.opener.open(self.server.url(path), body, timeout=10) as r:
                self.status, self.url, self.page = r.status, r.geturl(), r.read().decode()
        except urllib.error.HTTPError as e:
            self.status, self.url, self.page = e.code, path, e.read().decode()
            self.headers = {k.lower(): v for k, v in e.headers.items()}
        return self.page

    def get(self, path: str) -> str:
        return self._open(path, None)

    def post(self, path: str, form: dict) -> str:
        return self._open(path, form)

    def new_token(self) -> str:
        import re
        self.get("/account")
        self.post("/account/tokens", {"name": "faults"})
        found = re.search(r'<pre class="cw-code" id="new-token">([^<]+)</pre>', self.page)
        assert found, f"no token shown after creating one:\n{self.page[:2000]}"
        return found[1]
