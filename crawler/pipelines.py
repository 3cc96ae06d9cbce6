"""Hands each fetched page to the extractors and persists page, findings and failures.

The pipeline owns the runs' lifecycle in the database: one run per pemda, opened when the spider opens;
when the spider closes it records how each run ended and scores it. Extraction failures become error rows;
the page itself is still stored, so nothing fetched is lost.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlsplit

from scrapy import signals

from crawler.items import ErrorItem, PageItem, SiteIssueItem
from crawler.sites import site_for_host
from extractors import ExtractionError, build_page, extract
from pantau.storage import Store

logger = logging.getLogger(__name__)

# How a Scrapy close reason maps to a run status.
_STATUS = {"finished": "finished", "closespider_pagecount": "finished", "closespider_timeout": "finished",
           "shutdown": "interrupted"}


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("PANTAU_DB")
        self.store: Store | None = None
        self.run_ids: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        return pipeline

    def open_spider(self):
        spider = self.crawler.spider
        settings = self.crawler.settings
        self.store = Store(self.db_path)
        for site in spider.sites:
            self.store.upsert_pemda(site.pemda_id, name=site.name)
            options = {
                "max_pages": spider.budget(site),
                "depth_limit": settings.getint("DEPTH_LIMIT"),
                "delay": settings.getfloat("DOWNLOAD_DELAY"),
                "resolve": settings.getlist("PANTAU_RESOLVE"),
                "start_urls": site.start_urls,
            }
            self.run_ids[site.pemda_id] = self.store.start_run(site.pemda_id, spider.target, options)
        self.crawler.stats.set_value("pantau/run_ids", dict(self.run_ids))
        logger.info("pantau runs %s into %s", self.run_ids, self.db_path)

    def _run_for(self, pemda_id: str | None) -> int:
        return self.run_ids.get(pemda_id) or next(iter(self.run_ids.values()))

    def process_item(self, item):
        if isinstance(item, ErrorItem):
            self.store.record_error(self._run_for(item.pemda_id), item.url, item.kind, item.message)
            self.crawler.stats.inc_value("pantau/errors")
        elif isinstance(item, PageItem):
            self._record_page(item)
        elif isinstance(item, SiteIssueItem):
            self.store.record_site_issue(self._run_for(item.pemda_id), item.unit, item.kind, item.detail, item.url)
        return item

    def request_scheduled(self, request, spider):
        """A redirect that leaves the pemda's sites is dropped by Scrapy's offsite filter without a trace:
        record it, since an assessor should see where a page really points."""
        chain = request.meta.get("redirect_urls")
        if chain and self.store is not None and site_for_host(spider.sites, urlsplit(request.url).hostname) is None:
            self.store.record_error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "offsite",
                                    f"redirects off the pemda's sites to {request.url} (not followed)")
            self.crawler.stats.inc_value("pantau/errors")

    def request_dropped(self, request, spider):
        """The scheduler drops a redirect to a URL already seen: that is a redirect loop, worth a row."""
        chain = request.meta.get("redirect_urls")
        if chain and self.store is not None:
            self.store.record_error(self._run_for(request.meta.get("pantau_pemda")), chain[0], "redirect_loop",
                                    "redirects back to an already visited URL: " + " -> ".join(chain + [request.url]))
            self.crawler.stats.inc_value("pantau/errors")

    def _record_page(self, item: PageItem) -> None:
        run_id = self._run_for(item.pemda_id)
        extraction = None
        title, text, source = "", "", "binary"
        try:
            # The full header keeps the declared charset for the decoder.
            page = build_page(item.url, item.body, item.headers.get("Content-Type") or item.content_type)
            result = extract(page)
            extraction = result.to_dict()
            title, text, source = page.title, page.text, page.source
            if item.rendered:
                source = f"{source}+js"
        except ExtractionError as exc:
            self.store.record_error(run_id, item.url, "extract", str(exc))
            self.crawler.stats.inc_value("pantau/errors")
        self.store.record_page(
            run_id,
            url=item.url,
            unit=item.unit,
            status=item.status,
            content_type=item.content_type,
            body_hash=hashlib.sha256(item.body).hexdigest(),
            title=title,
            text=text,
            size=len(item.body),
            source=source,
            depth=item.depth,
            extraction=extraction,
        )
        self.crawler.stats.inc_value("pantau/pages")
        if extraction:
            self.crawler.stats.inc_value("pantau/findings", len(extraction["findings"]))

    def spider_closed(self, spider, reason):
        if self.store is None:
            return
        status = _STATUS.get(reason, reason)
        for pemda_id, run_id in self.run_ids.items():
            self.store.finish_run(run_id, status=status)
            self.store.score_run(run_id)
        logger.info("pantau runs %s %s (%s)", sorted(self.run_ids.values()), status, reason)
