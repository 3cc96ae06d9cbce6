"""Evidence that holds up: every page that yields a finding is kept in a WARC file per run.

One gzip member per record, so a finding can point at (file, offset) and any WARC tool can replay it.
"""

from __future__ import annotations

import io
from http import HTTPStatus
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class WarcRef:
    file: str
    offset: int
    record_id: str


def run_number(run_id) -> int:
    """RUN_ID as the positive whole number a file name may hold; a ValueError for anything else (in distributed
    mode a run id may come from Redis: `../../x` must not become a path)."""
    if isinstance(run_id, str) and run_id.isascii() and run_id.isdigit():
        run_id = int(run_id)
    if isinstance(run_id, bool) or not isinstance(run_id, int) or run_id < 1:
        raise ValueError(f"not a run id: {str(run_id)[:80]!r}")
    return run_id


class WarcArchive:
    """Appends response records to `<dir>/run-<id>.warc.gz`."""

    def __init__(self, directory: str | Path, run_id: int):
        run_id = run_number(run_id)
        self.path = Path(directory) / f"run-{run_id}.warc.gz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if self._file.tell() == 0:  # a new file opens with its warcinfo; a resumed run appends to the old one
            self._write_warcinfo(run_id)

    def _write_warcinfo(self, run_id: int) -> None:
        info = {"software": f"pantau/{_version()} (warcio)", "format": "WARC File Format 1.0",
                "description": f"pantau audit run {run_id}: responses of pages with findings",
                "robots": "obey"}
        self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))
        self._file.flush()

    def write_response(self, url: str, status: int, headers: dict[str, str], body: bytes, fetched_at: str,
                       ip_address: str | None = None, request_headers: dict[str, str] | None = None) -> WarcRef:
        """Append the response record (then the request record that asked for it); returns the response's place."""
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown"
        # Content-Encoding is dropped: the body stored is the decoded one, so a replay must not gunzip it again.
        kept = [(k, v) for k, v in headers.items() if k.lower() not in ("content-encoding", "transfer-encoding")]
        http_headers = StatusAndHeaders(f"{status} {phrase}", kept, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": _warc_date(fetched_at)}
        if ip_address:
            warc_headers["WARC-IP-Address"] = ip_address
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        offset = self._file.tell()
        self._writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        self._writer.write_record(self._request_record(url, request_headers or {}, warc_headers, record_id))
        self._file.flush()
        return WarcRef(str(self.path), offset, record_id)

    def _request_record(self, url: str, headers: dict[str, str], warc_headers: dict[str, str], response_id: str):
        """The GET that fetched URL, as far as pantau knows it (the crawler's request headers, when passed on)."""
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        sent = [("Host", parts.netloc)] + [(k, v) for k, v in headers.items() if k.lower() != "host"]
        http_headers = StatusAndHeaders(f"GET {target} HTTP/1.1", sent, is_http_request=True)
        return self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=http_headers,
            warc_headers_dict={**warc_headers, "WARC-Concurrent-To": response_id},
        )

    def close(self) -> None:
        self._file.close()


def read_record(path: str | Path, offset: int) -> tuple[str, bytes]:
    """The (URL, payload) of the record at OFFSET, read back with warcio."""
    archived = read_response(path, offset)
    return archived.url, archived.payload


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    date: str
    record_id: str
    status: str  # the HTTP status line, e.g. "200 OK"
    headers: list[tuple[str, str]]
    payload: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def read_response(path: str | Path, offset: int) -> ArchivedResponse:
    """The response record at OFFSET, read back with warcio; ValueError when there is none."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                break
            http = record.http_headers
            return ArchivedResponse(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date") or "",
                record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                status=http.statusline if http else "",
                headers=list(http.headers) if http else [],
                payload=record.content_stream().read())
    raise ValueError(f"no WARC response record at {path}:{offset}")


def _version() -> str:
    try:
        return version("pantau")
    except PackageNotFoundError:
        return "dev"


def _warc_date(iso: str) -> str:
    # WARC wants second-precision UTC with a trailing Z, and a WARC-Date on every record.
    return (iso or datetime.now(timezone.utc).isoformat(timespec="seconds")).replace("+00:00", "Z")


def locate_warc(archive_dir: str | Path, stored: str | None) -> Path | None:
    """Where a WARC file named in the database is now: by its name in ARCHIVE_DIR, else at the stored path."""
    if not stored or not stored.endswith(".warc.gz"):
        return None
    for candidate in (Path(archive_dir) / Path(stored).name, Path(stored)):
        if candidate.is_file():
            return candidate
    return None


def screenshot_in(archive_dir: str | Path, relative: str) -> Path | None:
    """RELATIVE inside ARCHIVE_DIR as an existing PNG, or None: nothing outside that folder is ever served."""
    root = Path(archive_dir).resolve()
    try:
        target = (root / relative).resolve()
    except (OSError, ValueError):
        return None
    if not target.is_relative_to(root) or target.suffix.lower() != ".png" or not target.is_file():
        return None
    return target


def screenshot_relative(archive_dir: str | Path, stored: str) -> str:
    """A stored screenshot path relative to ARCHIVE_DIR (screenshots live in `run-<id>-screenshots/` there)."""
    path = Path(stored)
    try:
        return path.resolve().relative_to(Path(archive_dir).resolve()).as_posix()
    except ValueError:  # stored relative to another working folder: the layout inside is the same
        return f"{path.parent.name}/{path.name}"
