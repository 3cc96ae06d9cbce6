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

Nothing read from Redis is trusted: the request queue is checked JSON (`crawler.redis_queue`, never pickle), a
worker reads the plan once and validates it as the registry validates an entry (the caller passes the
registry's domain check), and the coordinator's ingest accepts only known
record types for this batch's runs, about URLs on that run's sites (`BatchScope`); what it refuses becomes a
`rejected_record` error row. The Redis password comes from the URL or PANTAU_REDIS_PASSWORD; `rediss://` is TLS.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler import wire
from crawler.addresses import ResolveMap
from crawler.history import History
from crawler.records import Document, PageRecord
from crawler.sink import OpenedRuns
from crawler.sites import Site

logger = logging.getLogger(__name__)

# scrapy-redis 0.9 still passes `spider=` to the stats collector; Scrapy 2.19 warns on every request.
warnings.filterwarnings("ignore", message=".*'spider' argument to StatsCollector", module="scrapy_redis")


def key(batch_id: str, name: str) -> str:
    return f"pantau:{batch_id}:{name}"


PASSWORD_ENV = "PANTAU_REDIS_PASSWORD"
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a page (20 MB cap) with its body in base64 and its extraction fits


def client(url: str) -> redis.Redis:
    return PantauRedis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


class PantauRedis(redis.Redis):
    """A Redis client that takes the password from PANTAU_REDIS_PASSWORD when the URL has none (so it need not
    appear in command lines or logged settings); also scrapy-redis's client (REDIS_PARAMS redis_cls)."""

    @classmethod
    def from_url(cls, url: str, **kwargs):
        if not urlsplit(url).password and os.environ.get(PASSWORD_ENV):
            kwargs.setdefault("password", os.environ[PASSWORD_ENV])
        return super().from_url(url, **kwargs)


def split_password(url: str) -> tuple[str, str | None]:
    """(URL without its password, the password or None): the password then travels in PANTAU_REDIS_PASSWORD."""
    parts = urlsplit(url)
    if not parts.password:
        return url, None
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname if ":" not in (parts.hostname or "") else f"[{parts.hostname}]"
    netloc = f"{user}{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc)), parts.password


def scrapy_settings(redis_url: str, batch_id: str, workers: int, per_domain: int = 2, delay: float = 0.5) -> dict:
    """The settings that turn a pantau crawl into one worker of a distributed batch."""
    return {
        "PANTAU_REDIS_URL": redis_url, "PANTAU_BATCH_ID": batch_id, "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        # scrapy-redis's default is pickle, and unpickling what anyone wrote into Redis runs their code.
        "SCHEDULER_QUEUE_CLASS": "crawler.redis_queue.RequestQueue", "SCHEDULER_SERIALIZER": "crawler.redis_queue",
        "REDIS_PARAMS": {"redis_cls": "crawler.distributed.PantauRedis"},
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
    """No usable batch plan in Redis: none (the coordinator has not started, or has cleaned up) or a bad one."""


BATCH_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # as the coordinator names batches (nightly-20261129T…)


DomainCheck = Callable[[str], str | None]  # why a domain cannot be a pemda's (pantau.registry.domain_problem)


def load_plan(conn: redis.Redis, batch_id: str, domain_problem: DomainCheck) -> dict:
    """The batch's plan, checked (check_plan): a PlanError if it is missing or not one pantau would write."""
    raw = conn.get(key(batch_id, "plan"))
    if raw is None:
        raise PlanError(f"no plan for batch {batch_id} in Redis: start `pantau nightly --redis` first")
    try:
        plan = json.loads(raw)
        check_plan(plan, domain_problem)
    except (ValueError, RecursionError, wire.WireError) as exc:
        raise PlanError(f"the plan of batch {batch_id} in Redis is not valid: {exc}") from None
    return plan


@dataclass(frozen=True, slots=True)
class PlannedSite:
    """A site as the plan carries it (crawler.sites.Site.to_dict)."""
    pemda_id: str
    domains: list[str]
    start_urls: list[str]
    name: str | None = None
    level: str | None = None
    province: str | None = None
    max_pages: int | None = None
    render_js: bool = False
    time_budget: float | None = None
    exclude: list[str] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PlannedSettings:
    """The coordinator's options a worker takes from the plan (`resolve` is ignored: addresses to connect to
    come from the worker's own command line, never from Redis)."""
    workers: int = 1
    delay: float = 0.5
    concurrency: int | None = None
    time_budget: float | None = None
    timeout: float | None = None
    resolve: list[str] = dataclasses.field(default_factory=list)


def check_plan(plan: Any, domain_problem: DomainCheck) -> None:
    """Raise ValueError (or wire.WireError) unless PLAN is one the coordinator writes: its sites' domains are
    ones DOMAIN_PROBLEM (the registry's check) accepts, start URLs on them, run ids whole numbers, one per site."""
    if not isinstance(plan, dict) or set(plan) != {"sites", "run_ids", "settings"}:
        raise ValueError("expected an object with sites, run_ids and settings")
    sites = wire.build(list[PlannedSite], plan["sites"], "sites")
    run_ids = wire.build(dict[str, int], plan["run_ids"], "run_ids")
    opts = wire.build(PlannedSettings, plan["settings"], "settings")
    for site in sites:
        for domain in (*site.domains, *site.exclude):
            problem = domain_problem(domain)
            if problem:
                raise ValueError(f"site {site.pemda_id!r}: {problem}")
        if site.pemda_id not in site.domains:
            raise ValueError(f"site {site.pemda_id!r} is not one of its domains {site.domains}")
        checked = Site(site.pemda_id, site.domains, site.start_urls, exclude=site.exclude)
        for url in site.start_urls:
            if urlsplit(url).scheme not in ("http", "https") or not checked.owns(urlsplit(url).hostname):
                raise ValueError(f"site {site.pemda_id!r}: start URL {url[:200]!r} is not on its domains")
        if (site.max_pages is not None and site.max_pages < 1) or (site.time_budget or 0) < 0:
            raise ValueError(f"site {site.pemda_id!r}: max_pages or time_budget out of range")
    if set(run_ids) != {s.pemda_id for s in sites} or len(set(run_ids.values())) != len(run_ids) \
            or any(r < 1 for r in run_ids.values()):
        raise ValueError("run_ids must give each site its own positive run id")
    if opts.workers < 1 or opts.delay < 0 or (opts.concurrency is not None and opts.concurrency < 1) \
            or (opts.timeout is not None and opts.timeout <= 0) or (opts.time_budget or 0) < 0:
        raise ValueError("settings out of range")


def latest_batch(conn: redis.Redis) -> str:
    """The batch the coordinator planned last (batch ids sort by time)."""
    plans = sorted(k.decode() for k in conn.scan_iter("pantau:*:plan"))
    if not plans:
        raise PlanError("no batch planned in Redis: start `pantau nightly --redis` first")
    return plans[-1].split(":")[1]


def worker_settings(redis_url: str, batch_id: str | None, resolve: list[str] | None,
                    domain_problem: DomainCheck) -> dict:
    """The Scrapy settings of one worker of BATCH_ID (default: the latest batch), from the coordinator's plan,
    read once and checked (PANTAU_PLAN: the spider and the sink take it from there); RESOLVE is the worker's
    own --resolve map."""
    conn = client(redis_url)
    batch_id = batch_id or latest_batch(conn)
    if not BATCH_ID.fullmatch(batch_id):  # it names Redis keys, and scrapy-redis %-formats the queue's
        raise PlanError(f"{batch_id[:100]!r} is not a batch id")
    plan = load_plan(conn, batch_id, domain_problem)
    opts = plan["settings"]
    workers, delay = opts.get("workers", 1), opts.get("delay", 0.5)
    settings = {
        "CONCURRENT_REQUESTS": opts.get("concurrency"), "PANTAU_SITE_TIME_BUDGET": opts.get("time_budget"),
        "DOWNLOAD_TIMEOUT": opts.get("timeout"),
        "PANTAU_RESOLVE": ResolveMap(resolve).specs() if resolve else None,
        **scrapy_settings(redis_url, batch_id, workers, delay=delay), "PANTAU_PLAN": plan,
    }
    if delay == 0:
        settings["AUTOTHROTTLE_ENABLED"] = False
    return {k: v for k, v in settings.items() if v is not None}


def checked_plan(settings) -> dict:
    """The plan worker_settings read and checked."""
    plan = settings.get("PANTAU_PLAN")
    if not plan:
        raise PlanError("a distributed worker starts with `pantau worker`, which reads and checks the batch plan")
    return plan


def plan_sites(settings) -> list[Site]:
    """A worker's sites: those of its batch's plan."""
    plan = checked_plan(settings)
    fields = ("pemda_id", "domains", "start_urls", "name", "level", "province", "max_pages", "render_js", "time_budget",
              "exclude")
    return [Site(**{k: s.get(k) for k in fields if k in s}) for s in plan["sites"]]


class SharedBudget:
    """A site's page budget counted in Redis, so N workers together fetch at most max_pages."""

    def __init__(self, settings):
        self.conn = client(settings.get("PANTAU_REDIS_URL"))
        self.batch_id = settings.get("PANTAU_BATCH_ID")

    def claim(self, site: Site, budget: int) -> bool:
        try:
            return self.conn.incr(key(self.batch_id, f"pages:{site.pemda_id}")) <= budget
        except redis.ResponseError as exc:  # the counter was overwritten with something else: count it spent
            logger.error("page counter of %s in Redis is not a number (%s): no more pages", site.pemda_id, exc)
            return False


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
        return OpenedRuns(dict(checked_plan(self.settings)["run_ids"]), History())

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


class RejectedRecord(ValueError):
    """A worker message the ingest refuses; RUN_ID is the batch run it names (None if it names none)."""

    def __init__(self, reason: str, run_id: int | None = None, url: str | None = None):
        super().__init__(reason)
        self.run_id, self.url = run_id, url


class BatchScope:
    """What the coordinator accepts from the workers of one batch: records for its runs, about its sites.
    Workers do not carry pages over (they have no history), so a carry_over is refused too: it would copy the
    findings of any stored page into a run."""

    OPS = ("page", "error", "site_issue")

    def __init__(self, sites_by_run: dict[int, Site]):
        self.sites_by_run = sites_by_run

    @classmethod
    def of(cls, sites: list[Site], run_ids: dict[str, int]) -> BatchScope:
        return cls({run_ids[s.pemda_id]: s for s in sites})

    def check(self, op: str, message) -> None:
        site = self.sites_by_run.get(message.run_id)
        if site is None:
            raise RejectedRecord(f"run {message.run_id} is not a run of this batch")
        if op not in self.OPS:
            raise RejectedRecord(f"{op!r} is not a record workers send", message.run_id, (_urls(message) or [None])[0])
        for url in _urls(message):
            if urlsplit(url).scheme not in ("http", "https") or not site.owns(urlsplit(url).hostname):
                raise RejectedRecord(f"URL {url[:200]!r} is not on the sites of pemda {site.pemda_id}",
                                     message.run_id, url[:500])
        unit = getattr(message, "unit", None) or (message.page.unit if isinstance(message, PageMessage) else None)
        if unit is not None and not site.owns(unit):
            raise RejectedRecord(f"unit {unit[:200]!r} is not a site of pemda {site.pemda_id}", message.run_id)


def _urls(message) -> list[str]:
    if isinstance(message, (PageMessage, CarryOverMessage)):
        urls = [message.page.url]
        if getattr(message, "doc", None) is not None:
            urls += [message.doc.extraction.url, *(f.url for f in message.doc.extraction.findings)]
        return urls
    return [message.url] if message.url is not None else []


def apply_record(recorder, data: bytes, scope: BatchScope) -> None:
    """Replay one worker message on a local Recorder (the ingest side); raises RejectedRecord for a message
    that is not one of MESSAGES, does not match its fields, or is not about a run and site of SCOPE."""
    if len(data) > MAX_RECORD_BYTES:
        raise RejectedRecord(f"a message of {len(data)} bytes (more than {MAX_RECORD_BYTES})")
    try:
        envelope = json.loads(data)
        op = envelope["op"]
        cls = MESSAGES[op]
        message = wire.build(cls, envelope.get("args"), op)
    except (ValueError, TypeError, KeyError, RecursionError, wire.WireError) as exc:  # UnicodeDecodeError: a ValueError
        raise RejectedRecord(f"not a worker message: {str(exc)[:300]}") from None
    scope.check(op, message)
    getattr(recorder, op)(**{f.name: getattr(message, f.name) for f in dataclasses.fields(message)})


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
