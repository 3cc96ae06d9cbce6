"""The coordinator side of distributed mode: plan the batch in Redis, start local workers, be the one writer.

    pantau nightly --redis redis://10.0.0.5:6379/0 --workers 2    # this machine: coordinator + 2 workers
    pantau worker --redis redis://10.0.0.5:6379/0                 # any other machine: one more worker
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

from crawler import distributed as d
from crawler.error_kinds import REJECTED_RECORD
from crawler.sites import Site
from pantau.recorder import Recorder, archive_dir_for
from pantau.storage import Store

logger = logging.getLogger(__name__)
REJECTED = REJECTED_RECORD  # the error kind of a worker message the ingest refused


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


def worker_command(redis_url: str, batch_id: str, resolve: list[str] = ()) -> list[str]:
    """A local worker's command line: the Redis password, if any, is left out (it goes in the environment)."""
    url, _ = d.split_password(redis_url)
    return [sys.executable, "-m", "pantau.cli", "worker", "--redis", url, "--batch", batch_id, "--quiet",
            *[a for spec in resolve for a in ("--resolve", spec)]]


def worker_env(redis_url: str) -> dict[str, str]:
    _, password = d.split_password(redis_url)
    return {**os.environ, d.PASSWORD_ENV: password} if password else dict(os.environ)


def ingest(store: Store, conn, batch_id: str, archive_dir, done, scope: d.BatchScope, poll: float = 1.0) -> int:
    """Write workers' records into STORE until DONE() is true and the list is empty; returns how many were
    stored. A record SCOPE refuses (or that fails to store) is logged and kept as a `rejected_record` error row
    (on its run if it names one of the batch's, else with no run), and ingestion goes on."""
    recorder = Recorder(store, archive_dir)
    records = d.key(batch_id, "records")
    count = 0
    try:
        while True:
            item = conn.blpop([records], timeout=poll)
            if item is not None:
                count += _ingest_one(recorder, item[1], scope, batch_id)
            elif done() and conn.llen(records) == 0:
                return count
    finally:
        recorder.close()


def _ingest_one(recorder: Recorder, data: bytes, scope: d.BatchScope, batch_id: str) -> int:
    try:
        d.apply_record(recorder, data, scope)
        return 1
    except d.RejectedRecord as exc:
        run_id, url, reason = exc.run_id, exc.url, str(exc)
    except Exception as exc:  # the one writer outlives any record: a run must not stay `running`
        logger.exception("batch %s: storing a worker record failed", batch_id)
        run_id, url, reason = None, None, f"storing failed: {type(exc).__name__}: {str(exc)[:300]}"
    logger.error("batch %s: rejected a worker record: %s", batch_id, reason)
    recorder.error(run_id, url, REJECTED, f"batch {batch_id}: {reason}")
    return 0


def run_distributed(db: str, redis_url: str, batch_id: str, sites: list[Site], workers: int,
                    worker_settings: dict, wait_for_remote: float = 0.0) -> dict[str, int]:
    """Coordinate a batch: plan, start WORKERS local workers, ingest, then finish and score the runs."""
    store = Store(db)
    conn = d.client(redis_url)
    run_ids = plan_batch(store, conn, batch_id, sites, worker_settings)
    resolve = worker_settings.get("resolve") or []  # local workers get it on their command line, not from Redis
    procs = [subprocess.Popen(worker_command(redis_url, batch_id, resolve), env=worker_env(redis_url))
             for _ in range(workers)]
    started = time.monotonic()

    def done() -> bool:
        local_done = all(p.poll() is not None for p in procs)
        return local_done and _count(conn.get(d.key(batch_id, "workers"))) <= 0 \
            and time.monotonic() - started >= wait_for_remote

    ingested = False
    try:
        ingest(store, conn, batch_id, archive_dir_for(db), done, d.BatchScope.of(sites, run_ids))
        ingested = True
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker that ignores SIGTERM must not keep the runs open
                p.kill()
                p.wait(timeout=30)
        # Even if the ingest itself failed (Redis gone), no run of the batch stays `running`.
        status = "finished" if ingested and all(p.returncode == 0 for p in procs) else "interrupted"
        for run_id in run_ids.values():
            store.finish_run(run_id, status=status)
            store.score_run(run_id)
    for name in ("plan", "requests", "dupefilter", "records", "workers"):
        conn.delete(d.key(batch_id, name))
    return run_ids


def _count(raw: bytes | None) -> int:
    """The running-worker counter; anything but a whole number (tampered with) counts as none."""
    try:
        return int(raw or 0)
    except ValueError:
        return 0
