"""Everything a crawl writes, as a handful of calls: one place that turns fetched pages into stored rows.

`Recorder` is used in the crawling process (through `StoreSink`, the pipeline's sink) and, in distributed mode,
by the coordinator's ingest, which replays the same calls from workers' messages: so a finding is stored the
same way whichever path it took. `StoreSink` adds the runs' lifecycle: open (or reopen) a run per pemda at the
start of a crawl, finish and score them at the end.
"""

from __future__ import annotations

import logging
from pathlib import Path

from crawler.history import History
from crawler.records import Document, PageRecord
from crawler.sink import OpenedRuns
from pantau.archive import WarcArchive
from pantau.storage import Store

logger = logging.getLogger(__name__)

# How a Scrapy close reason maps to a run status.
RUN_STATUS = {"finished": "finished", "closespider_pagecount": "finished", "closespider_timeout": "finished",
              "shutdown": "interrupted"}


def archive_dir_for(db_path: str | Path) -> Path:
    """Default WARC folder: beside the database (`pantau.db` -> `pantau-warc/`)."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-warc")


class Recorder:
    def __init__(self, store: Store, archive_dir: str | Path):
        self.store = store
        self.archive_dir = Path(archive_dir)
        self.archives: dict[int, WarcArchive] = {}

    def page(self, run_id: int, page: PageRecord, doc: Document | None) -> int:
        """Store a fetched page and what was extracted from it (None when extraction failed). Pages with
        findings are archived in the run's WARC first."""
        warc = None
        if doc and doc.has_findings and page.body is not None:
            archive = self.archives.get(run_id) or self.archives.setdefault(run_id, WarcArchive(self.archive_dir, run_id))
            warc = archive.write_response(page.url, page.status, page.headers, page.body, page.fetched_at,
                                          ip_address=page.ip_address, request_headers=page.request_headers)
        return self.store.record_page(run_id, page, doc, warc=warc)

    def carry_over(self, run_id: int, previous_page_id: int, page: PageRecord) -> int:
        page_id = self.store.carry_over_page(run_id, previous_page_id, page)
        # spam the unchanged page showed then, it shows now: this run records it too (the site is still hijacked)
        for issue in self.store.page_site_issues(previous_page_id):
            self.store.record_site_issue(run_id, issue["unit"], issue["kind"], issue["detail"], issue["url"])
        return page_id

    def error(self, run_id: int, url: str, kind: str, message: str) -> None:
        self.store.record_error(run_id, url, kind, message)

    def site_issue(self, run_id: int, unit: str, kind: str, detail: str, url: str | None = None) -> None:
        self.store.record_site_issue(run_id, unit, kind, detail, url)

    def close(self) -> None:
        for archive in self.archives.values():
            archive.close()
        self.archives.clear()


class StoreSink(Recorder):
    """The crawl pipeline's sink in one process (PANTAU_SINK): writes to the SQLite file in PANTAU_DB; opens
    (or, with PANTAU_RESUME, reopens) one run per pemda and loads what earlier runs know; finishes and scores
    the runs when the crawl closes."""

    def __init__(self, settings):
        db_path = settings.get("PANTAU_DB")
        super().__init__(Store(db_path), settings.get("PANTAU_ARCHIVE_DIR") or archive_dir_for(db_path))
        self.settings = settings
        self.run_ids: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler) -> "StoreSink":
        return cls(crawler.settings)

    def open(self, spider) -> OpenedRuns:
        store, settings, history = self.store, self.settings, History()
        batch_id = settings.get("PANTAU_BATCH_ID")
        resumable = store.resumable_runs(batch_id) if settings.getbool("PANTAU_RESUME") else {}
        for site in spider.sites:
            store.upsert_pemda(site.pemda_id, name=site.name, level=site.level, province=site.province)
            run_id = resumable.get(site.pemda_id)
            if run_id:
                store.resume_run(run_id)
                history.done.update(store.pages_of_run(run_id))
            else:
                options = {
                    "max_pages": spider.budget(site), "depth_limit": settings.getint("DEPTH_LIMIT"),
                    "delay": settings.getfloat("DOWNLOAD_DELAY"), "resolve": settings.getlist("PANTAU_RESOLVE"),
                    "start_urls": site.start_urls, "incremental": settings.getbool("PANTAU_INCREMENTAL"),
                }
                run_id = store.start_run(site.pemda_id, spider.target, options, batch_id=batch_id)
            self.run_ids[site.pemda_id] = run_id
            if settings.getbool("PANTAU_INCREMENTAL"):
                history.previous.update(store.previous_pages(site.pemda_id, run_id))
        logger.info("pantau runs %s into %s (%d pages known from earlier runs, %d already done)",
                    self.run_ids, store.path, len(history.previous), len(history.done))
        return OpenedRuns(dict(self.run_ids), history)

    def finish(self, reason: str) -> None:
        self.close()
        status = RUN_STATUS.get(reason, reason)
        for run_id in self.run_ids.values():
            self.store.finish_run(run_id, status=status)
            self.store.score_run(run_id)
        logger.info("pantau runs %s %s (%s)", sorted(self.run_ids.values()), status, reason)
