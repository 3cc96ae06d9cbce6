"""WARC files as evidence: a warcinfo record first, each response followed by the request that fetched it,
the server's address, and files that `warcio check` accepts; read back with warcio."""

from __future__ import annotations

import json
import subprocess
import sys

from pantau.archive import WarcArchive, locate_warc, read_record, read_response, screenshot_in, screenshot_relative


def warcio(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warcio.cli", *args], capture_output=True, text=True, timeout=60)


def index(path) -> list[dict]:
    fields = "warc-type,warc-target-uri,warc-date,warc-ip-address,warc-concurrent-to,warc-record-id"
    return [json.loads(line) for line in warcio("index", "-f", fields, str(path)).stdout.splitlines()]


def test_records_are_warcinfo_then_response_and_request_pairs(tmp_path):
    archive = WarcArchive(tmp_path, 7)
    first = archive.write_response("http://dinsos.contohkab.go.id/sp?x=1", 200, {"Content-Type": "text/html"},
                                   b"<p>Standar Pelayanan</p>", "2026-11-29T10:00:00+00:00", ip_address="203.0.113.9",
                                   request_headers={"User-Agent": "pantau", "Accept": "text/html"})
    archive.write_response("http://dinsos.contohkab.go.id/404", 404, {}, b"", "")  # no date, no address known
    archive.close()
    WarcArchive(tmp_path, 7).close()  # reopened (a resumed run): no second warcinfo

    check = warcio("check", "-v", str(archive.path))
    assert check.returncode == 0, check.stdout + check.stderr
    records = index(archive.path)
    assert [r["warc-type"] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    assert all(r.get("warc-date") for r in records)  # WARC-Date is mandatory, even when the fetch time is unknown
    assert records[1]["warc-ip-address"] == records[2]["warc-ip-address"] == "203.0.113.9"
    assert "warc-ip-address" not in records[3]
    assert records[2]["warc-concurrent-to"] == records[1]["warc-record-id"] == first.record_id
    assert records[2]["warc-target-uri"] == "http://dinsos.contohkab.go.id/sp?x=1"

    archived = read_response(first.file, first.offset)
    assert (archived.status, archived.payload, archived.date) == ("200 OK", b"<p>Standar Pelayanan</p>",
                                                                 "2026-11-29T10:00:00Z")
    assert archived.header("content-type") == "text/html"
    assert read_record(first.file, first.offset) == ("http://dinsos.contohkab.go.id/sp?x=1", b"<p>Standar Pelayanan</p>")


def test_request_record_carries_the_request_line_and_headers(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    archive = WarcArchive(tmp_path, 1)
    archive.write_response("https://contohkab.go.id/a/b?c=d", 200, {}, b"x", "2026-11-29T10:00:00+00:00",
                           request_headers={"User-Agent": "pantau/1"})
    archive.close()
    with open(archive.path, "rb") as fh:
        request = [r for r in ArchiveIterator(fh) if r.rec_type == "request"][0]
        assert request.http_headers.protocol == "GET"
        assert request.http_headers.statusline == "/a/b?c=d HTTP/1.1"
        assert request.http_headers.get_header("Host") == "contohkab.go.id"
        assert request.http_headers.get_header("User-Agent") == "pantau/1"


def test_an_offset_that_is_not_a_response_is_an_error(tmp_path):
    archive = WarcArchive(tmp_path, 1)
    archive.close()
    try:
        read_response(archive.path, 0)  # the warcinfo record
    except ValueError as exc:
        assert "no WARC response record" in str(exc)
    else:
        raise AssertionError("read the warcinfo record as a response")


def test_evidence_files_are_looked_up_inside_the_warc_folder(tmp_path):
    warc_dir = tmp_path / "pantau-warc"
    (warc_dir / "run-1-screenshots").mkdir(parents=True)
    (warc_dir / "run-1.warc.gz").write_bytes(b"")
    shot = warc_dir / "run-1-screenshots" / "page-3.png"
    shot.write_bytes(b"\x89PNG")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    # a database moved with its folder still finds its WARC by name; anything not a .warc.gz is refused
    assert locate_warc(warc_dir, "/old/place/pantau-warc/run-1.warc.gz") == warc_dir / "run-1.warc.gz"
    assert locate_warc(warc_dir, str(tmp_path / "secret.png")) is None
    assert locate_warc(warc_dir, None) is None
    assert screenshot_in(warc_dir, "run-1-screenshots/page-3.png") == shot.resolve()
    for outside in ("../secret.png", str(tmp_path / "secret.png"), "run-1.warc.gz", "run-1-screenshots/none.png"):
        assert screenshot_in(warc_dir, outside) is None, outside
    assert screenshot_relative(warc_dir, str(shot)) == "run-1-screenshots/page-3.png"
    assert screenshot_relative(warc_dir, "elsewhere/run-1-screenshots/page-3.png") == "run-1-screenshots/page-3.png"
