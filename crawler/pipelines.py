"""Hands each fetched page to the extractors and records page, findings, evidence and failures.

Per page: unchanged since the previous run (304, or the same content hash) → the earlier findings are carried
over without extraction; otherwise → extract (in a process pool, off the reactor) and record. Extraction
failures become error rows; the page itself is still recorded, so nothing fetched is lost.

Where the records go is the caller's choice: PANTAU_SINK names a `Sink` class, built with `from_crawler`:
pantau's Store in one process (`pantau.recorder.StoreSink`, the default in crawler/settings.py), a Redis list
in distributed mode (`crawler.distributed.RedisSink`, read by the coordinator's ingest).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.utils.misc import build_from_crawler, load_object

from crawler import error_kinds as kinds
from crawler.cloaking import CloakCheck, Cloaked, ProbeItem
from crawler.extraction import Extractor, worker_count
from crawler.history import History
from crawler.items import ErrorItem, PageItem, SiteIssueItem
from crawler.records import PageRecord
from crawler.signals import runs_opened
from crawler.sink import Sink
from crawler.sites import site_for_host
from extractors import ExtractionError
from extractors.model import SpamVerdict
from extractors.spam import describe

logger = logging.getLogger(__name__)


class PagePipeline:
    def __init__(self, crawler, sink: Sink, extractor: Extractor):
        self.crawler = crawler
        self.sink = sink
        self.extractor = extractor
        self.run_ids: dict[str, int] = {}
        self.history = History()
        self.cloak = CloakCheck()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        sink = build_from_crawler(load_object(settings["PANTAU_SINK"]), crawler)
        extractor = Extractor(worker_count(settings.get("PANTAU_EXTRACT_WORKERS")),
                              timeout=settings.getfloat("PANTAU_EXTRACT_TIMEOUT", 120),
                              tasks_per_worker=settings.getint("PANTAU_EXTRACT_TASKS_PER_WORKER", 200))
        pipeline = cls(crawler, sink, extractor)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        return pipeline

    def open_spider(self):
        opened = self.sink.open(self.crawler.spider)
        self.run_ids, self.history = opened.run_ids, opened.history
        self.crawler.stats.set_value("pantau/run_ids", dict(self.run_ids))
        self.crawler.signals.send_catch_log(runs_opened, run_ids=dict(self.run_ids), history=self.history)

    def spider_closed(self, spider, reason):
        self.extractor.close()
        if self.run_ids:  # the sink opened: let it close the runs
            self.sink.finish(reason)

    def _run_for(self, pemda_id: str | None) -> int:
        return self.run_ids.get(pemda_id) or next(iter(self.run_ids.values()))

    # -- items ----------------------------------------------------------------------------------------

    async def process_item(self, item):
        if isinstance(item, ErrorItem):
            self._error(self._run_for(item.pemda_id), item.url, item.kind, item.message)
        elif isinstance(item, PageItem):
            await self._record_page(item)
        elif isinstance(item, SiteIssueItem):
            self.sink.site_issue(self._run_for(item.pemda_id), item.unit, item.kind, item.detail, item.url)
        elif isinstance(item, ProbeItem):
            await self._probe(item)
        return item

    def _error(self, run_id: int, url: str, kind: str, message: str) -> None:
        self.sink.error(run_id, url, kind, message)
        self.crawler.stats.inc_value("pantau/errors")

    async def _record_page(self, item: PageItem) -> None:
        run_id = self._run_for(item.pemda_id)
        stats = self.crawler.stats
        stats.inc_value("pantau/pages")
        page = PageRecord.from_item(item)
        prior = self.history.unchanged(item.url, page.body_hash)
        previous = item.previous_page_id or (prior.id if prior else None)
        if previous and item.body and item.url in self._probed():
            previous = None  # a page probed for cloaking is judged afresh: the probe's answer is compared with it
        if previous:  # 304 Not Modified, or the very same bytes as last run
            self.sink.carry_over(run_id, previous, page)
            stats.inc_value("pantau/carried_over")
            return
        doc = None
        try:
            # The full header keeps the declared charset for the decoder.
            doc = await self.extractor.run(item.url, item.body, item.headers.get("Content-Type") or item.content_type,
                                           item.rendered)
        except ExtractionError as exc:  # UnsupportedFormat (a .doc, an .xls) says so in its kind
            self._error(run_id, item.url, getattr(exc, "kind", kinds.EXTRACT), str(exc))
        except Exception as exc:  # a bug on one odd page is a recorded failure, not a lost crawl
            logger.exception("extraction crashed on %s", item.url)
            self._error(run_id, item.url, kinds.EXTRACT_CRASH, f"{type(exc).__name__}: {exc}")
        for cut in doc.cuts if doc else ():  # a size limit left part of the document unread
            self._error(run_id, item.url, kinds.EXTRACT_CUT, cut)
        self.sink.page(run_id, page, doc)
        stats.inc_value("pantau/extracted")
        if doc:
            stats.inc_value("pantau/findings", len(doc.extraction.findings))
            verdict = self._spam(run_id, item.url, doc)
            if verdict:
                # stored in Bahasa Indonesia, like the rest of what the database says to an assessor
                self.sink.site_issue(run_id, item.unit, verdict.kind, describe(verdict), item.url)
                stats.inc_value(f"pantau/{verdict.kind}")
            if item.url in self._probed():
                self._cloaked(run_id, item.unit, self.cloak.normal(item.url, verdict))

    # -- site integrity: injected spam, cloaking ------------------------------------------------------

    def _spam(self, run_id: int, url: str, doc) -> SpamVerdict | None:
        """The page's spam verdict, checked: it was made in an extraction worker (another process)."""
        verdict = doc.extraction.spam
        if verdict is None:
            return None
        try:
            return verdict.checked()
        except (ValueError, TypeError, AttributeError) as exc:
            self._error(run_id, url, kinds.EXTRACT, f"invalid spam verdict from extraction: {exc}")
            return None

    def _probed(self) -> set[str]:
        budget = getattr(getattr(self.crawler, "spider", None), "cloak_probes", None)
        return budget.urls if budget is not None else set()

    async def _probe(self, item: ProbeItem) -> None:
        """The page as a crawler from Google got it (crawler/cloaking.py): spam there but not for visitors?"""
        run_id = self._run_for(item.pemda_id)
        self.crawler.stats.inc_value("pantau/cloak_probes")
        try:
            doc = await self.extractor.run(item.probe_url, item.body, item.content_type)
        except ExtractionError as exc:  # a probe that cannot be read proves nothing; the visitor's page was recorded
            logger.info("cloaking probe of %s unreadable: %s", item.url, exc)
            return
        except Exception:  # a bug on one odd probe is logged, not a lost crawl
            logger.exception("extraction crashed on the cloaking probe of %s", item.url)
            return
        self._cloaked(run_id, item.unit, self.cloak.probe(item.url, item.probe_url, self._spam(run_id, item.url, doc)))

    def _cloaked(self, run_id: int, unit: str, found: Cloaked | None) -> None:
        if found is None:
            return
        detail = describe(found.verdict, url=found.url, probe=found.probe_url)
        self.sink.site_issue(run_id, unit, "cloaked", detail, found.url)
        self.crawler.stats.inc_value("pantau/cloaked")

    # -- what Scrapy drops without a trace ------------------------------------------------------------

    def request_scheduled(self, request, spider):
        """A redirect that leaves the pemda's sites is dropped by Scrapy's offsite filter without a trace:
        record it, since an assessor should see where a page really points."""
        chain = request.meta.get("redirect_urls")
        if chain and self.run_ids and site_for_host(spider.sites, urlsplit(request.url).hostname) is None:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], kinds.OFFSITE,
                        f"redirects off the pemda's sites to {request.url} (not followed)")

    def request_dropped(self, request, spider):
        """The scheduler drops a redirect to a URL already seen: that is a redirect loop, worth a row."""
        chain = request.meta.get("redirect_urls")
        if chain and self.run_ids:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], kinds.REDIRECT_LOOP,
                        "redirects back to an already visited URL: " + " -> ".join(chain + [request.url]))
