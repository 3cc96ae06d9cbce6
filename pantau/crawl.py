"""Runs the Scrapy crawl of one pemda in this process, with pantau's settings and the caller's overrides."""

from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.addresses import ResolveMap
from crawler.spiders.pemda import PemdaSpider


def crawl_settings(
    db: str,
    resolve: list[str] | None = None,
    delay: float | None = None,
    max_depth: int | None = None,
    timeout: float | None = None,
    progress: str = "auto",
    log_level: str = "WARNING",
) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    overrides: dict = {"PANTAU_DB": str(db), "PANTAU_PROGRESS": progress, "LOG_LEVEL": log_level}
    if resolve:
        overrides["PANTAU_RESOLVE"] = ResolveMap(resolve).specs()  # validates every entry
    if delay is not None:
        overrides["DOWNLOAD_DELAY"] = delay
        overrides["AUTOTHROTTLE_START_DELAY"] = delay
        if delay == 0:
            overrides["AUTOTHROTTLE_ENABLED"] = False
            overrides["RANDOMIZE_DOWNLOAD_DELAY"] = False
    if max_depth is not None:
        overrides["DEPTH_LIMIT"] = max_depth
    if timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = timeout
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_audit(target: str, settings: Settings, max_pages: int | None = None) -> int | None:
    """Crawl TARGET to the end (blocking) and return the run id written to the database."""
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(PemdaSpider)
    process.crawl(crawler, domain=target, max_pages=max_pages)
    process.start()
    run_ids = crawler.stats.get_value("pantau/run_ids") or {}
    return next(iter(run_ids.values()), None)
