"""The crawl pipeline writes to the sink its caller names in settings (PANTAU_SINK), hands it typed records, and
tells the spider what earlier runs stored through a signal: no store imported, no state hung on the crawler.
Also: the crawler package imports nothing from the app, and the browser stays inside the crawl's sites."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
from types import SimpleNamespace

from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.history import History
from crawler.items import ErrorItem, PageItem
from crawler.pipelines import PagePipeline
from crawler.records import Document, PageRecord, PriorPage
from crawler.rendering import BrowserScope
from crawler.sink import OpenedRuns
from crawler.spiders.pemda import PemdaSpider

URL = "https://dukcapil.x.go.id/akta"
BODY = b"<html><body><h1>Akta Kelahiran</h1><h2>Persyaratan</h2><ul><li>Fotokopi KTP</li></ul></body></html>"
UNCHANGED = b"<html><body><p>tidak berubah</p></body></html>"
PRIOR = PriorPage(id=41, url=URL + "/lama", status=200, content_hash=hashlib.sha256(UNCHANGED).hexdigest(),
                  etag=None, last_modified=None)


class ListSink:
    """A sink that keeps every call."""

    def __init__(self):
        self.calls = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def open(self, spider):
        return OpenedRuns({"x.go.id": 3}, History(previous={PRIOR.url: PRIOR}))

    def page(self, run_id, page, doc):
        self.calls.append(("page", run_id, page, doc))

    def carry_over(self, run_id, previous_page_id, page):
        self.calls.append(("carry_over", run_id, previous_page_id, page))

    def error(self, run_id, url, kind, message):
        self.calls.append(("error", run_id, url, kind))

    def site_issue(self, run_id, unit, kind, detail, url=None):
        self.calls.append(("site_issue", run_id, unit, kind))

    def finish(self, reason):
        self.calls.append(("finish", reason))


def _item(url: str, body: bytes) -> PageItem:
    return PageItem(url=url, pemda_id="x.go.id", unit="dukcapil.x.go.id", status=200, content_type="text/html",
                    body=body, headers={"Content-Type": "text/html", "ETag": '"v2"'}, fetched_at="2026-01-01")


def test_the_pipeline_writes_typed_records_to_the_sink_its_settings_name():
    crawler = get_crawler(PemdaSpider, {"PANTAU_SINK": ListSink, "PANTAU_EXTRACT_WORKERS": 0})
    crawler.spider = crawler._create_spider(domain="x.go.id")
    pipeline = build_from_crawler(PagePipeline, crawler)
    pipeline.open_spider()
    assert crawler.spider.history.previous == {PRIOR.url: PRIOR}  # announced with the runs_opened signal
    assert not hasattr(crawler, "pantau_history")

    async def feed():
        await pipeline.process_item(_item(URL, BODY))
        await pipeline.process_item(_item(PRIOR.url, UNCHANGED))
        await pipeline.process_item(ErrorItem(URL + "/x", "x.go.id", "http_404", "HTTP 404"))

    asyncio.run(feed())
    pipeline.spider_closed(crawler.spider, "finished")
    sink = pipeline.sink
    (op, run_id, page, doc), carried, error, finish = sink.calls
    assert (op, run_id) == ("page", 3) and isinstance(page, PageRecord) and isinstance(doc, Document)
    assert (page.url, page.size, page.etag, page.body) == (URL, len(BODY), '"v2"', BODY)
    assert {f.component for f in doc.extraction.findings} == {"persyaratan"}
    assert carried[:3] == ("carry_over", 3, 41)  # the same bytes as last run: not extracted again
    assert error == ("error", 3, URL + "/x", "http_404") and finish == ("finish", "finished")


def test_the_crawler_package_imports_nothing_from_the_app():
    code = ("import sys, crawler.spiders.pemda, crawler.pipelines, crawler.distributed, crawler.browser, "
            "crawler.addons, crawler.extensions, crawler.wire; "
            "print([m for m in sys.modules if m == 'pantau' or m.startswith('pantau.')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_browser_may_load_only_the_crawls_own_sites():
    scope = BrowserScope(("x.go.id",))  # addresses and the --resolve map: the browser proxy's (test_hostile_browser)

    def aborted(url, kind="script"):
        return scope.should_abort(SimpleNamespace(url=url, resource_type=kind))

    assert not aborted("http://dukcapil.x.go.id/app.js")
    assert aborted("http://cdn.example.com/app.js")  # another site
    assert aborted("ftp://dukcapil.x.go.id/app.js")
    assert aborted("http://dukcapil.x.go.id/logo.png", kind="image")
    assert not aborted("data:text/plain,hi")
