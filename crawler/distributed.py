"""Distributed mode on scrapy-redis: several worker processes, on one machine or many, share one frontier.

Redis holds, per batch (`pantau:<batch>:…`):
- `plan`: the sites and their run ids (written by the coordinator, read by every worker);
- `requests` and `dupefilter`: scrapy-redis's shared request queue and seen-set;
- `records`: what workers found, as JSON messages, consumed by `pantau ingest` — the one SQLite writer;
- `pages:<pemda>`: a shared page counter, so a site's page budget holds across workers;
- `workers`: how many workers are running.
Politeness holds across workers by dividing each host's concurrency and multiplying its delay by the worker
count. Workers stop after PANTAU_IDLE_TIMEOUT seconds with an empty queue.
"""

from __future__ import annotations

import base64
import json
import time
import warnings

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler.sites import Site

# scrapy-redis 0.9 still passes `spider=` to the stats collector; Scrapy 2.19 warns on every request.
warnings.filterwarnings("ignore", message=".*'spider' argument to StatsCollector", module="scrapy_redis")


def key(batch_id: str, name: str) -> str:
    return f"pantau:{batch_id}:{name}"


def client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


def scrapy_settings(redis_url: str, batch_id: str, workers: int, per_domain: int = 2, delay: float = 0.5) -> dict:
    """The settings that turn a pantau crawl into one worker of a distributed batch."""
    return {
        "PANTAU_REDIS_URL": redis_url, "PANTAU_BATCH_ID": batch_id, "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": key(batch_id, "requests"),
        "SCHEDULER_DUPEFILTER_KEY": key(batch_id, "dupefilter"),
        "SCHEDULER_PERSIST": True,  # the queue outlives one worker; the coordinator deletes it at the end
        "ITEM_PIPELINES": {"crawler.pipelines.RedisSinkPipeline": 300},
        "EXTENSIONS": {"crawler.extensions.Progress": 500, "crawler.distributed.IdleTimeout": 510},
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(1, per_domain // max(workers, 1)),
        "DOWNLOAD_DELAY": delay * max(workers, 1),
        "PANTAU_INCREMENTAL": False,
    }


def save_plan(conn: redis.Redis, batch_id: str, sites: list[Site], run_ids: dict[str, int], settings: dict) -> None:
    conn.set(key(batch_id, "plan"), json.dumps({
        "sites": [s.to_dict() | {"start_urls": s.start_urls} for s in sites], "run_ids": run_ids,
        "settings": settings,
    }))


def load_plan(settings) -> dict:
    conn = client(settings.get("PANTAU_REDIS_URL"))
    raw = conn.get(key(settings.get("PANTAU_BATCH_ID"), "plan"))
    if raw is None:
        raise RuntimeError(f"no plan in Redis for batch {settings.get('PANTAU_BATCH_ID')}: start the coordinator first")
    return json.loads(raw)


def sites_from_plan(plan: dict) -> list[Site]:
    fields = ("pemda_id", "domains", "start_urls", "name", "level", "province", "max_pages", "render_js", "time_budget",
              "exclude")
    return [Site(**{k: s.get(k) for k in fields if k in s}) for s in plan["sites"]]


class SharedBudget:
    """A site's page budget counted in Redis, so N workers together fetch at most max_pages."""

    def __init__(self, settings):
        self.conn = client(settings.get("PANTAU_REDIS_URL"))
        self.batch_id = settings.get("PANTAU_BATCH_ID")

    def claim(self, site: Site, budget: int) -> bool:
        return self.conn.incr(key(self.batch_id, f"pages:{site.pemda_id}")) <= budget


class RedisRecorder:
    """The Recorder calls (pantau.recorder.Recorder), sent as messages to the batch's records list."""

    def __init__(self, settings):
        self.conn = client(settings.get("PANTAU_REDIS_URL"))
        self.list = key(settings.get("PANTAU_BATCH_ID"), "records")

    def _send(self, op: str, **args) -> None:
        self.conn.rpush(self.list, json.dumps({"op": op, "args": args}))

    def page(self, run_id: int, page: dict, doc: dict | None) -> None:
        page = dict(page)
        has_findings = bool(doc and doc["extraction"]["findings"])
        # Only evidence needs the bytes (for the WARC): other pages travel without their body.
        page["body"] = base64.b64encode(page["body"]).decode("ascii") if has_findings else None
        self._send("page", run_id=run_id, page=page, doc=doc)

    def carry_over(self, run_id, previous_page_id, status, fetched_at, headers) -> None:
        self._send("carry_over", run_id=run_id, previous_page_id=previous_page_id, status=status,
                   fetched_at=fetched_at, headers=headers)

    def error(self, run_id, url, kind, message) -> None:
        self._send("error", run_id=run_id, url=url, kind=kind, message=message)

    def site_issue(self, run_id, unit, kind, detail, url=None) -> None:
        self._send("site_issue", run_id=run_id, unit=unit, kind=kind, detail=detail, url=url)

    def close(self) -> None:
        pass


def apply_record(recorder, message: bytes) -> None:
    """Replay one worker message on a local Recorder (the ingest side)."""
    data = json.loads(message)
    args = data["args"]
    if data["op"] == "page" and args["page"].get("body") is not None:
        args["page"]["body"] = base64.b64decode(args["page"]["body"])
    getattr(recorder, data["op"])(**args)


class IdleTimeout:
    """Keeps a worker alive while the shared queue may still fill (another worker is mid-page), and lets it
    end once the queue has been empty for PANTAU_IDLE_TIMEOUT seconds. Also counts running workers."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("PANTAU_IDLE_TIMEOUT", 10.0)
        self.idle_since: float | None = None
        self.conn = client(crawler.settings.get("PANTAU_REDIS_URL"))
        self.workers_key = key(crawler.settings.get("PANTAU_BATCH_ID"), "workers")

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.active, signal=signals.response_received)
        return ext

    def spider_opened(self, spider):
        self.conn.incr(self.workers_key)

    def spider_closed(self, spider, reason):
        self.conn.decr(self.workers_key)

    def active(self, *args, **kwargs):
        self.idle_since = None

    def spider_idle(self, spider):
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.timeout:
            raise DontCloseSpider
