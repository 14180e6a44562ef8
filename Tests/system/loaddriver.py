"""A small load driver for the system tests (threads and the standard library only).

Writers do what a supplier really does: save its monitoring return through the API with its
token (`POST /api/v1/contracts/{id}/returns/{period}`) and comment on a procurement in the
pipeline (`POST /api/v1/procurements/{id}/comments`). Readers do what the buyer side does: read
the commissioner's dashboard, the contract and procurement pages (signed in, cookies) and the
API lists. Every request is counted; an error is a 5xx, any status the operation does not
answer when it works, a refused or dropped connection or a timeout. Each write the product
acknowledged (2xx) is kept, so a test can check afterwards that it is there.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from client import Client, api

COMMISSIONER = "commissioner@eastmoor-cc.example"
SAM = "supplier@brackenford-foodbank.example"  # the demo contract's supplier
KIM = "bids@kestrel-facilities.example"
TIMEOUT = 30  # seconds: a request that takes longer counts as an error (client.TIMEOUT)


@dataclass
class Figures:
    """What the load did, shared by its threads (under `lock`)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: int = 0
    writes: int = 0
    errors: list = field(default_factory=list)
    # What the product acknowledged, in the order it answered.
    narratives: list = field(default_factory=list)  # the return's narrative after each acknowledged save
    comments: list = field(default_factory=list)  # every acknowledged comment's text
    slowest: float = 0.0

    def count(self, kind: str, what: str, started: float, ok: bool, detail: str = "") -> None:
        took = time.monotonic() - started
        with self.lock:
            if kind == "read":
                self.reads += 1
            else:
                self.writes += 1
            self.slowest = max(self.slowest, took)
            if not ok:
                self.errors.append(f"{what}: {detail} after {took:.1f} s")

    @property
    def requests(self) -> int:
        return self.reads + self.writes

    def acknowledged(self) -> tuple[list, list]:
        with self.lock:
            return list(self.narratives), list(self.comments)


class Demo:
    """The demo data the load works on, found as its users would find it, and their tokens."""

    def __init__(self, product):
        self.product = product
        self.buyer = Client(product, COMMISSIONER)
        sam = Client(product, SAM)
        kim = Client(product, KIM)
        self.buyer_token = self.buyer.new_token("load readers")
        self.sam_token = sam.new_token("load writer")
        self.kim_token = kim.new_token("load writer")
        # Sam's contract, from the supplier's contracts list, and its first period due for a return.
        _, _, page = sam.get("/contracts")
        ids = re.findall(r'href="/contracts/([0-9A-Fa-f-]{36})"', page)
        assert ids, "Sam's contracts page lists no contract"
        self.contract = ids[0]
        status, returns = api(product, "GET", f"/api/v1/contracts/{self.contract}/returns", self.sam_token)
        assert status == 200, status
        # A period whose return is not yet started or still a draft (null fields are left out).
        open_periods = [p["number"] for p in returns["periods"] if p.get("returnStatus") in (None, "draft")]
        assert open_periods, f"no period of the demo contract takes a return: {returns['periods']}"
        self.period = open_periods[0]
        # A procurement in the pipeline that takes suppliers' comments.
        status, listed = api(product, "GET", "/api/v1/procurements?pageSize=100")
        assert status == 200, status
        items = listed["items"] if isinstance(listed, dict) else listed
        self.procurement = None
        for p in items:
            s, _ = api(product, "POST", f"/api/v1/procurements/{p['id']}/comments", self.sam_token,
                       {"comment": "load: may we comment?"})
            if s == 201:
                self.procurement = p["id"]
                break
        assert self.procurement, "no procurement in the pipeline takes a supplier's comment"


def save_return(demo: Demo, figures: Figures, n: int, tag: str) -> None:
    narrative = f"load-{tag}-return-{n}"
    started = time.monotonic()
    try:
        status, _ = api(demo.product, "POST", f"/api/v1/contracts/{demo.contract}/returns/{demo.period}",
                        demo.sam_token, {"narrative": narrative, "lines": {}})
    except Exception as e:  # noqa: BLE001 - a dropped connection or a timeout is an error to count
        figures.count("write", "save the return", started, False, repr(e))
        return
    ok = status == 200
    if ok:
        with figures.lock:
            figures.narratives.append(narrative)
    figures.count("write", "save the return", started, ok, f"status {status}")


def comment(demo: Demo, figures: Figures, token: str, n: int, tag: str) -> None:
    text = f"load-{tag}-comment-{n}"
    started = time.monotonic()
    try:
        status, _ = api(demo.product, "POST", f"/api/v1/procurements/{demo.procurement}/comments", token,
                        {"comment": text})
    except Exception as e:  # noqa: BLE001
        figures.count("write", "comment", started, False, repr(e))
        return
    if status == 201:
        with figures.lock:
            figures.comments.append(text)
    figures.count("write", "comment", started, status == 201, f"status {status}")


def read(demo: Demo, figures: Figures, session: Client, n: int) -> None:
    """One read of the buyer side, in turn: pages signed in, and the API with a token."""
    pages = ["/dashboard", f"/contracts/{demo.contract}", f"/procurements/{demo.procurement}",
             f"/procurements/{demo.procurement}/comments"]
    calls = ["/api/v1/procurements", f"/api/v1/contracts/{demo.contract}/returns",
             f"/api/v1/contracts/{demo.contract}/progress", f"/api/v1/contracts/{demo.contract}"]
    every = pages + calls
    path = every[n % len(every)]
    started = time.monotonic()
    try:
        if path in pages:
            status = session.get(path)[0]
        else:
            status = api(demo.product, "GET", path, demo.buyer_token)[0]
    except Exception as e:  # noqa: BLE001
        figures.count("read", f"GET {path}", started, False, repr(e))
        return
    figures.count("read", f"GET {path}", started, status == 200, f"status {status}")


class Load:
    """Writers and readers on their own threads until `stop()`."""

    def __init__(self, demo: Demo, figures: Figures, tag: str, readers: int = 3):
        self.demo, self.figures, self.tag = demo, figures, tag
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._returns, daemon=True),
            threading.Thread(target=self._comments, args=(demo.sam_token, "sam"), daemon=True),
            threading.Thread(target=self._comments, args=(demo.kim_token, "kim"), daemon=True),
        ] + [threading.Thread(target=self._reads, args=(i,), daemon=True) for i in range(readers)]
        self.started = 0.0
        self.seconds = 0.0

    def start(self) -> "Load":
        self.started = time.monotonic()
        for t in self.threads:
            t.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=TIMEOUT + 5)
        self.seconds = time.monotonic() - self.started

    def _returns(self) -> None:
        # One writer for the return, so its acknowledged saves are ordered: the last is what stays.
        n = 0
        while not self.stopping.is_set():
            n += 1
            save_return(self.demo, self.figures, n, self.tag)

    def _comments(self, token: str, who: str) -> None:
        n = 0
        while not self.stopping.is_set():
            n += 1
            comment(self.demo, self.figures, token, n, f"{self.tag}-{who}")

    def _reads(self, i: int) -> None:
        session = self.demo.buyer if i == 0 else None
        if session is None:
            session = Client(self.demo.product, COMMISSIONER)
        n = i
        while not self.stopping.is_set():
            read(self.demo, self.figures, session, n)
            n += 1


# ---------------------------------------------------------------------------------------------
# Checks on a database file


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / "commonweal.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


def integrity(path: Path) -> tuple[list, list]:
    """(PRAGMA integrity_check's rows, PRAGMA foreign_key_check's rows)."""
    with connect(path) as db:
        return ([r[0] for r in db.execute("PRAGMA integrity_check")],
                db.execute("PRAGMA foreign_key_check").fetchall())


def stored_comments(path: Path, tag: str) -> dict:
    """The load's comments in the database: {text: id}."""
    with connect(path) as db:
        rows = db.execute("SELECT comment, id FROM procurement_comments WHERE comment LIKE ?",
                          (f"load-{tag}-%",)).fetchall()
    return {text: ident for text, ident in rows}


def saved_narratives(path: Path, tag: str) -> tuple[set, str | None]:
    """The narratives the return's audit events record as saved, and the narrative stored now."""
    with connect(path) as db:
        events = db.execute(
            "SELECT changes FROM audit_events WHERE record_type = 'monitoring-return' AND changes LIKE ?",
            (f"%load-{tag}-return-%",)).fetchall()
        current = db.execute("SELECT narrative FROM monitoring_returns WHERE narrative LIKE ?",
                             (f"load-{tag}-return-%",)).fetchall()
    saved = set()
    for (changes,) in events:
        to = json.loads(changes).get("narrative", {}).get("to")
        if to:
            saved.add(to)
    return saved, (current[0][0] if current else None)


def table_counts(path: Path) -> dict:
    with connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def commonweal(binary: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=timeout, env=env)
