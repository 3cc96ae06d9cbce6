"""Extraction off the crawl loop: CPU-heavy pages (PDF layout, OCR) must not stall Scrapy's reactor.

`extract_document` is the one pure step (bytes -> a `Document`: page text + findings); `Extractor` runs it
inline or in a process pool (PANTAU_EXTRACT_WORKERS), with identical results either way.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from crawler.records import Document
from extractors import build_page, extract


def extract_document(url: str, body: bytes, content_type: str | None, rendered: bool = False) -> Document:
    """Raises extractors.ExtractionError for what cannot be read."""
    page = build_page(url, body, content_type)
    source = f"{page.source}+js" if rendered else page.source
    return Document(title=page.title, text=page.text, source=source, extraction=extract(page))


def _warm_up() -> None:
    """Load vocabulary and spaCy once per worker, before the first page waits on it."""
    try:
        extract_document("about:warm-up", b"<html><body><p>Persyaratan: KTP</p></body></html>", "text/html")
    except Exception:  # a warm-up failure shows again, clearly, on the first real page
        pass


def worker_count(setting: int | str | None) -> int:
    """PANTAU_EXTRACT_WORKERS: 0 = inline in the crawling process; "auto" = one per core."""
    if setting in (None, "", "auto"):
        return os.cpu_count() or 1
    return max(0, int(setting))


class Extractor:
    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers:
            # spawn, not fork: the crawling process runs threads (reactor, Playwright) that fork would copy.
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_warm_up)

    async def run(self, url: str, body: bytes, content_type: str | None, rendered: bool = False) -> Document:
        if self._pool is None:
            return extract_document(url, body, content_type, rendered)
        future = self._pool.submit(extract_document, url, body, content_type, rendered)
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
