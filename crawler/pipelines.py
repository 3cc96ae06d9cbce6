"""Hands each fetched page to the extractors and records page, findings, evidence and failures.

Per page: unchanged since the previous run (304, or the same content hash) → the earlier findings are carried
over without extraction; otherwise → extract (in a process pool, off the reactor) and record. Extraction
failures become error rows; the page itself is still recorded, so nothing fetched is lost.

Two pipelines share that logic and differ only in where the records go:
- `StorePipeline` writes to SQLite itself (one process) and owns the runs' lifecycle there;
- `RedisSinkPipeline` (distributed mode) pushes the same records to a Redis list for `pantau ingest`.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlsplit

from scrapy import signals

from crawler.extraction import Extractor, worker_count
from crawler.history import History
from crawler.items import ErrorItem, PageItem, SiteIssueItem
from crawler.sites import site_for_host
from extractors import ExtractionError

logger = logging.getLogger(__name__)

# How a Scrapy close reason maps to a run status.
RUN_STATUS = {"finished": "finished", "closespider_pagecount": "finished", "closespider_timeout": "finished",
              "shutdown": "interrupted"}


def page_record(item: PageItem, body_hash: str) -> dict:
    return {
        "url": item.url, "unit": item.unit, "status": item.status, "content_type": item.content_type,
        "body": item.body, "body_hash": body_hash, "size": len(item.body), "depth": item.depth,
        "fetched_at": item.fetched_at, "headers": item.headers, "links": item.links,
    }


class PagePipeline:
    """The shared part. Subclasses provide `recorder` (Recorder-like) and `run_ids` in open_spider."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.recorder = None
        self.run_ids: dict[str, int] = {}
        self.history = History()
        self.extractor = Extractor(worker_count(crawler.settings.get("PANTAU_EXTRACT_WORKERS")))

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        return pipeline

    def _run_for(self, pemda_id: str | None) -> int:
        return self.run_ids.get(pemda_id) or next(iter(self.run_ids.values()))

    def spider_closed(self, spider, reason):
        self.extractor.close()

    # -- items ----------------------------------------------------------------------------------------

    async def process_item(self, item):
        if isinstance(item, ErrorItem):
            self._error(self._run_for(item.pemda_id), item.url, item.kind, item.message)
        elif isinstance(item, PageItem):
            await self._record_page(item)
        elif isinstance(item, SiteIssueItem):
            self.recorder.site_issue(self._run_for(item.pemda_id), item.unit, item.kind, item.detail, item.url)
        return item

    def _error(self, run_id: int, url: str, kind: str, message: str) -> None:
        self.recorder.error(run_id, url, kind, message)
        self.crawler.stats.inc_value("pantau/errors")

    async def _record_page(self, item: PageItem) -> None:
        run_id = self._run_for(item.pemda_id)
        stats = self.crawler.stats
        stats.inc_value("pantau/pages")
        body_hash = hashlib.sha256(item.body).hexdigest()
        previous = item.previous_page_id or (self.history.unchanged(item.url, body_hash) or {}).get("id")
        if previous:  # 304 Not Modified, or the very same bytes as last run
            self.recorder.carry_over(run_id, previous, item.status, item.fetched_at, item.headers)
            stats.inc_value("pantau/carried_over")
            return
        doc = None
        try:
            # The full header keeps the declared charset for the decoder.
            doc = await self.extractor.run(item.url, item.body, item.headers.get("Content-Type") or item.content_type,
                                           item.rendered)
        except ExtractionError as exc:
            self._error(run_id, item.url, "extract", str(exc))
        except Exception as exc:  # a bug on one odd page is a recorded failure, not a lost crawl
            logger.exception("extraction crashed on %s", item.url)
            self._error(run_id, item.url, "extract_crash", f"{type(exc).__name__}: {exc}")
        self.recorder.page(run_id, page_record(item, body_hash), doc)
        stats.inc_value("pantau/extracted")
        if doc:
            stats.inc_value("pantau/findings", len(doc["extraction"]["findings"]))

    # -- what Scrapy drops without a trace ------------------------------------------------------------

    def request_scheduled(self, request, spider):
        """A redirect that leaves the pemda's sites is dropped by Scrapy's offsite filter without a trace:
        record it, since an assessor should see where a page really points."""
        chain = request.meta.get("redirect_urls")
        if chain and self.recorder is not None and site_for_host(spider.sites, urlsplit(request.url).hostname) is None:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "offsite",
                        f"redirects off the pemda's sites to {request.url} (not followed)")

    def request_dropped(self, request, spider):
        """The scheduler drops a redirect to a URL already seen: that is a redirect loop, worth a row."""
        chain = request.meta.get("redirect_urls")
        if chain and self.recorder is not None:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "redirect_loop",
                        "redirects back to an already visited URL: " + " -> ".join(chain + [request.url]))


class StorePipeline(PagePipeline):
    """Writes to the SQLite file in PANTAU_DB; opens (or, with PANTAU_RESUME, reopens) one run per pemda,
    loads what earlier runs know for the spider, and finishes and scores the runs at the end."""

    def open_spider(self):
        from pantau.recorder import Recorder, archive_dir_for
        from pantau.storage import Store

        spider = self.crawler.spider
        settings = self.crawler.settings
        db_path = settings.get("PANTAU_DB")
        store = Store(db_path)
        self.recorder = Recorder(store, settings.get("PANTAU_ARCHIVE_DIR") or archive_dir_for(db_path))
        batch_id = settings.get("PANTAU_BATCH_ID")
        resumable = store.resumable_runs(batch_id) if settings.getbool("PANTAU_RESUME") else {}
        for site in spider.sites:
            store.upsert_pemda(site.pemda_id, name=site.name, level=site.level, province=site.province)
            run_id = resumable.get(site.pemda_id)
            if run_id:
                store.resume_run(run_id)
                self.history.done.update(store.pages_of_run(run_id))
            else:
                options = {
                    "max_pages": spider.budget(site), "depth_limit": settings.getint("DEPTH_LIMIT"),
                    "delay": settings.getfloat("DOWNLOAD_DELAY"), "resolve": settings.getlist("PANTAU_RESOLVE"),
                    "start_urls": site.start_urls, "incremental": settings.getbool("PANTAU_INCREMENTAL"),
                }
                run_id = store.start_run(site.pemda_id, spider.target, options, batch_id=batch_id)
            self.run_ids[site.pemda_id] = run_id
            if settings.getbool("PANTAU_INCREMENTAL"):
                self.history.previous.update(store.previous_pages(site.pemda_id, run_id))
        self.crawler.pantau_history = self.history
        self.crawler.stats.set_value("pantau/run_ids", dict(self.run_ids))
        logger.info("pantau runs %s into %s (%d pages known from earlier runs, %d already done)",
                    self.run_ids, db_path, len(self.history.previous), len(self.history.done))

    def spider_closed(self, spider, reason):
        super().spider_closed(spider, reason)
        if self.recorder is None:
            return
        self.recorder.close()
        status = RUN_STATUS.get(reason, reason)
        for run_id in self.run_ids.values():
            self.recorder.store.finish_run(run_id, status=status)
            self.recorder.store.score_run(run_id)
        logger.info("pantau runs %s %s (%s)", sorted(self.run_ids.values()), status, reason)


class RedisSinkPipeline(PagePipeline):
    """Distributed mode: records go to the batch's Redis list; `pantau ingest` is the one SQLite writer."""

    def open_spider(self):
        from crawler.distributed import RedisRecorder, load_plan

        plan = load_plan(self.crawler.settings)
        self.run_ids = plan["run_ids"]
        self.recorder = RedisRecorder(self.crawler.settings)
        self.crawler.stats.set_value("pantau/run_ids", dict(self.run_ids))
