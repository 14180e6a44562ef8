"""SIGKILL during writes (issue 19, "Load and faults"): the server killed while suppliers save
their monitoring returns (the import killed part way through is in test_faults_import.py).
After the kill: SQLite's integrity and foreign-key checks pass, every acknowledged write is
there, nothing is half written, the audit trail verifies and the server starts again on it."""

from __future__ import annotations

import threading
import time

from client import Client, api
from faults import Server, audit_verifies, query, sqlite_checks

SUPPLIER = "supplier@brackenford-foodbank.example"
WRITERS = 4


def supplier_token(server: Server) -> str:
    """An API token made the way a supplier makes one: signed in, on the account page."""
    return Client(server, SUPPLIER).new_token()


def test_sigkill_while_returns_are_saved_loses_no_acknowledged_write():
    server = Server("kill-returns").start()
    try:
        token = supplier_token(server)
        (contract,) = [row[0] for row in query(server.data_dir, "SELECT id FROM contracts")]
        status, overview = api(server, "GET", f"/api/v1/contracts/{contract}/returns", token)
        assert status == 200, overview
        codes = sorted({line["measureCode"] for p in overview["periods"] for line in p.get("lines") or []})
        assert codes, overview
        periods = [p["number"] for p in overview["periods"] if p.get("returnStatus") in (None, "draft")][:WRITERS]
        assert len(periods) == WRITERS, overview

        acknowledged: dict[int, int] = {}   # period -> the highest save answered 2xx
        attempted: dict[int, int] = {}      # period -> the highest save sent
        errors: list[str] = []
        stop = threading.Event()

        def writer(period: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                attempted[period] = n
                lines = {code: {"quantity": str(n)} for code in codes}
                try:
                    answer = api(
                        server, "POST", f"/api/v1/contracts/{contract}/returns/{period}", token,
                        {"narrative": f"period {period} save {n}", "lines": lines, "confirmOverCommitment": True},
                        timeout=5)
                    status, body = answer.status, answer.raw
                except OSError:
                    return  # the server was killed
                if 200 <= status < 300:
                    acknowledged[period] = n
                elif not stop.is_set():
                    errors.append(f"period {period} save {n}: {status} {body[:300]!r}")
                    return

        threads = [threading.Thread(target=writer, args=(p,)) for p in periods]
        for t in threads:
            t.start()
        time.sleep(4)
        server.kill9()
        stop.set()
        for t in threads:
            t.join(timeout=15)
        assert not errors, errors
        acked = sum(acknowledged.values())
        assert acked >= WRITERS, f"too few writes were acknowledged before the kill: {acknowledged}"

        # On the files as the kill left them, then with the server started again on them.
        sqlite_checks(server.data_dir)
        audit_verifies(server.data_dir)
        server.restart()
        sqlite_checks(server.data_dir)
        for period in periods:
            rows = query(server.data_dir, "SELECT id, narrative FROM monitoring_returns WHERE period_number = ?",
                         period)
            assert len(rows) == 1, f"period {period}: {rows}"
            stored = int(rows[0][1].rsplit(" ", 1)[1])
            # The last acknowledged save, or the one in flight when the server died.
            assert acknowledged.get(period, 0) <= stored <= attempted[period], (period, stored, acknowledged)
            lines = query(server.data_dir, "SELECT claimed_quantity FROM monitoring_return_lines WHERE return_id = ?",
                          rows[0][0])
            assert lines, f"period {period}: a return without its lines"
            # Narrative and lines from the same save: nothing half written.
            assert len(lines) == len(codes) and {q for (q,) in lines} == {str(stored)}, (period, stored, lines)
        # The restarted server answers the same and takes writes again.
        status, _ = api(server, "POST", f"/api/v1/contracts/{contract}/returns/{periods[0]}", token,
                        {"narrative": "after the restart", "lines": {}})
        assert status == 200
        print(f"faults: SIGKILL during return saves: {acked} writes acknowledged, 0 lost")
    finally:
        server.stop()

