"""The contract between the crawl pipeline and wherever its records go (pantau's Store, a Redis list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from scrapy import Spider

from crawler.history import History
from crawler.records import Document, PageRecord


@dataclass(frozen=True, slots=True)
class OpenedRuns:
    run_ids: dict[str, int]  # pemda_id -> run id
    history: History


class Sink(Protocol):
    """Where a crawl's records go (built from the PANTAU_SINK setting with `from_crawler`)."""

    def open(self, spider: Spider) -> OpenedRuns: ...
    def page(self, run_id: int, page: PageRecord, doc: Document | None) -> object: ...
    def carry_over(self, run_id: int, previous_page_id: int, page: PageRecord) -> object: ...
    def error(self, run_id: int, url: str | None, kind: str, message: str) -> None: ...
    def site_issue(self, run_id: int, unit: str, kind: str, detail: str, url: str | None = None) -> None: ...
    def finish(self, reason: str) -> None: ...
