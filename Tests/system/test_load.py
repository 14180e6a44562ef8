"""Issue 19, "Load and faults": a loopback load of mixed writes and reads for a bounded time.

A supplier saves its monitoring return and two suppliers comment on a procurement through the API
(with their tokens) while the commissioner's dashboard, the contract and procurement pages and
the API lists are read. Then: no errors (no 5xx, no refused or dropped connection, no timeout),
every acknowledged write is there (through the API and the pages, and in the SQLite file: the
comments by text and id, each saved narrative in the return's audit events, the last one stored),
the database is intact and its foreign keys hold, and `commonweal audit verify` passes.

`COMMONWEAL_LOAD_SECONDS` sets how long the load runs (20 s by default). The figures are printed
for SECURITY.md.
"""

from __future__ import annotations

import os

import loaddriver as load

SECONDS = float(os.environ.get("COMMONWEAL_LOAD_SECONDS", "20"))


def test_mixed_reads_and_writes_lose_nothing_and_fail_nothing(fresh_product, capsys):
    demo = load.Demo(fresh_product)
    figures = load.Figures()
    running = load.Load(demo, figures, "mixed").start()
    running.stopping.wait(SECONDS)
    running.stop()

    narratives, comments = figures.acknowledged()
    with capsys.disabled():
        print(f"\nload: {figures.requests} requests in {running.seconds:.1f} s "
              f"({figures.requests / running.seconds:.1f}/s): {figures.writes} writes "
              f"({len(narratives)} return saves, {len(comments)} comments acknowledged), "
              f"{figures.reads} reads, {len(figures.errors)} errors, slowest {figures.slowest:.2f} s")
    assert not figures.errors, f"{len(figures.errors)} errors, the first: {figures.errors[:5]}"
    assert narratives and comments and figures.reads, "the load did not write and read"

    # Through the API: the return holds the last acknowledged save.
    status, returns = load.api(fresh_product, "GET", f"/api/v1/contracts/{demo.contract}/returns", demo.sam_token)
    assert status == 200
    period = next(p for p in returns["periods"] if p["number"] == demo.period)
    assert period.get("narrative") == narratives[-1]
    # Through the pages: the buyer's comments page of the procurement shows every acknowledged one.
    _, _, page = demo.buyer.get(f"/procurements/{demo.procurement}/comments")
    missing = [c for c in comments if c not in page]
    assert not missing, f"{len(missing)} acknowledged comments are not on the procurement page: {missing[:5]}"

    # In the SQLite file: each acknowledged comment once, with an id; each save in the audit trail.
    path = load.database_file(fresh_product.data_dir)
    stored = load.stored_comments(path, "mixed")
    assert sorted(stored) == sorted(comments), "the stored comments are not exactly the acknowledged ones"
    assert len(set(stored.values())) == len(comments)
    saved, current = load.saved_narratives(path, "mixed")
    assert set(narratives) <= saved, f"saves acknowledged but not recorded: {sorted(set(narratives) - saved)[:5]}"
    assert current == narratives[-1]
    checked, orphans = load.integrity(path)
    assert checked == ["ok"] and orphans == []

    verified = load.commonweal(fresh_product.binary, "audit", "verify", "--data-dir", str(fresh_product.data_dir))
    assert verified.returncode == 0, verified.stdout + verified.stderr
