"""Everything a crawl writes, as a handful of calls: one place that turns fetched pages into stored rows.

Used in the crawling process (`crawler.pipelines.StorePipeline`) and, in distributed mode, by `pantau ingest`,
which replays the same calls from workers' messages: so a finding is stored the same way whichever path it took.
"""

from __future__ import annotations

from pathlib import Path

from pantau.archive import WarcArchive
from pantau.storage import Store


def archive_dir_for(db_path: str | Path) -> Path:
    """Default WARC folder: beside the database (`pantau.db` -> `pantau-warc/`)."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-warc")


class Recorder:
    def __init__(self, store: Store, archive_dir: str | Path):
        self.store = store
        self.archive_dir = Path(archive_dir)
        self.archives: dict[int, WarcArchive] = {}

    def page(self, run_id: int, page: dict, doc: dict | None) -> int:
        """Store a fetched page and what was extracted from it (doc: extract_document's result, or None
        when extraction failed). Pages with findings are archived in the run's WARC first."""
        extraction = doc["extraction"] if doc else None
        warc = None
        if extraction and extraction["findings"] and page.get("body") is not None:
            archive = self.archives.get(run_id) or self.archives.setdefault(run_id, WarcArchive(self.archive_dir, run_id))
            ref = archive.write_response(page["url"], page["status"], page["headers"], page["body"], page["fetched_at"])
            warc = {"file": ref.file, "offset": ref.offset, "record_id": ref.record_id}
        return self.store.record_page(
            run_id, url=page["url"], unit=page["unit"], status=page["status"], content_type=page["content_type"],
            body_hash=page["body_hash"], title=doc["title"] if doc else "", text=doc["text"] if doc else "",
            size=page["size"], source=doc["source"] if doc else "binary", depth=page["depth"],
            extraction=extraction, fetched_at=page["fetched_at"], links=page["links"], warc=warc,
            etag=page["headers"].get("ETag"), last_modified=page["headers"].get("Last-Modified"),
        )

    def carry_over(self, run_id: int, previous_page_id: int, status: int, fetched_at: str, headers: dict) -> int:
        return self.store.carry_over_page(run_id, previous_page_id, status=status, fetched_at=fetched_at,
                                          etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))

    def error(self, run_id: int, url: str, kind: str, message: str) -> None:
        self.store.record_error(run_id, url, kind, message)

    def site_issue(self, run_id: int, unit: str, kind: str, detail: str, url: str | None = None) -> None:
        self.store.record_site_issue(run_id, unit, kind, detail, url)

    def close(self) -> None:
        for archive in self.archives.values():
            archive.close()
        self.archives.clear()
