"""Hands each fetched page to the extractors and persists page, findings, evidence and failures.

The pipeline owns the runs' lifecycle in the database: one run per pemda, opened (or, with PANTAU_RESUME,
reopened) when the spider opens; when the spider closes it records how each run ended and scores it. It also
loads what earlier runs know (`crawler.history.History`) for the spider to read.

Per page: unchanged since the previous run (304, or the same content hash) → the earlier findings are carried
over without extraction; otherwise → extract, archive the response in the run's WARC when it yields findings,
store. Extraction failures become error rows; the page itself is still stored, so nothing fetched is lost.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals

from crawler.extraction import Extractor, worker_count
from crawler.history import History
from crawler.items import ErrorItem, PageItem, SiteIssueItem
from crawler.sites import site_for_host
from extractors import ExtractionError
from pantau.archive import WarcArchive
from pantau.storage import Store

logger = logging.getLogger(__name__)

# How a Scrapy close reason maps to a run status.
_STATUS = {"finished": "finished", "closespider_pagecount": "finished", "closespider_timeout": "finished",
           "shutdown": "interrupted"}


def archive_dir_for(db_path: str) -> Path:
    """Default WARC folder: beside the database (`pantau.db` -> `pantau-warc/`)."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-warc")


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("PANTAU_DB")
        self.archive_dir = Path(settings.get("PANTAU_ARCHIVE_DIR") or archive_dir_for(self.db_path))
        self.store: Store | None = None
        self.run_ids: dict[str, int] = {}
        self.archives: dict[int, WarcArchive] = {}
        self.history = History()
        self.extractor = Extractor(worker_count(settings.get("PANTAU_EXTRACT_WORKERS")))

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        return pipeline

    # -- runs -----------------------------------------------------------------------------------------

    def open_spider(self):
        spider = self.crawler.spider
        settings = self.crawler.settings
        self.store = Store(self.db_path)
        batch_id = settings.get("PANTAU_BATCH_ID")
        resumable = self.store.resumable_runs(batch_id) if settings.getbool("PANTAU_RESUME") else {}
        for site in spider.sites:
            self.store.upsert_pemda(site.pemda_id, name=site.name, level=site.level, province=site.province)
            run_id = resumable.get(site.pemda_id)
            if run_id:
                self.store.resume_run(run_id)
                self.history.done.update(self.store.pages_of_run(run_id))
            else:
                options = {
                    "max_pages": spider.budget(site), "depth_limit": settings.getint("DEPTH_LIMIT"),
                    "delay": settings.getfloat("DOWNLOAD_DELAY"), "resolve": settings.getlist("PANTAU_RESOLVE"),
                    "start_urls": site.start_urls, "incremental": settings.getbool("PANTAU_INCREMENTAL"),
                }
                run_id = self.store.start_run(site.pemda_id, spider.target, options, batch_id=batch_id)
            self.run_ids[site.pemda_id] = run_id
            if settings.getbool("PANTAU_INCREMENTAL"):
                self.history.previous.update(self.store.previous_pages(site.pemda_id, run_id))
        self.crawler.pantau_history = self.history
        self.crawler.stats.set_value("pantau/run_ids", dict(self.run_ids))
        logger.info("pantau runs %s into %s (%d pages known from earlier runs, %d already done)",
                    self.run_ids, self.db_path, len(self.history.previous), len(self.history.done))

    def _run_for(self, pemda_id: str | None) -> int:
        return self.run_ids.get(pemda_id) or next(iter(self.run_ids.values()))

    def spider_closed(self, spider, reason):
        if self.store is None:
            return
        self.extractor.close()
        for archive in self.archives.values():
            archive.close()
        status = _STATUS.get(reason, reason)
        for run_id in self.run_ids.values():
            self.store.finish_run(run_id, status=status)
            self.store.score_run(run_id)
        logger.info("pantau runs %s %s (%s)", sorted(self.run_ids.values()), status, reason)

    # -- items ----------------------------------------------------------------------------------------

    async def process_item(self, item):
        if isinstance(item, ErrorItem):
            self._error(self._run_for(item.pemda_id), item.url, item.kind, item.message)
        elif isinstance(item, PageItem):
            await self._record_page(item)
        elif isinstance(item, SiteIssueItem):
            self.store.record_site_issue(self._run_for(item.pemda_id), item.unit, item.kind, item.detail, item.url)
        return item

    def _error(self, run_id: int, url: str, kind: str, message: str) -> None:
        self.store.record_error(run_id, url, kind, message)
        self.crawler.stats.inc_value("pantau/errors")

    async def _record_page(self, item: PageItem) -> None:
        run_id = self._run_for(item.pemda_id)
        stats = self.crawler.stats
        validators = {"etag": item.headers.get("ETag"), "last_modified": item.headers.get("Last-Modified")}
        if item.previous_page_id:  # 304 Not Modified
            self.store.carry_over_page(run_id, item.previous_page_id, status=304, fetched_at=item.fetched_at,
                                       **validators)
            stats.inc_value("pantau/pages")
            stats.inc_value("pantau/carried_over")
            return
        body_hash = hashlib.sha256(item.body).hexdigest()
        unchanged = self.history.unchanged(item.url, body_hash)
        if unchanged:
            self.store.carry_over_page(run_id, unchanged["id"], status=item.status, fetched_at=item.fetched_at,
                                       **validators)
            stats.inc_value("pantau/pages")
            stats.inc_value("pantau/carried_over")
            return
        extraction, title, text, source = None, "", "", "binary"
        try:
            # The full header keeps the declared charset for the decoder.
            doc = await self.extractor.run(item.url, item.body, item.headers.get("Content-Type") or item.content_type,
                                           item.rendered)
            extraction, title, text, source = doc["extraction"], doc["title"], doc["text"], doc["source"]
        except ExtractionError as exc:
            self._error(run_id, item.url, "extract", str(exc))
        except Exception as exc:  # a bug on one odd page is a recorded failure, not a lost crawl
            logger.exception("extraction crashed on %s", item.url)
            self._error(run_id, item.url, "extract_crash", f"{type(exc).__name__}: {exc}")
        warc = self._archive(run_id, item) if extraction and extraction["findings"] else None
        self.store.record_page(
            run_id, url=item.url, unit=item.unit, status=item.status, content_type=item.content_type,
            body_hash=body_hash, title=title, text=text, size=len(item.body), source=source, depth=item.depth,
            extraction=extraction, fetched_at=item.fetched_at, links=item.links, warc=warc, **validators,
        )
        stats.inc_value("pantau/pages")
        stats.inc_value("pantau/extracted")
        if extraction:
            stats.inc_value("pantau/findings", len(extraction["findings"]))

    def _archive(self, run_id: int, item: PageItem) -> dict:
        if run_id not in self.archives:
            self.archives[run_id] = WarcArchive(self.archive_dir, run_id)
        ref = self.archives[run_id].write_response(item.url, item.status, item.headers, item.body, item.fetched_at)
        return {"file": ref.file, "offset": ref.offset, "record_id": ref.record_id}

    # -- what Scrapy drops without a trace ------------------------------------------------------------

    def request_scheduled(self, request, spider):
        """A redirect that leaves the pemda's sites is dropped by Scrapy's offsite filter without a trace:
        record it, since an assessor should see where a page really points."""
        chain = request.meta.get("redirect_urls")
        if chain and self.store is not None and site_for_host(spider.sites, urlsplit(request.url).hostname) is None:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "offsite",
                        f"redirects off the pemda's sites to {request.url} (not followed)")

    def request_dropped(self, request, spider):
        """The scheduler drops a redirect to a URL already seen: that is a redirect loop, worth a row."""
        chain = request.meta.get("redirect_urls")
        if chain and self.store is not None:
            self._error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "redirect_loop",
                        "redirects back to an already visited URL: " + " -> ".join(chain + [request.url]))
