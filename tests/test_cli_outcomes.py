"""What a user sees when a run does not go to plan: the real `pantau` CLI in a subprocess, against sites served on
127.0.0.1 under real-looking hostnames (nothing leaves loopback; hosts outside --resolve are refused unresolved).

- a site that answers nothing is `unreachable` (with its cause), gets no grade, stays out of rankings, and
  `audit` says so in one line with a non-zero exit; a site that dies part-way is `partial`;
- Ctrl-C is answered at once, prints how to resume, grades nothing, and the resume command works;
- every user error is one line on stderr with exit code 2; read commands leave the database byte-identical;
- the terminal table fits 80 columns, in Bahasa Indonesia by default, with the legend of both scales.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from pantau.storage import Store
from tests.helpers import rows, run_pantau
from tests.storage_data import audit_good, audit_middling, extraction, record

pytestmark = pytest.mark.timeout(300)
REPO = Path(__file__).resolve().parent.parent
STANDARD = ("<h2>Standar Pelayanan Akta Kelahiran</h2><table><tr><td>Persyaratan</td><td>Fotokopi KK, KTP orang tua"
            "</td></tr><tr><td>Waktu penyelesaian</td><td>3 hari kerja</td></tr><tr><td>Biaya</td><td>Gratis</td>"
            "</tr></table>")


class LocalSite:
    """One HTTP server on 127.0.0.1 for a few pemda hostnames (by Host header).

    links: pages linked from "/" (/p0 …); served: how many /p pages are answered before the server stops
    listening (None: all; a server that dies mid-crawl); hold: /p pages wait on an event until release()
    (a slow site; every wait bounded)."""

    def __init__(self, links: int = 0, served: int | None = None, hold: bool = False):
        self.links, self.served, self.hold = links, served, hold
        self.released = threading.Event()
        self.hits: list[str] = []
        self.page_hits = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer._get(self)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        # shutdown() lets the loop accept for up to one poll interval: a short one keeps a server that "dies"
        # from answering every queued request first on a loaded machine (seen once: status "finished")
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.stopped = False

    def _get(self, handler) -> None:
        path = handler.path
        with self.lock:
            self.hits.append(path)
        if path == "/robots.txt":
            return self._send(handler, 404, b"")
        if path == "/":
            links = "".join(f'<li><a href="/p{i}">Layanan {i}</a></li>' for i in range(self.links))
            return self._send(handler, 200, f"<html><body><h1>Portal</h1>{STANDARD}<ul>{links}</ul></body></html>"
                              .encode())
        if self.hold:
            self.released.wait(60)
        with self.lock:
            self.page_hits += 1
            last = self.page_hits == self.served
        if last:  # the server goes down for the night, before this answer lets the crawler ask for more
            self.stopped = True
            self._stop_listening()
        self._send(handler, 200, f"<html><body><h1>Layanan {path}</h1>{STANDARD}</body></html>".encode())

    @staticmethod
    def _send(handler, status: int, body: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass

    def _stop_listening(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def resolve(self, *hosts: str) -> list[str]:
        return [a for h in hosts for a in ("--resolve", f"{h}=127.0.0.1:{self.port}")]

    def __enter__(self) -> "LocalSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()
        if not self.stopped:
            self.stopped = True
            self._stop_listening()
        self.thread.join(timeout=5)


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed): connecting is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_clear_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def ranking_sql() -> str:
    meta = yaml.safe_load((REPO / "pantau" / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    return meta["databases"]["pantau"]["queries"]["pemda_ranking"]["sql"]


# -- unreachable and partial runs -------------------------------------------------------------------------------

@pytest.mark.parametrize("cause", ["dns", "refused"])
def test_an_unreachable_site_is_not_graded_and_audit_says_so_in_one_line(tmp_path, cause):
    db = tmp_path / "a.db"
    # dns: the host is not in the --resolve map, so it is refused without a look-up; refused: a closed port.
    target = "tidakadakab.go.id"
    resolve = ["--resolve", f"lain.go.id=127.0.0.1:{closed_port()}"] if cause == "dns" else \
        ["--resolve", f"{target}=127.0.0.1:{closed_port()}"]
    result = run_pantau("audit", target, "--db", str(db), "--delay", "0", "--quiet", *resolve)
    assert result.returncode == 1
    assert result.stdout == ""  # no table, no "0.00 MERAH (E)"
    line = one_clear_line(result.stderr)
    assert target in line and "tidak terjangkau" in line and f"({cause}:" in line
    (run,) = rows(db, "runs")
    assert (run["status"], run["cause"], run["pages_count"]) == ("unreachable", cause, 0)
    assert rows(db, "scores") == []


def test_unreachable_in_english_and_as_json(tmp_path):
    db = tmp_path / "a.db"
    result = run_pantau("audit", "tidakadakab.go.id", "--db", str(db), "--quiet", "--json", "--lang", "en",
                        "--resolve", "lain.go.id=127.0.0.1:9")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert (summary["status"], summary["cause"], summary["score"], summary["zone"]) == ("unreachable", "dns", None, None)
    assert "could not be reached (dns:" in one_clear_line(result.stderr)


def test_a_site_that_dies_part_way_keeps_its_pages_and_is_partial(tmp_path):
    db = tmp_path / "a.db"
    # the server stops listening after one page, but shutdown() takes effect only when its loop next wakes: on a
    # loaded machine 17 of 30 pages still got an answer, too few lost for "partial" (half the attempted pages,
    # pantau/outcome.py); with 100 links what gets through before the server is gone stays well under half
    with LocalSite(links=100, served=1) as site:
        result = run_pantau("audit", "http://putuskab.go.id/", "--db", str(db), "--delay", "0", "--json",
                            *site.resolve("putuskab.go.id"))
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    assert (summary["status"], summary["cause"]) == ("partial", "refused")
    assert summary["pages_count"] >= 2 and summary["score"] is not None  # what was fetched is kept and scored
    assert {e["kind"] for e in rows(db, "errors")} == {"connection_refused"}
    shown = run_pantau("report", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "sebagian (refused)" in shown.stdout and "berhenti menjawab" in shown.stdout


def test_a_night_ranks_the_pemda_it_reached_and_lists_the_unreachable_one_ungraded(tmp_path):
    db = tmp_path / "night.db"
    registry = tmp_path / "pemda.yaml"
    registry.write_text(yaml.safe_dump([
        {"id": "18.07", "name": "Kabupaten Baik", "level": "kabupaten", "province": "Lampung",
         "domain": "baikkab.go.id", "verified": False, "start_urls": ["http://baikkab.go.id/"]},
        {"id": "18.08", "name": "Kabupaten Padam", "level": "kabupaten", "province": "Lampung",
         "domain": "padamkab.go.id", "verified": False, "start_urls": ["http://padamkab.go.id/"]},
        {"id": "18", "name": "Provinsi Lampung", "level": "provinsi", "province": "Lampung",
         "domain": "lampungprov.go.id", "verified": False},
    ], sort_keys=False), encoding="utf-8")
    with LocalSite() as site:
        result = run_pantau("nightly", "--registry", str(registry), "--db", str(db), "--delay", "0", "--quiet",
                            "--only", "baikkab.go.id", "--only", "padamkab.go.id",
                            *site.resolve("baikkab.go.id"), "--resolve", f"padamkab.go.id=127.0.0.1:{closed_port()}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "tidak terjangkau (refused)" in " ".join(result.stdout.split())
    status = {r["pemda_id"]: (r["status"], r["cause"]) for r in rows(db, "runs")}
    assert status == {"baikkab.go.id": ("finished", None), "padamkab.go.id": ("unreachable", "refused")}
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    ranked = [r["pemda_id"] for r in conn.execute(ranking_sql())]
    trend = [r[0] for r in conn.execute("select pemda_id from pemda_trend")]
    assert ranked == trend == ["baikkab.go.id"]  # a server down for the night is not an E


# -- Ctrl-C -----------------------------------------------------------------------------------------------------

def test_ctrl_c_is_answered_at_once_grades_nothing_and_the_resume_command_finishes_the_run(tmp_path):
    db = tmp_path / "a.db"
    with LocalSite(links=6, hold=True) as site:
        args = ["audit", "http://lambatkab.go.id/", "--db", str(db), "--delay", "0", "--timeout", "120",
                *site.resolve("lambatkab.go.id")]
        proc = subprocess.Popen([sys.executable, "-m", "pantau.cli", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=REPO)
        try:
            deadline = time.monotonic() + 120  # the crawl's start-up is slow on a loaded machine
            while not any(h.startswith("/p") for h in site.hits):
                assert time.monotonic() < deadline and proc.poll() is None, "the crawl never reached a slow page"
                time.sleep(0.1)
            time.sleep(0.5)  # a page in flight, held by the server for up to 60 s
            sent = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            took = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        assert took < 15, f"Ctrl-C took {took:.1f}s"  # was ≥ the held download (60 s); ~0.3 s here when idle
        assert proc.returncode == 130
        assert "Traceback" not in err
        hint = next(line for line in err.splitlines() if "dihentikan — lanjutkan dengan:" in line)
        assert "--resume" in hint and str(db) in hint
        assert "Skor" not in out and "MERAH" not in out and out.strip() == ""  # no grade for an interrupted run
        (run,) = rows(db, "runs")
        assert run["status"] == "interrupted"

        site.released.set()  # the site answers again: the printed command resumes the same run
        command = shlex.split(hint.split("lanjutkan dengan: ", 1)[1])
        resumed = run_pantau(*command[command.index("audit"):], "--quiet")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    (run,) = rows(db, "runs")
    assert (run["status"], run["resumed"], run["pages_count"]) == ("finished", 1, 7)


# -- user errors and read-only commands ---------------------------------------------------------------------

@pytest.fixture
def stored(tmp_path):
    """A database with two finished runs and one that was never scored (a read command must not score it)."""
    db = tmp_path / "stored.db"
    with Store(db) as store:
        audit_good(store)
        audit_middling(store)
        run = store.start_run("panjangkab.go.id", "panjangkab.go.id", {})
        host = "disdukcapil.panjangkab.go.id"
        long_name = "Penerbitan Surat Keterangan Pindah Datang Antar Kabupaten dan Kota dalam Satu Provinsi Lampung"
        record(store, run, f"https://{host}/sp", host,
               extraction(f"https://{host}/sp", {long_name: ["persyaratan", "prosedur", "biaya"]}, ["pengaduan"]))
        store.finish_run(run)
    return db


def test_user_errors_are_one_line_with_exit_code_2(tmp_path, stored):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("rapat koordinasi\n" * 100)
    cases = {
        ("report", "--db", str(stored), "--run", "999"): "no run 999",
        ("diff", "1", "999", "--db", str(stored)): "no run 999",
        ("report", "--db", str(not_a_db)): "not an SQLite database",
        ("diff", "--db", str(not_a_db)): "not an SQLite database",
        ("report", "--db", str(tmp_path / "missing.db")): "no database at",
        ("audit", "baikkab.go.id", "--db", "/proc/x.db", "--resolve", "baikkab.go.id=127.0.0.1:9"):
            "cannot be created or written",
    }
    for args, expected in cases.items():
        result = run_pantau(*args)
        assert result.returncode == 2, (args, result.stderr[-2000:])
        assert expected in one_clear_line(result.stderr), args
    assert not (tmp_path / "missing.db").exists()


def test_read_commands_leave_the_database_byte_identical(stored):
    before = digest(stored)
    for args in (("report", "--db", str(stored)), ("report", "--db", str(stored), "--run", "1", "--json"),
                 ("diff", "--db", str(stored)), ("diff", "1", "2", "--db", str(stored))):
        result = run_pantau(*args)
        assert result.returncode in (0, 2), (args, result.stderr[-2000:])  # 2: no pemda has two runs
        assert digest(stored) == before, args
    assert rows(stored, "scores", "run_id = 3") == []  # shown, scored in memory, not written


# -- the terminal table -----------------------------------------------------------------------------------------

def test_the_table_fits_80_columns_in_indonesian_with_both_scales_explained(stored):
    result = subprocess.run([sys.executable, "-m", "pantau.cli", "report", "--db", str(stored), "--run", "2"],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80, result.stdout
    header = next(line for line in lines if "OPD / layanan" in line)
    for column in ("Syr", "Prs", "Wkt", "Bya", "Prd", "Adu", "Mkl", "Skor", "Zona"):
        assert column in header
    assert "Skor pemda:" in result.stdout
    for unit in ("dinsos.…", "sedangkab.go.id"):  # every unit row keeps its score and zone
        row = next(line for line in lines if line.startswith(unit))
        assert "." in row.split()[-3] and row.split()[-2] in {"HIJAU", "KUNING", "MERAH"}
    legend = " ".join(result.stdout.split())
    assert "Syr Persyaratan" in legend and "Mkl Maklumat" in legend
    assert "HIJAU ≥ 81" in legend and "A ≥ 88" in legend and "dua skala" in legend

    wide_names = run_pantau("report", "--db", str(stored), "--run", "3", "--lang", "en")
    assert wide_names.returncode == 0, wide_names.stderr
    assert max(len(line.rstrip()) for line in wide_names.stdout.splitlines()) <= 80
    assert "Not graded" not in wide_names.stdout and "Score" in wide_names.stdout
    words = " ".join(wide_names.stdout.split())
    assert "Req Requirements" in words and "Antar Kabupaten" in words  # long names wrap, never cropped


def test_the_progress_line_counts_extracted_pages_and_findings_as_they_come():
    from scrapy.utils.test import get_crawler

    from crawler.extensions import Progress
    from crawler.spiders.pemda import PemdaSpider

    crawler = get_crawler(PemdaSpider, {"PANTAU_PROGRESS": "plain"})
    crawler.spider = PemdaSpider(domain="baikkab.go.id")
    crawler.stats.open_spider()
    for key, value in {"pantau/pages": 12, "pantau/extracted": 5, "pantau/findings": 9}.items():
        crawler.stats.set_value(key, value)
    line = Progress(crawler, "plain").line()
    assert "12 halaman" in line and "5 diekstrak" in line and "9 temuan" in line
    crawler = get_crawler(PemdaSpider, {"PANTAU_PROGRESS": "plain", "PANTAU_LANG": "en"})
    crawler.spider = PemdaSpider(domain="baikkab.go.id")
    assert "0 extracted, 0 findings" in Progress(crawler, "plain").line()


def test_outcome_rules_count_only_pages_the_site_failed_to_serve():
    from pantau.outcome import run_outcome

    assert run_outcome(0, []) == ("unreachable", "other")
    assert run_outcome(0, [("https://x.go.id/", "tls"), ("http://x.go.id/", "connection_refused"),
                           ("http://x.go.id/robots.txt", "connection_refused")]) == ("unreachable", "refused")
    assert run_outcome(0, [("http://x.go.id/", "http_404")]) == ("unreachable", "http")
    # an https start page that failed before its http twin answered, robots.txt and sitemaps: not lost pages
    fallback = [("https://x.go.id/", "connection_refused"), ("https://x.go.id/robots.txt", "connection_refused"),
                ("http://x.go.id/sitemap.xml", "timeout")]
    assert run_outcome(1, fallback, ["http://x.go.id/"]) == ("finished", None)
    lost = [(f"http://x.go.id/p{i}", "connection_refused") for i in range(3)]
    assert run_outcome(3, lost, ["http://x.go.id/", "http://x.go.id/a", "http://x.go.id/b"]) == ("partial", "refused")
    assert run_outcome(20, lost + [("http://x.go.id/gone", "http_404")], []) == ("finished", None)  # sporadic


def test_a_resumed_night_does_not_crawl_again_a_pemda_whose_run_ended_unreachable(tmp_path):
    from pantau.nightly import plan
    from pantau.registry import PemdaEntry

    entries = [PemdaEntry(id=f"18.0{i}", name=f"Kabupaten {d}", level="kabupaten", province="Lampung",
                          domain=f"{d}kab.go.id") for i, d in enumerate(("padam", "terhenti"))]
    with Store(tmp_path / "n.db") as store:
        down = store.start_run("padamkab.go.id", "padamkab.go.id", {}, batch_id="nightly-1")
        store.record_error(down, "https://padamkab.go.id/", "connection_refused", "refused")
        store.finish_run(down)
        store.start_run("terhentikab.go.id", "terhentikab.go.id", {}, batch_id="nightly-1")  # killed mid-crawl
        batch, sites = plan(store, entries, 10, resume=True)
        assert store.db["runs"].get(down)["status"] == "unreachable"
    assert (batch, [s.pemda_id for s in sites]) == ("nightly-1", ["terhentikab.go.id"])
