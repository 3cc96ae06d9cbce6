"""Shows progress while a crawl runs: a live status line on a terminal, plain lines in logs otherwise.

PANTAU_PROGRESS: auto (live on a TTY, plain otherwise) | rich | plain | off.
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

PLAIN_INTERVAL = 10.0
LIVE_INTERVAL = 0.5


class Progress:
    def __init__(self, crawler, mode: str):
        self.crawler = crawler
        self.mode = mode
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
        return (
            f"{pages} pages ({pages / elapsed:.1f}/s, {stats.get_value('pantau/carried_over', 0)} unchanged), "
            f"{stats.get_value('pantau/findings', 0)} findings, {stats.get_value('pantau/errors', 0)} errors, "
            f"pemda {started}/{len(sites)} started, {hosts} hosts, {elapsed:.0f}s"
        )

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
            self.live.update(f"[bold]pantau[/] crawling {self.crawler.spider.target}: {self.line()}")
        else:
            print(f"pantau progress: {self.line()}", file=sys.stderr, flush=True)

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.live:
            self.live.stop()
        print(f"pantau: crawl {reason}: {self.line()}", file=sys.stderr, flush=True)
