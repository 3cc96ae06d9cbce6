"""scrapy-playwright's download handler, started only when a page first needs a browser, and kept guarded.

The stock handler starts Playwright's driver when the engine starts, so every crawl pays a node process
(~250 MB) even when no page needs JavaScript — the common case for pemda sites. This one waits for the
first request that asks for `playwright`. It starts pantau's browser proxy with the browser (every connection
Chromium makes is checked there), keeps pages inside the crawl's `BrowserScope`, and caps the rendered page
like any download (DOWNLOAD_MAXSIZE): a script can build a page far larger than the HTML it came in.
"""

from __future__ import annotations

import asyncio

from scrapy.exceptions import IgnoreRequest
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from crawler.addresses import ResolveMap
from crawler.browser_proxy import BrowserProxy
from crawler.rendering import CONTEXT_OPTIONS, NO_SIDE_CHANNELS, BrowserScope, launch_options, refuse_websocket_async
from crawler.resolver import resolve_only

# The rendered page's size in UTF-8 bytes, measured inside the browser so an oversize DOM never crosses over.
_RENDERED_SIZE = ("() => { try { return new Blob([document.documentElement.outerHTML]).size; }"
                  " catch (e) { return -1; } }")
_OVERSIZE = "pantau_rendered_oversize"


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        # Per crawl, from its spider's sites: the browser may not load anything from other sites.
        self.scope = BrowserScope.from_crawler(crawler)
        self.abort_request = self.scope.should_abort
        self.max_size = settings.getint("DOWNLOAD_MAXSIZE")
        self.proxy = BrowserProxy(ResolveMap(settings.getlist("PANTAU_RESOLVE")), resolve_only(settings),
                                  domains=crawler.spider.allowed_domains, max_bytes=self.max_size)

    async def _maybe_launch_in_thread(self) -> None:  # engine_started: nothing to start yet
        return None

    def _engine_started(self):  # the same, for Scrapy versions without the async API
        return None

    async def _launch(self) -> None:
        self.config.launch_options = launch_options(self.proxy.start())
        await super()._launch()

    async def _close(self) -> None:
        try:
            await super()._close()
        finally:
            self.proxy.stop()
            stats = self.proxy.stats
            self.stats.set_value("pantau/browser_proxy/connections", stats.connections)
            self.stats.set_value("pantau/browser_proxy/refused", len(stats.refused))
            self.stats.set_value("pantau/browser_proxy/bytes_down", stats.bytes_down)

    async def _create_browser_context(self, name, context_kwargs, spider=None):
        wrapper = await super()._create_browser_context(name, {**(context_kwargs or {}), **CONTEXT_OPTIONS}, spider)
        await wrapper.context.route_web_socket(lambda url: True, refuse_websocket_async)
        await wrapper.context.add_init_script(NO_SIDE_CHANNELS)
        return wrapper

    async def _apply_page_methods(self, page, request, spider) -> None:
        await super()._apply_page_methods(page, request, spider)
        limit = request.meta.get("download_maxsize", self.max_size)
        if not limit:
            return
        timeout = (self.config.navigation_timeout_ms or 30_000) / 1000
        try:
            size = await asyncio.wait_for(page.evaluate(_RENDERED_SIZE), timeout)
        except TimeoutError:
            size = -1  # a page too busy to answer is not read either
        if size < 0 or size > limit:
            request.meta[_OVERSIZE] = (size, limit)
            await page.goto("about:blank")  # what the handler reads next is an empty page, not the oversize one

    async def _download_request(self, request, spider=None):
        if getattr(self, "browser_provider", None) is None:
            lock = self.__dict__.setdefault("_pantau_launch_lock", asyncio.Lock())
            async with lock:
                if getattr(self, "browser_provider", None) is None:
                    await self._maybe_future_from_coro(self._launch())
        response = await super()._download_request(request, spider)
        limit = request.meta.get("download_maxsize", self.max_size)
        size = request.meta.pop(_OVERSIZE, (len(response.body), limit))[0]
        if limit and (size < 0 or size > limit):
            measured = "too large or too busy to be measured" if size < 0 else f"{size} bytes"
            raise IgnoreRequest(f"rendered page larger than the size cap (DOWNLOAD_MAXSIZE {limit} bytes): {measured}")
        if not self.scope.allows(response.url):  # a script navigated away (the proxy refused what it could not check)
            raise IgnoreRequest(f"the page's script redirected the browser off the pemda's sites to "
                                f"{response.url[:200]} (not read)")
        return response
