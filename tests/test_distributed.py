"""Distributed mode: two workers sharing a scrapy-redis frontier in a real redis-server yield exactly the
findings of a single-process run, written by one SQLite writer."""

from __future__ import annotations

import json
import shutil

import pytest

from crawler.sites import site_from_target
from pantau.cluster import run_distributed
from pantau.sample_server import SampleSite
from pantau.sample_site import load_expected
from tests.helpers import RedisServer, rows, run_pantau

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server not installed (./dev setup)")
START = load_expected()["start_url"]


def findings(db, run_id):
    return sorted(
        (f["url"], f["unit"], f["service"] or "", f["component"], f["value"], f["snippet"])
        for f in rows(db, "findings", "run_id = ?", [run_id])
    )


def test_two_workers_find_exactly_what_one_process_finds(tmp_path):
    single_db, multi_db = tmp_path / "single.db", tmp_path / "multi.db"
    with SampleSite() as site, RedisServer() as redis_server:
        resolve = [f"{host}={addr}" for host, addr in site.resolve_map().items()]
        result = run_pantau("audit", START, "--db", str(single_db), "--delay", "0", "--quiet", "--json",
                            *[a for spec in resolve for a in ("--resolve", spec)])
        assert result.returncode == 0, result.stderr[-2000:]
        single_run = json.loads(result.stdout)["run_id"]
        site.clear_log()
        run_ids = run_distributed(str(multi_db), redis_server.url, "test-batch", [site_from_target(START)], workers=2,
                                  worker_settings={"resolve": resolve, "delay": 0, "timeout": 10, "workers": 2,
                                                   "concurrency": 16, "time_budget": 0})
        served = list(site.requests_log)
    (multi_run,) = run_ids.values()
    assert rows(multi_db, "runs")[0]["status"] == "finished"
    assert findings(multi_db, multi_run) == findings(single_db, single_run)
    single_pages = {p["url"] for p in rows(single_db, "pages")}
    assert {p["url"] for p in rows(multi_db, "pages")} == single_pages
    page_requests = [(h, p) for h, p, _ in served if not p.endswith(("robots.txt", "sitemap.xml"))]
    assert len(page_requests) == len(set(page_requests))  # the shared dupefilter: no page fetched twice
