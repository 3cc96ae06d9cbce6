"""The shared request queue of distributed mode, as JSON that names nothing pantau does not allow.

scrapy-redis stores requests with pickle by default, and unpickling runs whatever the bytes say: anyone who can
write to Redis could run code in every worker. Here a request travels as a plain JSON object (this module is
the scheduler's SCHEDULER_SERIALIZER; `RequestQueue` is its SCHEDULER_QUEUE_CLASS), and one read back is
rebuilt only as a `scrapy.Request`, with a callback that is one of the spider's own parse*/on_*error methods,
a URL on one of the batch's sites and only the meta keys and headers pantau's crawl sets. Anything else is
dropped as a logged error: the worker goes on with the next request.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy_redis.queue import PriorityQueue

from crawler import wire
from crawler.sites import site_for_host

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 256 * 1024  # a request is a URL and a little meta; anything bigger is not one of ours
HEADERS = frozenset(h.lower() for h in ("Referer", "If-None-Match", "If-Modified-Since", "User-Agent", "Accept",
                                        "Accept-Language", "Accept-Encoding", "Cookie"))
# Meta keys pantau's crawl and Scrapy's middlewares set before a request is scheduled, with their types;
# keys starting with `pantau_` are the spider's own.
META = {"depth": int, "retry_times": int, "redirect_times": int, "redirect_ttl": int, "redirect_urls": list[str],
        "redirect_reasons": list[int | str], "handle_httpstatus_list": list[int], "playwright": bool,
        "playwright_page_goto_kwargs": dict[str, str | int], "playwright_context": str, "is_start_request": bool}
GOTO_KWARGS = frozenset({"wait_until", "timeout"})
# Set by the downloader and its middlewares on the way out; a request scheduled again (a retry, a redirect, a
# browser re-fetch) drops them and gets them anew, and one from Redis may not set them.
DOWNLOAD_ONLY = frozenset({"download_latency", "download_slot", "download_timeout", "_auth_proxy", "_scheme_proxy",
                           "playwright_security_details", "playwright_suggested_filename"})


class RejectedRequest(ValueError):
    """A queued request pantau would not have scheduled itself."""


@dataclass(frozen=True, slots=True)
class QueuedRequest:
    """A request as it sits in Redis (pantau only GETs, without body or cookies)."""
    url: str
    callback: str | None
    errback: str | None
    headers: dict[str, list[str]]
    meta: dict[str, Any]
    priority: int
    dont_filter: bool
    flags: list[str]


# The SCHEDULER_SERIALIZER interface (a module with dumps/loads): JSON, never pickle.
def dumps(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    if len(data) > MAX_MESSAGE_BYTES:
        raise RejectedRequest(f"{len(data)} bytes, more than a request ({MAX_MESSAGE_BYTES})")
    try:
        return json.loads(data)
    except (ValueError, TypeError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise RejectedRequest(f"not JSON: {exc}") from None


class RequestQueue(PriorityQueue):
    """scrapy-redis's priority queue, holding requests as checked JSON."""

    def __init__(self, server, spider, key, serializer=None):
        if serializer is not sys.modules[__name__]:  # scrapy-redis falls back to pickle without one
            raise ValueError(f"SCHEDULER_SERIALIZER must be {__name__!r}, not {serializer!r}")
        super().__init__(server, spider, key, serializer)

    def push(self, request: scrapy.Request) -> None:
        # A redirect off the batch's sites is scheduled only for Scrapy's offsite filter to drop it (the pipeline
        # has recorded it already): it is dropped here instead, as a worker would refuse it from the queue.
        if site_for_host(self.spider.sites, urlsplit(request.url).hostname) is None:
            return
        try:
            super().push(request)
        except (RejectedRequest, TypeError) as exc:  # one pantau could not read back, or not JSON: a bug, logged
            logger.error("cannot queue %s: %s", request, exc)
            self.spider.crawler.stats.inc_value("pantau/unqueueable_requests")

    def _encode_request(self, request: scrapy.Request) -> bytes:
        return self.serializer.dumps(asdict(encode(request, self.spider)))

    def _decode_request(self, encoded: bytes) -> scrapy.Request | None:
        try:
            return decode(self.serializer.loads(encoded), self.spider)
        except (RejectedRequest, wire.WireError) as exc:
            logger.error("rejected a request from the Redis queue %s: %s", self.key, exc)
            self.spider.crawler.stats.inc_value("pantau/rejected_requests")
            return None


def encode(request: scrapy.Request, spider) -> QueuedRequest:
    """REQUEST as it goes to Redis; raises RejectedRequest for one that could not come back (a bug in pantau)."""
    if type(request) is not scrapy.Request or request.method != "GET" or request.body or request.cookies \
            or request.cb_kwargs:
        raise RejectedRequest(f"only plain GET requests go through the shared queue: {request!r}")
    meta = {k: v for k, v in request.meta.items() if k not in DOWNLOAD_ONLY}
    queued = QueuedRequest(
        url=request.url, callback=_method_name(request.callback, spider),
        errback=_method_name(request.errback, spider),
        headers={k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in request.headers.items()},
        meta=meta, priority=request.priority, dont_filter=request.dont_filter, flags=list(request.flags),
    )
    _check(queued, spider)
    return queued


def decode(data: Any, spider) -> scrapy.Request:
    """The request DATA (parsed JSON) describes, checked; raises RejectedRequest or wire.WireError."""
    queued = wire.build(QueuedRequest, data, "request")
    _check(queued, spider)
    return scrapy.Request(
        queued.url, callback=getattr(spider, queued.callback) if queued.callback else None,
        errback=getattr(spider, queued.errback) if queued.errback else None,
        headers={k: v for k, v in queued.headers.items()}, meta=queued.meta, priority=queued.priority,
        dont_filter=queued.dont_filter, flags=queued.flags,
    )


def _method_name(method, spider) -> str | None:
    if method is None:
        return None
    if getattr(method, "__self__", None) is not spider:
        raise RejectedRequest(f"callback {method!r} is not a method of the spider")
    return method.__name__


def _check(queued: QueuedRequest, spider) -> None:
    parts = urlsplit(queued.url)
    if parts.scheme not in ("http", "https") or site_for_host(spider.sites, parts.hostname) is None:
        raise RejectedRequest(f"URL {queued.url[:200]!r} is not on the batch's sites")
    for name, allowed in ((queued.callback, _is_callback), (queued.errback, _is_errback)):
        if name is not None and not (allowed(name) and _own_method(spider, name)):
            raise RejectedRequest(f"{name[:80]!r} is not one of the spider's callbacks")
    for header in queued.headers:
        if header.lower() not in HEADERS:
            raise RejectedRequest(f"header {header[:80]!r} is not one pantau sends")
    for name, value in queued.meta.items():
        _check_meta(name, value, spider)


def _check_meta(name: str, value: Any, spider) -> None:
    if name.startswith("pantau_"):
        return
    if name not in META:
        raise RejectedRequest(f"meta key {name[:80]!r} is not one pantau sets")
    wire.build(META[name], value, f"meta.{name}")
    if name == "playwright_page_goto_kwargs" and not set(value) <= GOTO_KWARGS:
        raise RejectedRequest(f"page.goto options {sorted(set(value) - GOTO_KWARGS)} are not allowed")
    if name == "playwright_context" and value not in {"default", *spider.settings.getdict("PLAYWRIGHT_CONTEXTS")}:
        raise RejectedRequest(f"browser context {value[:80]!r} is not configured")


def _is_callback(name: str) -> bool:
    return name.startswith("parse")


def _is_errback(name: str) -> bool:
    return name.startswith("on_") and name.endswith("error")


def _own_method(spider, name: str) -> bool:
    """NAME is a method pantau's spider class defines (not one scrapy.Spider or object brings along)."""
    for cls in type(spider).__mro__:
        if cls is scrapy.Spider:
            return False
        if name in vars(cls):
            return callable(vars(cls)[name])
    return False
