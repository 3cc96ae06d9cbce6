"""The coordinator side of distributed mode: plan the batch in Redis, start local workers, be the one writer.

    pantau nightly --redis redis://10.0.0.5:6379/0 --workers 2    # this machine: coordinator + 2 workers
    pantau worker --redis redis://10.0.0.5:6379/0                 # any other machine: one more worker
"""

from __future__ import annotations

import subprocess
import sys
import time

from crawler import distributed as d
from crawler.sites import Site
from pantau.recorder import Recorder, archive_dir_for
from pantau.storage import Store


def plan_batch(store: Store, conn, batch_id: str, sites: list[Site], worker_settings: dict) -> dict[str, int]:
    """Open one run per pemda and publish the plan; clears leftovers of a batch with the same id."""
    for name in ("plan", "requests", "dupefilter", "records", "workers"):
        conn.delete(d.key(batch_id, name))
    for site in sites:
        conn.delete(d.key(batch_id, f"pages:{site.pemda_id}"))
    run_ids = {}
    for site in sites:
        store.upsert_pemda(site.pemda_id, name=site.name, level=site.level, province=site.province)
        run_ids[site.pemda_id] = store.start_run(site.pemda_id, ",".join(site.domains),
                                                 {"distributed": True, **worker_settings}, batch_id=batch_id)
    d.save_plan(conn, batch_id, sites, run_ids, worker_settings)
    return run_ids


def worker_command(redis_url: str, batch_id: str) -> list[str]:
    return [sys.executable, "-m", "pantau.cli", "worker", "--redis", redis_url, "--batch", batch_id, "--quiet"]


def ingest(store: Store, conn, batch_id: str, archive_dir, done, poll: float = 1.0) -> int:
    """Write workers' records into STORE until DONE() is true and the list is empty; returns how many."""
    recorder = Recorder(store, archive_dir)
    records = d.key(batch_id, "records")
    count = 0
    try:
        while True:
            item = conn.blpop([records], timeout=poll)
            if item is not None:
                d.apply_record(recorder, item[1])
                count += 1
            elif done() and conn.llen(records) == 0:
                return count
    finally:
        recorder.close()


def run_distributed(db: str, redis_url: str, batch_id: str, sites: list[Site], workers: int,
                    worker_settings: dict, wait_for_remote: float = 0.0) -> dict[str, int]:
    """Coordinate a batch: plan, start WORKERS local workers, ingest, then finish and score the runs."""
    store = Store(db)
    conn = d.client(redis_url)
    run_ids = plan_batch(store, conn, batch_id, sites, worker_settings)
    procs = [subprocess.Popen(worker_command(redis_url, batch_id)) for _ in range(workers)]
    started = time.monotonic()

    def done() -> bool:
        local_done = all(p.poll() is not None for p in procs)
        remote_running = int(conn.get(d.key(batch_id, "workers")) or 0)
        return local_done and remote_running <= 0 and time.monotonic() - started >= wait_for_remote

    try:
        ingest(store, conn, batch_id, archive_dir_for(db), done)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            p.wait(timeout=30)
    status = "finished" if all(p.returncode == 0 for p in procs) else "interrupted"
    for run_id in run_ids.values():
        store.finish_run(run_id, status=status)
        store.score_run(run_id)
    for name in ("plan", "requests", "dupefilter", "records", "workers"):
        conn.delete(d.key(batch_id, name))
    return run_ids
