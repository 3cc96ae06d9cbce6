"""Runs a Scrapy crawl of one or many pemda in this process, with pantau's settings and the caller's overrides."""

from __future__ import annotations

import logging
import os

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.addresses import ResolveMap
from crawler.sites import Site, site_from_target
from crawler.spiders.pemda import PemdaSpider
from pantau.interrupt import CrawlInterrupted, CtrlC


def crawl_settings(
    db: str,
    resolve: list[str] | None = None,
    delay: float | None = None,
    max_depth: int | None = None,
    timeout: float | None = None,
    progress: str = "auto",
    log_level: str | None = None,
    **extra,
) -> Settings:
    """pantau's Scrapy settings with the CLI's overrides; EXTRA are further settings (NAME=value)."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    # PANTAU_LOG_LEVEL=DEBUG shows Scrapy's own log (robots decisions, retries, redirects).
    log_level = log_level or os.environ.get("PANTAU_LOG_LEVEL", "WARNING")
    overrides: dict = {"PANTAU_DB": str(db), "PANTAU_PROGRESS": progress, "LOG_LEVEL": log_level}
    if resolve:
        overrides["PANTAU_RESOLVE"] = ResolveMap(resolve).specs()  # validates every entry
    if delay is not None:
        overrides["DOWNLOAD_DELAY"] = delay
        overrides["AUTOTHROTTLE_START_DELAY"] = delay
        if delay == 0:
            overrides["AUTOTHROTTLE_ENABLED"] = False
            overrides["DOWNLOAD_DELAY_JITTER"] = 0
    if max_depth is not None:
        overrides["DEPTH_LIMIT"] = max_depth
    if timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = timeout
    overrides.update({k: v for k, v in extra.items() if v is not None})
    settings.setdict(overrides, priority="cmdline")
    return settings


# Loggers that repeat, as tracebacks, failures the crawl records as error rows (retries given up, robots.txt
# or hosts that could not be reached, refused addresses): quiet unless PANTAU_LOG_LEVEL asks for the log.
RECORDED_ELSEWHERE = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt",
                      "crawler.robots", "crawler.resolver")


def run_crawl(settings: Settings, *, target: str | None = None, sites: list[Site] | None = None,
              max_pages: int | None = None, interrupt_message: str | None = None) -> dict[str, int]:
    """Crawl to the end (blocking); return {pemda_id: run_id} of the runs written to the database.

    interrupt_message: print it on Ctrl-C, stop at once and raise CrawlInterrupted (pantau/interrupt.py);
    without it Ctrl-C stops the Scrapy way (gracefully).
    """
    process = CrawlerProcess(settings)
    if "PANTAU_LOG_LEVEL" not in os.environ:
        for name in RECORDED_ELSEWHERE:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(PemdaSpider)
    ctrl_c = CtrlC(crawler, interrupt_message) if interrupt_message else None
    if ctrl_c:
        ctrl_c.catch()
    process.crawl(crawler, domain=target, sites=sites, max_pages=max_pages)
    if ctrl_c:  # after crawl(), which installs Scrapy's reactor
        ctrl_c.arm()
    if not (ctrl_c and ctrl_c.fired):
        process.start()
    if ctrl_c and ctrl_c.fired:
        ctrl_c.wind_down()
        raise CrawlInterrupted(crawler.stats.get_value("pantau/run_ids") or {})
    return crawler.stats.get_value("pantau/run_ids") or {}


def run_audit(target: str, settings: Settings, max_pages: int | None = None,
              interrupt_message: str | None = None) -> int | None:
    """Crawl one TARGET and return its run id. A pemda in the registry is named as the registry names it."""
    site = site_from_target(target, max_pages=max_pages)
    entry = _registry_entry(site.pemda_id)
    if entry is not None:
        site.name, site.level, site.province = entry.name, entry.level, entry.province
    return next(iter(run_crawl(settings, sites=[site], interrupt_message=interrupt_message).values()), None)


def _registry_entry(domain: str):
    from pantau.registry import RegistryError, find, load_registry

    try:
        return find(load_registry(), domain)
    except RegistryError:  # a broken registry must not stop an ad-hoc audit
        return None
