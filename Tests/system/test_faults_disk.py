"""A full disk under SQLite (issue 19, "Load and faults"): the data folder on a small tmpfs,
filled up while a supplier saves its return. The write that does not fit is answered 507 with
"The server's disk is full…" (the form shown again with what was typed), earlier data stays,
and once space is freed writes succeed again without restarting the server.

Mounting a tmpfs needs root (CAP_SYS_ADMIN): skipped otherwise, failed under CI=true."""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from client import Client, api
from faults import Server, audit_verifies, query, skip_or_fail, sqlite_checks

SUPPLIER = "supplier@brackenford-foodbank.example"
MESSAGE = b"The server's disk is full"


@pytest.fixture
def small_disk():
    mount = Path(tempfile.mkdtemp(prefix="commonweal-faults-disk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        os.rmdir(mount)
        skip_or_fail(f"cannot mount a small tmpfs for the full-disk test: {done.stderr.strip() or done.stdout}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    os.rmdir(mount)


def fill(path: Path, leave: int) -> None:
    """Writes `path` until fewer than `leave` bytes are free on its filesystem."""
    chunk = b"\0" * (1 << 20)
    with open(path, "ab") as f:
        while True:
            free = os.statvfs(path).f_bavail * os.statvfs(path).f_frsize
            if free <= leave:
                return
            try:
                f.write(chunk[: min(len(chunk), free - leave // 2)])
                f.flush()
            except OSError as e:
                assert e.errno == errno.ENOSPC
                return


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(small_disk):
    server = Server("disk-full")
    server.data_dir = small_disk / "data"
    server.data_dir.mkdir()
    server.start()
    try:
        person = Client(server, SUPPLIER)
        token = person.new_token()
        (contract,) = [row[0] for row in query(server.data_dir, "SELECT id FROM contracts")]
        overview = api(server, "GET", f"/api/v1/contracts/{contract}/returns", token).data
        period = [p["number"] for p in overview["periods"] if p.get("returnStatus") in (None, "draft")][0]
        url = f"/api/v1/contracts/{contract}/returns/{period}"

        filler = small_disk / "filler"
        fill(filler, leave=512 * 1024)
        acknowledged, refused = 0, None
        for n in range(1, 400):
            # Each save changes the narrative, so the audit trail grows by about 16 KB a save.
            narrative = f"save {n} " + ("x" * 8000)
            answer = api(server, "POST", url, token, {"narrative": narrative})
            status, headers, body = answer.status, answer.headers, answer.raw
            if status == 200:
                acknowledged = n
                continue
            refused = (n, status, headers, body)
            break
        assert refused is not None, f"{acknowledged} saves of 8 KB each fitted in the last 512 KB"
        n, status, headers, body = refused
        assert status == 507, f"save {n} on a full disk answered {status}: {body[:400]!r}"
        assert MESSAGE in body and headers.get("retry-after") == "30", (headers, body[:400])
        assert acknowledged >= 1

        # The form: refused with the same message, and what was typed is shown again.
        person.get(f"/contracts/{contract}/returns/{period}")
        typed = "Typed while the disk was full " + "y" * 8000
        person.post(f"/contracts/{contract}/returns/{period}", {"narrative": typed})
        assert person.status == 507, f"the form on a full disk answered {person.status}"
        assert "The server’s disk is full" in person.page or "The server's disk is full" in person.page \
            or "The server&#39;s disk is full" in person.page, person.page[:3000]
        assert typed in person.page, "what was typed is not on the page shown again"

        # Reads still work and the last acknowledged save is there.
        status, overview = api(server, "GET", f"/api/v1/contracts/{contract}/returns", token)
        assert status == 200
        stored = [p for p in overview["periods"] if p["number"] == period][0]
        assert stored["narrative"].startswith(f"save {acknowledged} ")

        # Space freed: the next write succeeds, with no restart.
        filler.unlink()
        answer = api(server, "POST", url, token, {"narrative": "after space was freed"})
        assert answer.status == 200, answer.raw[:400]
        person.get(f"/contracts/{contract}/returns/{period}")
        person.post(f"/contracts/{contract}/returns/{period}", {"narrative": typed})
        assert person.status == 200, person.page[:400]
        print(f"faults: full disk: {acknowledged} saves acknowledged before it filled, refused with 507, "
              "0 lost, writes again after space was freed")
    finally:
        if server.process is not None and server.process.poll() is None:
            server.process.terminate()
            server.process.wait(timeout=15)
        if server._log is not None:
            server._log.close()
            server._log = None
    sqlite_checks(server.data_dir)
    audit_verifies(server.data_dir)
    rows = query(server.data_dir, "SELECT narrative FROM monitoring_returns WHERE period_number = ?", period)
    assert rows == [(typed,)]
