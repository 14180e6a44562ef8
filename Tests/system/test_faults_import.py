"""SIGKILL during an import (issue 19, "Load and faults"): a value set's CSV (`commonweal
frameworks import big.csv --version …`) of 12,000 values (the OCDS import: test_faults_import_ocds.py).
After every kill: SQLite's checks pass and the value set is
wholly there or absent; the import run again to the end leaves exactly one copy, and one more
run is refused (the name is taken) with still one copy."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from faults import audit_verifies, cli, kill_until_done, query, sqlite_checks

VALUES = 12000
NAME = "Fault test values"


def test_sigkill_during_a_value_set_import_leaves_it_whole_or_absent():
    data = Path(tempfile.mkdtemp(prefix="commonweal-faults-import-"))
    try:
        assert cli(data, "demo").returncode == 0
        listed = cli(data, "frameworks", "list").stdout
        adopted = re.search(r"version 1  adopted  id ([0-9A-F-]{36})", listed)[1]
        tree = json.loads(cli(data, "frameworks", "export", "--version", adopted).stdout)
        # A framework with as many measures as the value set has values (one value a measure).
        theme, outcome, measure = tree["themes"][0], tree["themes"][0]["outcomes"][0], \
            tree["themes"][0]["outcomes"][0]["measures"][0]
        outcome["measures"] = [dict(measure, code=f"BIG{i}", name=f"Measure {i}") for i in range(VALUES)]
        tree["themes"] = [dict(theme, outcomes=[outcome])]
        (data / "big.json").write_text(json.dumps(tree))
        made = cli(data, "frameworks", "import", str(data / "big.json"), "--name", "Big", "--organisation",
                   "Saltmarsh District Council", "--review-on", "2027-06-01", timeout=240)
        assert made.returncode == 0, made.stderr
        version = re.search(r"version id ([0-9A-F-]{36})", made.stdout)[1]
        rows = "".join(f"BIG{i},{i}.50,GBP,2025,Fault test,OGL,\n" for i in range(VALUES))
        (data / "big.csv").write_text("measure_code,value_per_unit,currency,base_year,source,licence,notes\n" + rows)

        def copies() -> list:
            return query(data, "SELECT v.id, (SELECT count(*) FROM value_set_entries e WHERE e.value_set_id = v.id) "
                               "FROM value_sets v WHERE v.name = ?", NAME)

        def whole_or_absent() -> None:
            sqlite_checks(data)
            found = copies()
            assert found == [] or (len(found) == 1 and found[0][1] == VALUES), found

        args = ["frameworks", "import", str(data / "big.csv"), "--name", NAME, "--version", version]
        kills = kill_until_done(args, data, whole_or_absent)
        assert kills >= 2, f"only {kills} run(s) were killed before one finished"
        sqlite_checks(data)
        found = copies()
        assert len(found) == 1 and found[0][1] == VALUES, found
        # Once more, to the end: refused (the version already has a value set by that name), still one copy.
        again = cli(data, *args, timeout=240)
        assert again.returncode != 0 and "already has a value set" in again.stderr, again.stderr
        assert copies() == found
        audit_verifies(data)
        print(f"faults: SIGKILL during a {VALUES}-value import: {kills} kills, then exactly one copy")
    finally:
        shutil.rmtree(data, ignore_errors=True)
