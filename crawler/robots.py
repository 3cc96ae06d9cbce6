"""robots.txt, obeyed even when many requests to a new host wait for it at once.

Scrapy 2.19's RobotsTxtMiddleware keeps one Deferred per host while robots.txt downloads, and every waiting
request awaits it through `Deferred.asFuture`, whose callback passes `None` down the chain: only the first
waiter gets the parser, the others get None, which means "no robots.txt, allow everything". A crawl that
starts many requests on a host at once (a resumed night replays a whole site's links) then fetches pages
robots.txt forbids. Waiters that get None read the settled parser instead.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        if parser is None:
            settled = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(settled, Deferred):
                return settled
        return parser
