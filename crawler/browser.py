"""scrapy-playwright's download handler, started only when a page first needs a browser, and kept guarded.

The stock handler starts Playwright's driver when the engine starts, so every crawl pays a node process
(~250 MB) even when no page needs JavaScript — the common case for pemda sites. This one waits for the
first request that asks for `playwright`. It starts pantau's browser proxy with the browser (every connection
Chromium makes is checked there), keeps pages inside the crawl's `BrowserScope`, and caps the rendered page
like any download (DOWNLOAD_MAXSIZE): a script can build a page far larger than the HTML it came in.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from scrapy.exceptions import DownloadConnectionRefusedError, DownloadFailedError, DownloadTimeoutError, IgnoreRequest
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from crawler.addresses import ResolveMap
from crawler.browser_proxy import BrowserProxy
from crawler.rendering import CONTEXT_OPTIONS, NO_SIDE_CHANNELS, BrowserScope, launch_options, refuse_websocket_async
from crawler.resolver import resolve_only

# The rendered page's size in UTF-8 bytes, measured inside the browser so an oversize DOM never crosses over.
_RENDERED_SIZE = ("() => { try { return new Blob([document.documentElement.outerHTML]).size; }"
                  " catch (e) { return -1; } }")
_OVERSIZE = "pantau_rendered_oversize"
PLAYWRIGHT_LOGGER = "scrapy-playwright"


def is_browser_error(exc: BaseException | None) -> bool:
    """An error Playwright reports about the page (navigation failed, timed out, page closed), not a bug."""
    return exc is not None and type(exc).__module__.startswith("playwright.")


class OneLineBrowserFailures(logging.Filter):
    """scrapy-playwright logs a page that fails to load ("Closing page due to failed request") as a warning with
    the whole traceback of Playwright's internals, once per attempt, though the failure is an errors row already
    (the spider's errback) and the run's outcome says the site was unreachable. Such a record keeps one line (its
    message's first line) at INFO, like the other failures recorded elsewhere (pantau/crawl.py
    RECORDED_ELSEWHERE): shown with PANTAU_LOG_LEVEL=INFO. Any other exception (a bug in pantau's handler code,
    say) keeps its level and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if is_browser_error(exc):
            try:
                first_line = (record.getMessage().splitlines() or [""])[0]
            except (TypeError, ValueError):  # a message its arguments do not fit: keep the bare template
                first_line = str(record.msg).split("\n", 1)[0]
            record.msg, record.args = first_line, ()
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


def quiet_browser_tracebacks() -> None:
    """Install OneLineBrowserFailures on scrapy-playwright's logger (once per process)."""
    log = logging.getLogger(PLAYWRIGHT_LOGGER)
    if not any(isinstance(f, OneLineBrowserFailures) for f in log.filters):
        log.addFilter(OneLineBrowserFailures())


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        quiet_browser_tracebacks()
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
        try:
            response = await super()._download_request(request, spider)
        except Exception as exc:
            unreachable = self._unreachable(request) if is_browser_error(exc) else None
            if unreachable is None:
                raise
            raise unreachable from exc
        limit = request.meta.get("download_maxsize", self.max_size)
        size = request.meta.pop(_OVERSIZE, (len(response.body), limit))[0]
        if limit and (size < 0 or size > limit):
            measured = "too large or too busy to be measured" if size < 0 else f"{size} bytes"
            raise IgnoreRequest(f"rendered page larger than the size cap (DOWNLOAD_MAXSIZE {limit} bytes): {measured}")
        if not self.scope.allows(response.url):  # a script navigated away (the proxy refused what it could not check)
            raise IgnoreRequest(f"the page's script redirected the browser off the pemda's sites to "
                                f"{response.url[:200]} (not read)")
        return response

    def _unreachable(self, request) -> Exception | None:
        """The crawler's own download error for a page the browser could not load because the proxy could not
        connect to its server (Chromium itself only reports an empty response), so that the errors row says
        `connection_refused` or `timeout` as for a page fetched without the browser; None for other failures."""
        host = urlsplit(request.url).hostname or ""
        cause = self.proxy.connect_failure(host)
        if cause is None:
            return None
        detail = f"the browser could not connect to {host}: {type(cause).__name__}: {cause}"[:500]
        if isinstance(cause, ConnectionRefusedError):
            return DownloadConnectionRefusedError(detail)
        if isinstance(cause, TimeoutError):
            return DownloadTimeoutError(detail)
        return DownloadFailedError(detail)
