"""robots.txt: read within bounds, and obeyed even when many requests to a new host wait for it at once.

Size. A 19 MB robots.txt took 19 s and 1.2 GB to parse on the reactor thread, and 1.6 s per URL check afterwards.
RFC 9309 (2.5) lets a crawler stop at 500 KiB, so pantau downloads no more than that (the download is stopped,
not failed: a failed robots.txt would mean "allow everything") and parses only the complete lines within it.

Waiting. Scrapy 2.19's RobotsTxtMiddleware keeps one Deferred per host while robots.txt downloads, and every
waiting request awaits it through `Deferred.asFuture`, whose callback passes `None` down the chain: only the first
waiter gets the parser, the others get None, which means "no robots.txt, allow everything". A crawl that
starts many requests on a host at once (a resumed night replays a whole site's links) then fetches pages
robots.txt forbids. Waiters that get None read the settled parser instead.

Origin. Scrapy keys its parsers by host alone, so when https://x.go.id/robots.txt fails (a pemda site with no TLS,
the https start URL falling back to http://) the failure ("allow everything") was applied to http://x.go.id too,
and pages its robots.txt forbids were fetched. RFC 9309 (2.3) scopes a robots.txt to its scheme, host and port:
so does this middleware.

Once. The spider asks for each host's robots.txt itself, to read its sitemaps (crawler/spiders/pemda.py); that
request is answered with what this middleware downloaded (the response, or the failure, replayed) instead of a
second download of the same file.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024
# robots.txt downloads kept for the spider's own request for them; past this many waiting, the oldest is dropped
# (its request then downloads the file again: one more fetch, never a wrong answer).
MAX_KEPT = 100


def is_robots_url(request) -> bool:
    return urlparse_cached(request).path == "/robots.txt"


def robots_url_of(request) -> str:
    """The robots.txt that rules REQUEST: the one of its scheme, host and port (RFC 9309 2.3)."""
    parts = urlparse_cached(request)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def cut_robots(body: bytes) -> bytes:
    """At most the first 500 KiB of a robots.txt, ending at a line break so that no rule is read half."""
    if len(body) <= ROBOTS_MAX_BYTES:
        return body
    head = body[:ROBOTS_MAX_BYTES]
    return head[: head.rfind(b"\n") + 1]


def sitemap_urls(body: bytes, base_url: str) -> list[str]:
    """The sitemaps a robots.txt names (its "Sitemap:" lines, made absolute), as Scrapy's sitemap_urls_from_robots
    reads them, but a line urllib refuses ("Sitemap: http://[yourdomain]/sitemap.xml") is skipped: in Scrapy's
    generator it raised, and the host lost all its sitemaps, the good lines and the /sitemap.xml fallback."""
    found = []
    for line in body.splitlines():
        if line.lstrip()[:8].lower() != b"sitemap:":
            continue
        try:
            found.append(urljoin(base_url, line.partition(b":")[2].strip().decode()))
        except ValueError:  # (UnicodeDecodeError is one)
            continue
    return found


def stop_long_robots(data: bytes, request, spider=None) -> None:
    """bytes_received handler: end a robots.txt download once it passes 500 KiB, keeping what came."""
    if not is_robots_url(request):
        return
    received = request.meta.get("pantau_robots_bytes", 0) + len(data)
    request.meta["pantau_robots_bytes"] = received
    if received > ROBOTS_MAX_BYTES:
        raise StopDownload(fail=False)


class CappedRobotParser(ProtegoRobotParser):
    """Scrapy's Protego parser over the first 500 KiB only (ROBOTSTXT_PARSER)."""

    def __init__(self, robotstxt_body: bytes, spider=None):
        if len(robotstxt_body) > ROBOTS_MAX_BYTES:
            logger.warning("robots.txt of %d bytes or more: only its first %d bytes are read",
                           len(robotstxt_body), ROBOTS_MAX_BYTES)
        super().__init__(cut_robots(robotstxt_body), spider)


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        # robots.txt URL -> what its download gave (a response or an exception), until the spider's request takes it
        self._kept: dict[str, Response | Exception] = {}

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(stop_long_robots, signal=signals.bytes_received)
        return middleware

    async def process_request(self, request, spider=None):
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return None
        parser = await self.robot_parser(request)
        if is_robots_url(request):  # the spider's own request for it: robots.txt itself is always allowed
            return self._replay(request)
        self.process_request_2(parser, request)
        return None

    async def robot_parser(self, request):
        """The parser for REQUEST's robots.txt (None: allow everything), downloaded once per origin."""
        url = robots_url_of(request)
        if url not in self._parsers:
            self._parsers[url] = Deferred()
            robots_request = Request(url, priority=self.DOWNLOAD_PRIORITY, meta={"dont_obey_robotstxt": True},
                                     callback=NO_CALLBACK)
            try:
                response = await self.crawler.engine.download_async(robots_request)
                self._keep(url, response)
                await self._parse_robots(response, url, request)
            except Exception as exc:  # any failure means "no robots.txt"; the spider's request records it
                if url not in self._kept:
                    self._keep(url, exc.with_traceback(None))  # its frames would keep the crawl's objects alive
                logger.info("robots.txt %s not read (%s: %s): every page of its site is allowed",
                            url, type(exc).__name__, exc)
                self._robots_error(exc, url)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[url]
        if isinstance(parser, Deferred):
            parser = await maybe_deferred_to_future(parser)
            if parser is None:  # Deferred.asFuture hands the result to the first waiter only (see above)
                settled = self._parsers.get(url)
                if not isinstance(settled, Deferred):
                    return settled
        return parser

    def _keep(self, url: str, outcome) -> None:
        if len(self._kept) >= MAX_KEPT:
            self._kept.pop(next(iter(self._kept)))
        self._kept[url] = outcome

    def _replay(self, request):
        """What the download of REQUEST's robots.txt gave, for the spider's request of the same file; None (download
        it) when nothing was kept."""
        outcome = self._kept.pop(request.url, None)
        if outcome is None:
            return None
        self._stats.inc_value("pantau/robots_reused")
        if isinstance(outcome, Exception):
            request.meta["dont_retry"] = True  # the first download had its retries
            raise outcome
        return outcome.replace(request=request, flags=[*outcome.flags, "robots.txt reused"])
