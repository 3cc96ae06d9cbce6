"""Evidence that holds up: every page that yields a finding is kept in a WARC file per run.

One gzip member per record, so a finding can point at (file, offset) and any WARC tool can replay it.
"""

from __future__ import annotations

import io
from http import HTTPStatus
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class WarcRef:
    file: str
    offset: int
    record_id: str


class WarcArchive:
    """Appends response records to `<dir>/run-<id>.warc.gz`."""

    def __init__(self, directory: str | Path, run_id: int):
        self.path = Path(directory) / f"run-{run_id}.warc.gz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)

    def write_response(self, url: str, status: int, headers: dict[str, str], body: bytes, fetched_at: str) -> WarcRef:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown"
        # Content-Encoding is dropped: the body stored is the decoded one, so a replay must not gunzip it again.
        kept = [(k, v) for k, v in headers.items() if k.lower() not in ("content-encoding", "transfer-encoding")]
        http_headers = StatusAndHeaders(f"{status} {phrase}", kept, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
        )
        offset = self._file.tell()
        self._writer.write_record(record)
        self._file.flush()
        return WarcRef(str(self.path), offset, record.rec_headers.get_header("WARC-Record-ID"))

    def close(self) -> None:
        self._file.close()


def read_record(path: str | Path, offset: int) -> tuple[str, bytes]:
    """The (URL, payload) of the record at OFFSET, read back with warcio."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()
    raise ValueError(f"no WARC record at {path}:{offset}")


def _warc_date(iso: str) -> str:
    # WARC wants second-precision UTC with a trailing Z.
    return iso.replace("+00:00", "Z") if iso else ""
