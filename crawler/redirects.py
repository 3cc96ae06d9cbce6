"""Scrapy's meta-refresh middleware, but a page whose <base href> or refresh URL urllib refuses is read as it is.

Scrapy's reads the page's base URL to resolve a refresh, on every HTML page: a `<base href="http://[nama-domain]/">`
(a template's leftover) raised ValueError there, and the page became an `other` error row, never parsed."""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)  # (Scrapy deprecates passing the spider on)
        except ValueError:  # no refresh can be followed to an address urllib refuses: the page itself is read
            return response
