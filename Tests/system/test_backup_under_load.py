"""Issue 19, "Backup, restore and data protection": the backup round trip under sustained writes.

While suppliers keep saving their return and commenting (and the buyer side reads), the operator
runs `commonweal backup --to FILE` several times. Each backup must pass `commonweal restore` into
a new data directory (integrity, migrations, foreign keys, the audit chain), verify with
`commonweal audit verify`, serve (a server started on the restored copy answers), and hold every
write acknowledged before that backup began. Then the writers stop, a last backup is taken and
restored, and every table's count equals the live database's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import harness
import loaddriver as load

BACKUPS = int(os.environ.get("COMMONWEAL_BACKUPS_UNDER_LOAD", "4"))


def restore(binary: Path, backup: Path, key: Path) -> Path:
    """`commonweal restore` into a new data directory, then `audit verify` there; the directory."""
    target = Path(tempfile.mkdtemp(prefix="commonweal-restored-"))
    env = dict(os.environ, COMMONWEAL_AUDIT_KEY_FILE=str(key))
    env.pop("DATABASE_URL", None)
    restored = load.commonweal(binary, "restore", str(backup), "--data-dir", str(target), env=env)
    assert restored.returncode == 0, f"restore of {backup.name} failed:\n{restored.stdout}{restored.stderr}"
    verified = load.commonweal(binary, "audit", "verify", "--data-dir", str(target), env=env)
    assert verified.returncode == 0, f"audit verify on the restored {backup.name}:\n{verified.stdout}{verified.stderr}"
    return target


def serves(binary: Path, data_dir: Path, key: Path) -> None:
    """A server started on the restored copy answers health and an API list."""
    port = harness.free_port()
    env = dict(os.environ, COMMONWEAL_AUDIT_KEY_FILE=str(key))
    env.pop("DATABASE_URL", None)
    with open(data_dir / "serve.log", "w+b") as log:
        process = subprocess.Popen(
            [str(binary), "serve", "--port", str(port), "--data-dir", str(data_dir)],
            cwd=data_dir, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, f"serve on the restored copy exited: {log_text(log)}"
                assert time.monotonic() < deadline, f"serve on the restored copy did not answer: {log_text(log)}"
                try:
                    with urllib.request.urlopen(base + "healthz", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.2)
            with urllib.request.urlopen(base + "api/v1/procurements", timeout=10) as r:
                assert r.status == 200
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def log_text(log) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-2000:]


def holds(data_dir: Path, narratives: list, comments: list, tag: str) -> None:
    """The restored database holds every write acknowledged before the backup began."""
    path = load.database_file(data_dir)
    checked, orphans = load.integrity(path)
    assert checked == ["ok"] and orphans == []
    stored = load.stored_comments(path, tag)
    missing = [c for c in comments if c not in stored]
    assert not missing, f"{len(missing)} comments acknowledged before the backup are not in it: {missing[:5]}"
    saved, _ = load.saved_narratives(path, tag)
    lost = [n for n in narratives if n not in saved]
    assert not lost, f"{len(lost)} return saves acknowledged before the backup are not in it: {lost[:5]}"


def test_backups_taken_under_write_load_restore_serve_and_hold_every_acknowledged_write(fresh_product, capsys):
    binary = fresh_product.binary
    live = fresh_product.data_dir
    key = live / "audit.key"
    backups = Path(tempfile.mkdtemp(prefix="commonweal-backups-"))
    restored_dirs = []
    demo = load.Demo(fresh_product)
    figures = load.Figures()
    running = load.Load(demo, figures, "backup", readers=1).start()
    taken = []
    try:
        for i in range(1, BACKUPS + 1):
            time.sleep(3)  # let the writers run between backups
            narratives, comments = figures.acknowledged()  # acknowledged before this backup began
            backup = backups / f"backup-{i}.sqlite"
            started = time.monotonic()
            made = load.commonweal(binary, "backup", "--to", str(backup), "--data-dir", str(live))
            assert made.returncode == 0, f"backup {i} failed:\n{made.stdout}{made.stderr}"
            took = time.monotonic() - started
            target = restore(binary, backup, key)
            restored_dirs.append(target)
            holds(target, narratives, comments, "backup")
            serves(binary, target, key)
            taken.append((len(narratives) + len(comments), took))
    finally:
        running.stop()

    assert not figures.errors, f"{len(figures.errors)} errors under load, the first: {figures.errors[:5]}"
    # The writers have stopped: a last backup equals the live database, table by table.
    narratives, comments = figures.acknowledged()
    last = backups / "backup-last.sqlite"
    made = load.commonweal(binary, "backup", "--to", str(last), "--data-dir", str(live))
    assert made.returncode == 0, made.stdout + made.stderr
    target = restore(binary, last, key)
    restored_dirs.append(target)
    holds(target, narratives, comments, "backup")
    assert load.table_counts(load.database_file(target)) == load.table_counts(load.database_file(live))
    serves(binary, target, key)

    with capsys.disabled():
        print(f"\nbackup under load: {len(taken)} backups taken while writing ("
              + ", ".join(f"{w} acknowledged writes before, backup {s:.1f} s" for w, s in taken)
              + f"), each restored, verified and served; {figures.requests} requests "
              f"({figures.writes} writes, {figures.reads} reads) in {running.seconds:.1f} s, "
              f"{len(figures.errors)} errors; the last backup's table counts equal the live database's")
    if not os.environ.get("COMMONWEAL_KEEP_DATA"):
        import shutil
        for d in restored_dirs + [backups]:
            shutil.rmtree(d, ignore_errors=True)
