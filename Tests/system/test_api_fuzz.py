"""API fuzzing (issue 19, "Fuzzing"): schemathesis against the served OpenAPI document.

Every operation of `GET /api/v1/openapi.json`, as each role in turn — no token, the demo's
installation administrator, a commissioner and a supplier — with every path parameter seeded
from the demo's own records (read from the fuzz server's SQLite file) so that every operation
with a path id gets requests with a real id, a fixed seed and a bounded number of examples,
positive and negative (invalid) data, and every schemathesis check: zero failures. A schema-valid
body refused with 422 is a failure (`positive_data_acceptance`), except for the operations of
`SCHEMA_GAPS`; invalid data accepted is a failure except for `INVALID_ACCEPTED`. docs/security.md ("API fuzzing") gives the figures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

from client import Client, api

SEED = 19
# Examples per operation and phase. 120 operations x 4 roles must stay within about 4 minutes on
# the debug build on a 2-core machine (the test prints the time of each pass).
MAX_EXAMPLES = 2
ROLES = [
    ("anonymous", None),
    ("administrator", "admin@eastmoor.example"),
    ("commissioner", "commissioner@eastmoor-cc.example"),
    ("supplier", "supplier@brackenford-foodbank.example"),  # Brackenford Foodbank: bids and the contract
]
# The user whose id is seeded for /users/{id} (disabled, enabled, memberships removed by the
# administrator's pass): not one of the roles above, whose tokens must keep working.
SEEDED_USER = "viewer@brackenford-dc.example"

# Operations whose request body can be schema-valid and still be refused with a 422 naming the
# field, because the rule is one a JSON schema does not state: a reference to another record that
# must exist and fit (organisationId, ownerId, compactId, themeId, targetId, outcomeId, a line's
# measure code), uniqueness (names, codes, a signatory or seat already there), totals and fields
# that depend on each other (weights totalling 100, a question's options for its kind, a scale's
# top, dates in order, a reason required with some choices, a real calendar date, an opaque cursor
# the server issued, exactly one of several query parameters), or the record's state (a transition
# or amendment that this state does not allow, a measure still in use). The list is what the
# fuzzer found refused with a schema-valid body on 2026-12-07 after the schemas were given their
# required members, minLength and control-character patterns; an operation leaves it when its
# schema states its rules (docs/security.md, "API fuzzing").
SCHEMA_GAPS = [
    "DELETE /api/v1/framework-outcomes/{id}",
    "DELETE /api/v1/framework-themes/{id}",
    "DELETE /api/v1/measures/{id}",
    "POST /api/v1/compacts",
    "POST /api/v1/compacts/{id}/amendments",
    "POST /api/v1/compacts/{id}/group",
    "POST /api/v1/compacts/{id}/reviews",
    "POST /api/v1/compacts/{id}/signatories",
    "POST /api/v1/compacts/{id}/strategy/amendments",
    "POST /api/v1/compacts/{id}/strategy/signups",
    "POST /api/v1/consultations",
    "POST /api/v1/consultations/{id}/outcome/amendments",
    "POST /api/v1/consultations/{id}/questions",
    "POST /api/v1/consultations/{id}/responses",
    "POST /api/v1/contracts/{id}/assessments",
    "POST /api/v1/contracts/{id}/assessments/{assessmentId}/amendments",
    "POST /api/v1/contracts/{id}/failures",
    "POST /api/v1/contracts/{id}/kpi-position",
    "POST /api/v1/contracts/{id}/kpis",
    "POST /api/v1/contracts/{id}/returns/{period}",
    "POST /api/v1/decommissioning/notice-check",
    "POST /api/v1/decommissioning/{id}/proposal/amendments",
    "POST /api/v1/engagement-events/{id}/notes",
    "POST /api/v1/evaluations",
    "POST /api/v1/framework-comments/{id}/response/amendments",
    "POST /api/v1/framework-versions/{id}/comments",
    "POST /api/v1/framework-versions/{id}/measures",
    "POST /api/v1/framework-versions/{id}/outcomes",
    "POST /api/v1/framework-versions/{id}/transition",
    "POST /api/v1/framework-versions/{id}/value-sets",
    "POST /api/v1/frameworks",
    "POST /api/v1/frameworks/{id}/versions",
    "POST /api/v1/organisations",
    "POST /api/v1/procurements",
    "POST /api/v1/procurements/{id}/comments",
    "POST /api/v1/procurements/{id}/consideration/amendments",
    "POST /api/v1/procurements/{id}/events",
    "POST /api/v1/procurements/{id}/transition",
    "POST /api/v1/screenings",
    "POST /api/v1/sroi",
    "GET /api/v1/ocds/releases",
    "GET /api/v1/indicators",
    "GET /api/v1/reports/act",
    "POST /api/v1/tenders/{id}/cancel",
    "POST /api/v1/users",
    "POST /api/v1/users/{id}/memberships",
    "PUT /api/v1/compacts/{id}/principles/{principleId}",
    "PUT /api/v1/compacts/{id}/settings",
    "PUT /api/v1/compacts/{id}/strategy",
    "PUT /api/v1/consultations/{id}",
    "PUT /api/v1/consultations/{id}/outcome",
    "PUT /api/v1/consultations/{id}/questions/{questionId}",
    "PUT /api/v1/framework-outcomes/{id}",
    "PUT /api/v1/framework-themes/{id}",
    "PUT /api/v1/measures/{id}",
    "PUT /api/v1/organisations/{id}",
    "PUT /api/v1/procurements/{id}",
    "PUT /api/v1/value-sets/{id}/values.csv",
]
SCHEMA_GAP_REASON = "rules across fields, references to other records, uniqueness or the record's state"

# Invalid data the server accepts, each with why: known findings, not yet fixed. None today.
INVALID_ACCEPTED: dict[str, str] = {}

# Operations with a path id that may stay at 404 for every role, each with why. None today.
ALWAYS_404: dict[str, str] = {}


def _rows(db: sqlite3.Connection, sql: str, *params) -> list:
    return [r[0] for r in db.execute(sql, params).fetchall()]


def seeded_parameters(database: Path, operations: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """For each operation (method, path template) with path parameters, a real value for each,
    read from the demo's records. A DELETE gets another record than the other methods (the last
    where they get the first), so that deleting it leaves the rest reachable."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        one = lambda sql, *p: _rows(db, sql, *p)  # noqa: E731
        consultation = one("SELECT consultation_id FROM consultation_documents")[0]
        open_tender = one("SELECT id FROM tenders WHERE status = 'published' AND id IN (SELECT tender_id FROM bids "
                          "WHERE organisation_id IN (SELECT m.organisation_id FROM memberships m JOIN users u "
                          "ON u.id = m.user_id WHERE u.email = ?))", ROLES[3][1])[0]
        (scored_tender, scored_bid, criterion) = db.execute(
            "SELECT tender_id, bid_id, criterion_id FROM moderated_scores ORDER BY criterion_id").fetchone()
        user = one("SELECT id FROM users WHERE email = ?", SEEDED_USER)[0]
        contract = one("SELECT id FROM contracts")[0]
        period = (one("SELECT period_number FROM monitoring_returns WHERE contract_id = ?", contract) or [1])[0]
        # The records of each collection: the first is used, the last for a DELETE.
        ids = {
            "organisations": one("SELECT id FROM organisations ORDER BY name"),
            "users": [user],
            "compacts": one("SELECT id FROM compacts ORDER BY name"),
            "frameworks": one("SELECT id FROM frameworks ORDER BY name"),
            "framework-versions": one("SELECT id FROM framework_versions ORDER BY status = 'draft' DESC, number"),
            "measures": one("SELECT id FROM framework_measures ORDER BY ordinal, id"),
            "framework-comments": one("SELECT id FROM framework_comments ORDER BY created_at"),
            "value-sets": one("SELECT id FROM value_sets ORDER BY created_at"),
            "framework-themes": one("SELECT id FROM framework_themes ORDER BY ordinal, id"),
            "framework-outcomes": one("SELECT id FROM framework_outcomes ORDER BY ordinal, id"),
            "consultations": [consultation] + one("SELECT id FROM consultations WHERE id != ? ORDER BY created_at",
                                                  consultation),
            "responses": one("SELECT id FROM consultation_responses ORDER BY created_at"),
            "procurements": one("SELECT procurement_id FROM engagement_events")
            + one("SELECT id FROM procurements ORDER BY started_on"),
            "engagement-events": one("SELECT id FROM engagement_events ORDER BY created_at"),
            "tenders": [scored_tender],
            "contracts": [contract],
            "decommissioning": one("SELECT id FROM decommissioning_cases"),
        }
        children = {
            "membershipId": lambda _: one("SELECT id FROM memberships WHERE user_id = ?", user),
            "signatoryId": lambda c: one("SELECT id FROM compact_signatories WHERE compact_id = ? ORDER BY signed_on", c),
            "seatId": lambda c: one("SELECT id FROM compact_group_seats WHERE compact_id = ? ORDER BY position", c),
            "principleId": lambda c: one("SELECT id FROM compact_principles WHERE compact_id = ? ORDER BY ordinal", c),
            "questionId": lambda c: one("SELECT id FROM consultation_questions WHERE consultation_id = ? "
                                        "ORDER BY ordinal", c),
            "documentId": lambda c: one("SELECT id FROM consultation_documents WHERE consultation_id = ?", c),
            "bidId": lambda _: [scored_bid],
            "key": lambda _: [criterion],
            "period": lambda _: [period],
            "assessmentId": lambda c: one("SELECT series_id FROM kpi_assessments WHERE contract_id = ? "
                                          "ORDER BY recorded_at", c),
        }
        seeds = {}
        for method, path in operations:
            names = re.findall(r"{(\w+)}", path)
            if not names:
                continue
            collection = path.split("/")[3]
            last = method == "DELETE"
            values = {}
            if collection == "ocds":
                # A published procurement's record: the default ocid prefix and its id (docs/ocds.md).
                values["ocid"] = "ocds-commonweal-" + str(one("SELECT procurement_id FROM tenders WHERE id = ?",
                                                              scored_tender)[0]).lower()
            elif collection == "tenders" and re.search(r"/(bid|bid/submit|bid/withdraw|cancel)$", path):
                values["id"] = open_tender  # the supplier's own bid on an open tender
            elif collection == "consultations" and "/outcome" in path:
                values["id"] = one("SELECT consultation_id FROM consultation_outcomes ORDER BY consultation_id")[0]
            else:
                found = ids.get(collection) or []
                # A DELETE of a nested record keeps its parent (the first): only the child differs.
                deletes_parent = last and path.endswith("{id}")
                values["id"] = found[-1] if deletes_parent and found else (found[0] if found else None)
            for name in names[1:]:
                found = children[name](values["id"])
                values[name] = (found[-1] if last else found[0]) if found else None
            missing = [n for n, v in values.items() if v is None]
            assert not missing, f"the demo has no record for {missing} of {method} {path}"
            seeds[(method, path)] = values
        return seeds
    finally:
        db.close()


def config_file(seeds: dict, directory: Path) -> Path:
    """A schemathesis.toml giving each operation's path parameters their seeded values."""
    lines = [
        # A body too large for the server is refused with 413: a rejection, like 400 or 422.
        "[checks.negative_data_rejection]",
        'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]',
        "",
    ]
    for label in SCHEMA_GAPS:
        lines += [
            f"# {SCHEMA_GAP_REASON}",
            "[[operations]]",
            # One filter: separate include-method and include-path filters would match either.
            f"include-name = '{label}'",
            'checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]',
            "",
        ]
    for label, why in sorted(INVALID_ACCEPTED.items()):
        lines += [f"# {why}", "[[operations]]", f"include-name = '{label}'",
                  'checks.negative_data_rejection.expected-statuses = ["2xx", "400", "401", "403", "404", "405", "406", '
                  '"409", "413", "415", "422", "428", "429"]', ""]
    for (method, path), values in sorted(seeds.items()):
        parameters = ", ".join(f'"path.{k}" = {json.dumps(v)}' for k, v in values.items())
        lines += [
            "[[operations]]",
            f"include-name = '{method} {path}'",
            f"parameters = {{ {parameters} }}",
            "",
        ]
    path = directory / "schemathesis.toml"
    path.write_text("\n".join(lines))
    return path


def run_schemathesis(product, config: Path, token: str | None, har: Path) -> tuple[int, str]:
    # The `st` installed beside the python3 running the tests (pip's scripts), else on PATH.
    beside = Path(sys.executable).with_name("st")
    st = str(beside) if beside.is_file() else shutil.which("st")
    assert st, "schemathesis is not installed: pip install schemathesis==4.32.5 (.ci/run does)"
    command = [
        st, "--config-file", str(config), "run", product.url("api/v1/openapi.json"),
        # Every check. None is excluded: ignored_auth and object-level checks need a token and
        # run in the passes with one; the others apply to every operation.
        "--checks", "all",
        "--mode", "all",  # positive and negative (invalid) data
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--workers", "2",
        "--request-timeout", "30",
        "--report", "har", "--report-har-path", str(har),
        "--no-color",
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    # A safety net, not a speed check: a pass takes 1 to 5 minutes, longer on a loaded machine.
    done = subprocess.run(command, capture_output=True, text=True, timeout=1500, cwd=config.parent)
    return done.returncode, done.stdout + done.stderr


def _matchers(operations: list[tuple[str, str]]):
    """(method, regex, template), literal paths before templated ones: `/consultations/compliance`
    is its own operation, not `/consultations/{id}`."""
    out = []
    for method, path in operations:
        pattern = "^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$"
        out.append((path.count("{"), method, re.compile(pattern), path))
    return [(m, r, p) for _, m, r, p in sorted(out, key=lambda t: t[0])]


def answers_by_operation(har: Path, matchers) -> dict[str, Counter]:
    """Statuses answered per operation ("METHOD /path/{template}") in a HAR file."""
    found: dict[str, Counter] = defaultdict(Counter)
    if not har.is_file():
        return found
    for entry in json.loads(har.read_text()).get("log", {}).get("entries", []):
        method = entry["request"]["method"].upper()
        path = urllib.parse.urlsplit(entry["request"]["url"]).path
        for m, regex, template in matchers:
            if m == method and regex.match(path):
                found[f"{method} {template}"][entry["response"]["status"]] += 1
                break
    return found


def test_the_api_survives_fuzzing_as_every_role(fresh_product):
    status, document = api(fresh_product, "GET", "/api/v1/openapi.json")
    assert status == 200
    operations = [(m.upper(), p) for p, ops in document["paths"].items() for m in ops
                  if m in ("get", "put", "post", "delete", "patch")]
    seeds = seeded_parameters(fresh_product.data_dir / "commonweal.sqlite", operations)
    tokens = {role: Client(fresh_product, email).new_token("fuzzing") if email else None for role, email in ROLES}
    matchers = _matchers(operations)
    with tempfile.TemporaryDirectory(prefix="commonweal-fuzz-") as directory:
        config = config_file(seeds, Path(directory))
        results = []
        for role, _ in ROLES:
            har = Path(directory) / f"{role}.har"
            started = time.monotonic()
            code, output = run_schemathesis(fresh_product, config, tokens[role], har)
            results.append((role, code, output, time.monotonic() - started, answers_by_operation(har, matchers)))

    logs = os.environ.get("COMMONWEAL_FUZZ_LOGS")  # a folder to keep schemathesis's whole output in
    if logs:
        Path(logs).mkdir(parents=True, exist_ok=True)
        for role, _, output, _, _ in results:
            (Path(logs) / f"{role}.txt").write_text(output)
    total = 0
    reached: Counter = Counter()  # operation -> answers that were neither 401 nor 404, with a token
    for role, code, output, seconds, answers in results:
        requests = sum(sum(c.values()) for c in answers.values())
        total += requests
        print(f"--- schemathesis as {role}: exit {code}, {requests} requests, {len(answers)} operations, "
              f"{seconds:.0f} s\n{output[-3000:]}")
        if role != "anonymous":
            for operation, statuses in answers.items():
                reached[operation] += sum(n for s, n in statuses.items() if s not in (401, 404))
    with_ids = sorted(f"{m} {p}" for m, p in seeds)
    print(f"--- {total} requests in all, {len(operations)} operations, {len(ROLES)} roles, "
          f"{sum(r[3] for r in results):.0f} s")
    print("--- answers other than 401 and 404 to a token, per operation with a path id:")
    for operation in with_ids:
        print(f"{reached[operation]:6d}  {operation}")
    stuck = [op for op in with_ids if reached[op] == 0 and op not in ALWAYS_404]

    # Zero failures of any check. A "Runtime Error" is schemathesis itself failing to build
    # a case (seen: a KeyError and Python's "AST constructor recursion depth mismatch" on
    # deeply nested generated bodies), not an answer of the API: it is shown, not counted.
    failed = [
        (role, output)
        for role, code, output, _, _ in results
        if "= SUMMARY =" not in output
        or re.search(r"❌ ST\d+", output)
        or re.search(r"^\s*🚫 (?!Runtime Error)[^:\n]+: \d+$", output, re.M)
    ]
    assert not failed, "\n\n".join(f"schemathesis as {role} found failures:\n{out[-12000:]}" for role, out in failed)
    assert not stuck, f"operations that never got past 404 with a seeded id: {stuck}"
