#!/usr/bin/env python3
"""OCDS speed and memory benchmark (issue 17, "Speed and memory"; Benchmarks/README.md).

    python3 Benchmarks/ocds/run.py --size 50MB [--bin PATH] [--ocdskit PATH] [--work DIR]

1. Generates one OCDS 1.1 release package of about --size bytes: the repo's real Contracts Finder
   sample (200 releases) and OCP's fictional example (6 releases), replicated under new ocids (copy k:
   `ocds-b5fd17-` becomes `ocds-b5fd17-bk-`) with their release dates moved k days later. Deterministic:
   the same size gives the same bytes.
2. `commonweal ocds compile FILE --output OUT` and `ocdskit compile --package --schema <the bundled
   schema> < FILE > OUT`, each a child process: wall time, and peak RSS from `os.wait4`'s rusage
   (ru_maxrss: that child alone). Checks that the two record packages are equal as parsed JSON
   (numbers compared by value: ocdskit writes 100.50 as 100.5). Prints throughput (MB/s, MB = 10^6
   bytes of input), the ratio and both peak RSS figures.
3. `commonweal migrate` into a fresh data directory (not measured), then `commonweal import ocds FILE`:
   throughput and peak RSS.

Without --bin the release build is built and used (`swift build -c release --product commonweal`,
`swift build -c release --show-bin-path`). ocdskit is not a dependency of the repo: install the pinned
version with
    python3 -m venv /tmp/ocdskit-venv && /tmp/ocdskit-venv/bin/pip install ocdskit==1.7.0 ocdsmerge==0.8.0
and pass --ocdskit /tmp/ocdskit-venv/bin/ocdskit (or put it on PATH); without it that baseline is skipped.
Not run by the test command: the figures are printed, not asserted (targets in docs/ocds.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "Tests" / "OCDSTests" / "Fixtures"
SCHEMA = REPO / "Sources" / "OCDS" / "Resources" / "release-schema-1__1__5-uk-profile-patched.json"
OCDSKIT_VERSION = "1.7.0"
INSTALL = (f"python3 -m venv /tmp/ocdskit-venv && /tmp/ocdskit-venv/bin/pip install ocdskit=={OCDSKIT_VERSION} "
           "ocdsmerge==0.8.0")


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*", text, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 50MB, 1GB)")
    units = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
    return int(Decimal(m.group(1)) * units[(m.group(2) or "B").lower()])


def shifted(date: str, days: int) -> str:
    moment = datetime.datetime.fromisoformat(date.replace("Z", "+00:00")) + datetime.timedelta(days=days)
    text = moment.isoformat()
    return text.replace("+00:00", "Z") if date.endswith("Z") else text


def generate(path: Path, size: int) -> tuple[int, int]:
    """Writes the release package; returns (releases, bytes)."""
    cf = json.loads((FIXTURES / "cf-2025-release-package.json").read_text())
    fictional = json.loads((FIXTURES / "fictional-release-package.json").read_text())
    sample = cf["releases"] + fictional["releases"]
    head = {k: v for k, v in cf.items() if k != "releases"}
    head["uri"] = f"https://example.org/benchmark/ocds-{size}.json"
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "releases": [\n'
    count = 0
    with path.open("w", encoding="utf-8") as out:
        written = out.write(opening)
        copy = 0
        while written < size:
            for release in sample:
                if written >= size:
                    break
                release = dict(release, date=shifted(release["date"], copy))
                text = json.dumps(release, ensure_ascii=False)
                text = text.replace("ocds-b5fd17-", f"ocds-b5fd17-b{copy}-").replace(
                    "ocds-213czf-", f"ocds-213czf-b{copy}-")
                written += out.write(("" if count == 0 else ",\n") + text)
                count += 1
            copy += 1
        written += out.write("\n]}\n")
    return count, path.stat().st_size


def measure(args: list[str], stdin: Path | None, stdout: Path, stderr: Path) -> tuple[int, float, int]:
    """Runs one child process; returns (exit status, wall seconds, peak RSS in bytes)."""
    with (open(stdin, "rb") if stdin else open(os.devnull, "rb")) as i, open(stdout, "wb") as o, \
            open(stderr, "wb") as e:
        start = time.monotonic()
        child = subprocess.Popen(args, stdin=i, stdout=o, stderr=e)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, wall, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def load(path: Path):
    with path.open("rb") as f:
        return json.load(f, parse_float=Decimal)


def mb(n: float) -> str:
    return f"{n / 10**6:,.1f} MB"


def report(name: str, status: int, wall: float, rss: int, size: int, err: Path) -> float:
    rate = size / 10**6 / wall
    print(f"{name:<32} exit {status}  {wall:8.2f} s  {rate:8.2f} MB/s  peak RSS {mb(rss)}")
    if status not in (0, 1):
        print(f"  stderr: {err.read_text(errors='replace')[-2000:]}")
    return rate


def release_binary() -> Path:
    print("Building the release binary (swift build -c release --product commonweal)…", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "commonweal"], cwd=REPO, check=True)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout.strip()
    return Path(out) / "commonweal"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("50MB"), help="input size, e.g. 50MB, 1GB")
    parser.add_argument("--bin", type=Path, help="the commonweal binary (default: build the release one)")
    parser.add_argument("--ocdskit", help="the ocdskit command (default: ocdskit on PATH)")
    parser.add_argument("--work", type=Path, help="directory for the files (default: a temporary one, removed)")
    args = parser.parse_args()

    binary = args.bin or release_binary()
    if not binary.exists():
        print(f"no commonweal binary at {binary}", file=sys.stderr)
        return 2
    ocdskit = args.ocdskit or shutil.which("ocdskit")
    work = args.work or Path(tempfile.mkdtemp(prefix="commonweal-ocds-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        source = work / "releases.json"
        releases, size = generate(source, args.size)
        print(f"commonweal: {binary}")
        print(f"Input: {source} — {releases:,} releases, {mb(size)} (OCDS 1.1 release package)")

        ours_out = work / "ours.json"
        status, wall, rss = measure([str(binary), "ocds", "compile", "--output", str(ours_out), str(source)], None,
                                    work / "ours.stdout", work / "ours.stderr")
        ours_rate = report("commonweal ocds compile", status, wall, rss, size, work / "ours.stderr")
        ours_rss = rss

        if ocdskit:
            kit_out = work / "ocdskit.json"
            status, wall, rss = measure([ocdskit, "compile", "--package", "--schema", str(SCHEMA)], source, kit_out,
                                        work / "ocdskit.stderr")
            kit_rate = report("ocdskit compile --package", status, wall, rss, size, work / "ocdskit.stderr")
            equal = status == 0 and load(ours_out) == load(kit_out)
            print(f"Outputs equal as parsed JSON: {'yes' if equal else 'NO'}")
            print(f"Compile throughput ratio (ours / ocdskit): {ours_rate / kit_rate:.2f}× (target ≥ 10×)")
            print(f"Compile peak RSS: ours {mb(ours_rss)}, ocdskit {mb(rss)} (target < 300 MB)")
        else:
            print(f"ocdskit not found: skipping the ocdskit baseline. Install ocdskit {OCDSKIT_VERSION} with\n"
                  f"  {INSTALL}\nand pass --ocdskit /tmp/ocdskit-venv/bin/ocdskit (or put it on PATH).")

        data = work / "data"
        data.mkdir(exist_ok=True)
        migrate = subprocess.run([str(binary), "migrate", "--data-dir", str(data)], capture_output=True, text=True)
        if migrate.returncode != 0:
            print(f"migrate failed: {migrate.stderr[-2000:]}")
            return 2
        status, wall, rss = measure([str(binary), "import", "ocds", "--data-dir", str(data), str(source)], None,
                                    work / "import.stdout", work / "import.stderr")
        report("commonweal import ocds", status, wall, rss, size, work / "import.stderr")
        for line in (work / "import.stdout").read_text().splitlines()[:3]:
            print("  " + line)
        print(f"Import peak RSS: {mb(rss)} (target < 300 MB)")
        return 0
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
