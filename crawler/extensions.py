"""Shows progress while a crawl runs: a live status line on a terminal, plain lines in logs otherwise.

PANTAU_PROGRESS: auto (live on a TTY, plain otherwise) | rich | plain | off. PANTAU_LANG: id (default) | en.

Pages are counted when fetched, findings when a page's extraction ends: extraction runs in worker processes
that may lag behind the crawl (their first page waits for the vocabulary to load), so the line says how many
pages are extracted, and the findings count grows with them.
"""

from __future__ import annotations

import sys
import time

from rich.markup import escape
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

PLAIN_INTERVAL = 10.0
LIVE_INTERVAL = 0.5
LINE = {
    "id": "{pages} halaman ({rate:.1f}/dtk, {unchanged} tak berubah), {extracted} diekstrak, {findings} temuan, "
          "{errors} kesalahan, pemda {started}/{sites} dimulai, {hosts} host, {elapsed:.0f} dtk",
    "en": "{pages} pages ({rate:.1f}/s, {unchanged} unchanged), {extracted} extracted, {findings} findings, "
          "{errors} errors, pemda {started}/{sites} started, {hosts} hosts, {elapsed:.0f}s",
}
CRAWLING = {"id": "memeriksa", "en": "crawling"}
CLOSED = {"id": "crawl berakhir", "en": "crawl ended"}


class Progress:
    def __init__(self, crawler, mode: str):
        self.crawler = crawler
        self.mode = mode
        self.lang = crawler.settings.get("PANTAU_LANG") or "id"
        if self.lang not in LINE:
            self.lang = "id"
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.live = None

    @classmethod
    def from_crawler(cls, crawler):
        mode = crawler.settings.get("PANTAU_PROGRESS", "auto")
        if mode == "off":
            raise NotConfigured
        if mode == "auto":
            mode = "rich" if sys.stderr.isatty() else "plain"
        ext = cls(crawler, mode)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        stats = self.crawler.stats
        pages = stats.get_value("pantau/pages", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        spider = self.crawler.spider
        sites = getattr(spider, "sites", [])
        started = sum(1 for s in sites if s.seen)
        hosts = len(getattr(spider, "_hosts_seen", ()))
        return LINE[self.lang].format(
            pages=pages, rate=pages / elapsed, unchanged=stats.get_value("pantau/carried_over", 0),
            extracted=stats.get_value("pantau/extracted", 0), findings=stats.get_value("pantau/findings", 0),
            errors=stats.get_value("pantau/errors", 0), started=started, sites=len(sites), hosts=hosts,
            elapsed=elapsed)

    def spider_opened(self, spider):
        self.started = time.monotonic()
        if self.mode == "rich":
            from rich.console import Console
            from rich.live import Live

            self.live = Live(console=Console(stderr=True), refresh_per_second=4, transient=True)
            self.live.start()
        interval = LIVE_INTERVAL if self.live else PLAIN_INTERVAL
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(interval, now=False)

    def tick(self):
        if self.live:
            self.live.update(f"[bold]pantau[/] {CRAWLING[self.lang]} {escape(self.crawler.spider.target)}: {self.line()}")
        else:
            print(f"pantau: {self.line()}", file=sys.stderr, flush=True)

    def interrupted(self) -> None:
        """Ctrl-C (pantau/interrupt.py): leave the terminal clean at once; the crawl will not close normally."""
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.live:
            self.live.stop()
            self.live = None

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.live:
            self.live.stop()
        print(f"pantau: {CLOSED[self.lang]} ({reason}): {self.line()}", file=sys.stderr, flush=True)
