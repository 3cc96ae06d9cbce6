"""scrapy-playwright's download handler, started only when a page first needs a browser.

The stock handler starts Playwright's driver when the engine starts, so every crawl pays a node process
(~250 MB) even when no page needs JavaScript — the common case for pemda sites. This one waits for the
first request that asks for `playwright`. It also keeps the browser inside the crawl's `BrowserScope`.
"""

from __future__ import annotations

import asyncio

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from crawler.rendering import BrowserScope


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        # Per crawl, from its spider's sites: the browser may not load anything from other sites.
        self.abort_request = BrowserScope.from_crawler(crawler).should_abort

    async def _maybe_launch_in_thread(self) -> None:  # engine_started: nothing to start yet
        return None

    def _engine_started(self):  # the same, for Scrapy versions without the async API
        return None

    async def _download_request(self, request, spider=None):
        if getattr(self, "browser_provider", None) is None:
            lock = self.__dict__.setdefault("_pantau_launch_lock", asyncio.Lock())
            async with lock:
                if getattr(self, "browser_provider", None) is None:
                    await self._maybe_future_from_coro(self._launch())
        return await super()._download_request(request, spider)
