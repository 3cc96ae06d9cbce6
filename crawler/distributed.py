"""Distributed mode on scrapy-redis: several worker processes, on one machine or many, share one frontier.

Redis holds, per batch (`pantau:<batch>:…`):
- `plan`: the sites and their run ids (written by the coordinator, read by every worker);
- `requests` and `dupefilter`: scrapy-redis's shared request queue and seen-set;
- `records`: what workers found, as JSON messages (`crawler.wire`), consumed by the coordinator's ingest — the
  one SQLite writer;
- `pages:<pemda>`: a shared page counter, so a site's page budget holds across workers;
- `workers`: how many workers are running.
Politeness holds across workers by dividing each host's concurrency and multiplying its delay by the worker
count. Workers stop after PANTAU_IDLE_TIMEOUT seconds with an empty queue.
"""

from __future__ import annotations

import dataclasses
import json
import time
import warnings
from dataclasses import dataclass

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler import wire
from crawler.addresses import ResolveMap
from crawler.history import History
from crawler.records import Document, PageRecord
from crawler.sink import OpenedRuns
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
        "PANTAU_SINK": "crawler.distributed.RedisSink",
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


class PlanError(RuntimeError):
    """No batch planned in Redis (the coordinator has not started, or has cleaned up)."""


def load_plan(conn: redis.Redis, batch_id: str) -> dict:
    raw = conn.get(key(batch_id, "plan"))
    if raw is None:
        raise PlanError(f"no plan for batch {batch_id} in Redis: start `pantau nightly --redis` first")
    return json.loads(raw)


def latest_batch(conn: redis.Redis) -> str:
    """The batch the coordinator planned last (batch ids sort by time)."""
    plans = sorted(k.decode() for k in conn.scan_iter("pantau:*:plan"))
    if not plans:
        raise PlanError("no batch planned in Redis: start `pantau nightly --redis` first")
    return plans[-1].split(":")[1]


def worker_settings(redis_url: str, batch_id: str | None = None) -> dict:
    """The Scrapy settings of one worker of BATCH_ID (default: the latest batch), from the coordinator's plan."""
    conn = client(redis_url)
    batch_id = batch_id or latest_batch(conn)
    opts = load_plan(conn, batch_id)["settings"]
    workers, delay = opts.get("workers", 1), opts.get("delay", 0.5)
    settings = {
        "CONCURRENT_REQUESTS": opts.get("concurrency"), "PANTAU_SITE_TIME_BUDGET": opts.get("time_budget"),
        "DOWNLOAD_TIMEOUT": opts.get("timeout"),
        "PANTAU_RESOLVE": ResolveMap(opts["resolve"]).specs() if opts.get("resolve") else None,
        **scrapy_settings(redis_url, batch_id, workers, delay=delay),
    }
    if delay == 0:
        settings["AUTOTHROTTLE_ENABLED"] = False
    return {k: v for k, v in settings.items() if v is not None}


def plan_sites(settings) -> list[Site]:
    """A worker's sites: those of its batch's plan."""
    plan = load_plan(client(settings.get("PANTAU_REDIS_URL")), settings.get("PANTAU_BATCH_ID"))
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


# What a worker sends to the coordinator: one message type per Recorder call (pantau.recorder.Recorder).
@dataclass(frozen=True, slots=True)
class PageMessage:
    run_id: int
    page: PageRecord
    doc: Document | None


@dataclass(frozen=True, slots=True)
class CarryOverMessage:
    run_id: int
    previous_page_id: int
    page: PageRecord


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    run_id: int
    url: str | None
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class SiteIssueMessage:
    run_id: int
    unit: str
    kind: str
    detail: str
    url: str | None = None


MESSAGES = {"page": PageMessage, "carry_over": CarryOverMessage, "error": ErrorMessage,
            "site_issue": SiteIssueMessage}
_OPS = {cls: op for op, cls in MESSAGES.items()}


class RedisSink:
    """The pipeline's sink in a worker (PANTAU_SINK): records go to the batch's records list as JSON; the
    coordinator opened the runs and finishes them, and its ingest is the one SQLite writer."""

    def __init__(self, settings):
        self.settings = settings
        self.conn = client(settings.get("PANTAU_REDIS_URL"))
        self.list = key(settings.get("PANTAU_BATCH_ID"), "records")

    @classmethod
    def from_crawler(cls, crawler) -> "RedisSink":
        return cls(crawler.settings)

    def open(self, spider) -> OpenedRuns:
        plan = load_plan(self.conn, self.settings.get("PANTAU_BATCH_ID"))
        return OpenedRuns(dict(plan["run_ids"]), History())

    def _send(self, message) -> None:
        self.conn.rpush(self.list, wire.dumps({"op": _OPS[type(message)], "args": message}))

    def page(self, run_id: int, page: PageRecord, doc: Document | None) -> None:
        # Only evidence needs the bytes (for the WARC): other pages travel without their body.
        if not (doc and doc.has_findings):
            page = dataclasses.replace(page, body=None)
        self._send(PageMessage(run_id, page, doc))

    def carry_over(self, run_id: int, previous_page_id: int, page: PageRecord) -> None:
        self._send(CarryOverMessage(run_id, previous_page_id, dataclasses.replace(page, body=None)))

    def error(self, run_id: int, url: str | None, kind: str, message: str) -> None:
        self._send(ErrorMessage(run_id, url, kind, message))

    def site_issue(self, run_id: int, unit: str, kind: str, detail: str, url: str | None = None) -> None:
        self._send(SiteIssueMessage(run_id, unit, kind, detail, url))

    def finish(self, reason: str) -> None:
        pass  # the coordinator finishes and scores the runs once every worker is done


def apply_record(recorder, data: bytes) -> None:
    """Replay one worker message on a local Recorder (the ingest side); raises wire.WireError for a message
    that is not one of MESSAGES or does not match its fields."""
    try:
        envelope = json.loads(data)
        cls = MESSAGES[envelope["op"]]
    except (ValueError, TypeError, KeyError) as exc:
        raise wire.WireError(f"not a worker message: {exc}") from None
    message = wire.build(cls, envelope.get("args"), envelope["op"])
    getattr(recorder, envelope["op"])(**{f.name: getattr(message, f.name) for f in dataclasses.fields(message)})


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
