"""Scrapy's redirect middlewares, but an address urllib refuses costs only its own request.

Scrapy's meta-refresh middleware reads the page's base URL to resolve a refresh, on every HTML page: a
`<base href="http://[nama-domain]/">` (a template's leftover) raised ValueError there, and the page became an `other`
error row, never parsed. Its 3xx middleware joins the Location header the same way: a `Location: http://[x/` raised
ValueError, recorded as `other` ("Invalid IPv6 URL"), which says nothing of a redirect."""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as ScrapyRedirectMiddleware
from scrapy.exceptions import IgnoreRequest


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)  # (Scrapy deprecates passing the spider on)
        except ValueError:  # no refresh can be followed to an address urllib refuses: the page itself is read
            return response


class RedirectMiddleware(ScrapyRedirectMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except ValueError as exc:
            # the answer is a redirect nobody can follow: a `redirect` error row (crawler/failures.py reads the
            # word), with the address the site gave
            location = (response.headers.get("Location") or b"").decode("latin-1")[:200]
            raise IgnoreRequest(f"redirect to a malformed address {location!r}: {exc}") from None
