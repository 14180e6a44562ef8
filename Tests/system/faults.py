"""Helpers for the fault tests: a product that can be killed with SIGKILL and started again on
the same data, the command line on a data folder, SQLite's own checks, and a throwaway
PostgreSQL cluster of the test's own.

Nothing here is specific to one importer: `kill_mid_run` kills any `commonweal` command part
way through, so the OCDS importer can be tested the same way once it exists."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import tempfile
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
    folder (then without --demo: nothing is loaded again), or on PostgreSQL (`database_url`).
    A data folder set before `start` (say, on a small disk) is the one served."""

    def __init__(self, name: str, database_url: str | None = None):
        super().__init__(harness.product_binary(), name, database_url=database_url)

    def start(self, timeout: float = 60.0, demo: bool = True, reuse_data_dir: bool = True) -> "Server":
        return super().start(timeout, demo=demo, reuse_data_dir=reuse_data_dir)

    def kill9(self) -> None:
        assert self.process is not None and self.process.poll() is None, "the server is not running"
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> "Server":
        return self.start(demo=False)


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


def kill_until_done(args: list[str], data_dir: Path, check, first: float = 0.25) -> int:
    """Runs `commonweal ARGS` again and again, killed with SIGKILL after 0.25, 0.5, 1, 2, … seconds
    (from a quarter of a second, so that the release build, which CI tests, is killed mid-way too),
    until a run finishes on its own; `check()` after every kill (the data as the kill left it).
    Returns how many runs were killed mid-way. Any long command fits: an importer, a backup."""
    kills, after = 0, first
    while kill_mid_run(args, data_dir, after):
        kills += 1
        check()
        after *= 2
        assert after < 300, "the command never finished"
    return kills
