"""SIGKILL during `commonweal import ocds` (issue 19, "Load and faults"; issue 17, "resumes after being
killed without duplicates"). The input is the repo's Contracts Finder sample (190 ocids) and OCP's
fictional example (1 ocid, with a contract), replicated COPIES times under new ocids, as JSON lines.
The import commits 100 records a transaction; it is killed after 0.25, 0.5, 1, … seconds until a run
finishes. After every kill: SQLite's checks pass and the records stored are whole batches. At the end
the counts are those of one clean import (counted from the fixture: organisations are matched, so
their number does not grow with the copies), one more run changes nothing, and the audit trail verifies."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from faults import audit_verifies, cli, kill_until_done, query, sqlite_checks

COPIES = 12
FIXTURES = Path(__file__).resolve().parents[1] / "OCDSTests" / "Fixtures"
# One copy: 190 + 1 records, 143 + 1 awards, 0 + 1 contracts, 369 + 2 organisations (hand counted
# with the docs' matching rules; the fictional example's two organisations match none of the others).
RECORDS, AWARDS, CONTRACTS, ORGANISATIONS = 191 * COPIES, 144 * COPIES, 1 * COPIES, 371


def write_input(path: Path) -> None:
    cf = json.loads((FIXTURES / "cf-2025-release-package.json").read_text())["releases"]
    fictional = json.loads((FIXTURES / "fictional-release-package.json").read_text())["releases"]
    with path.open("w") as out:
        for copy in range(COPIES):
            for release in cf + fictional:
                text = json.dumps(release)
                # New ocids (and the ids built from them) for each copy.
                text = text.replace("ocds-b5fd17-", f"ocds-b5fd17-c{copy}-").replace("ocds-213czf-", f"ocds-213czf-c{copy}-")
                out.write(text + "\n")


def counts(data: Path) -> dict:
    tables = ["ocds_procurements", "ocds_awards", "ocds_contracts", "organisations", "ocds_award_suppliers"]
    return {t: query(data, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def test_sigkill_during_an_ocds_import_resumes_without_duplicates():
    data = Path(tempfile.mkdtemp(prefix="commonweal-faults-ocds-"))
    try:
        write_input(data / "big.jsonl")
        assert cli(data, "migrate").returncode == 0
        partial = []

        def whole_batches() -> None:
            sqlite_checks(data)
            stored = counts(data)["ocds_procurements"]
            assert stored % 100 == 0 or stored == RECORDS, stored
            if 0 < stored < RECORDS:
                partial.append(stored)
            # No ocid twice, no organisation name twice.
            assert query(data, "SELECT ocid FROM ocds_procurements GROUP BY ocid HAVING count(*) > 1") == []
            assert query(data, "SELECT name FROM organisations GROUP BY name HAVING count(*) > 1") == []

        args = ["import", "ocds", str(data / "big.jsonl")]
        kills = kill_until_done(args, data, whole_batches)
        assert kills >= 2, f"only {kills} run(s) were killed before one finished"
        assert partial, "no kill landed part way through the import"
        sqlite_checks(data)
        found = counts(data)
        assert found["ocds_procurements"] == RECORDS
        assert found["ocds_awards"] == AWARDS
        assert found["ocds_contracts"] == CONTRACTS
        assert found["organisations"] == ORGANISATIONS
        again = cli(data, *args, timeout=240)
        assert again.returncode == 0, again.stderr
        assert f"Records: 0 created, 0 updated, {RECORDS} unchanged" in again.stdout, again.stdout
        assert counts(data) == found
        audit_verifies(data)
        print(f"faults: SIGKILL during an OCDS import of {RECORDS} records: {kills} kills "
              f"(stored part way: {partial}), then exactly one copy")
    finally:
        shutil.rmtree(data, ignore_errors=True)
