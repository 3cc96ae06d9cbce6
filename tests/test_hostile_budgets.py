"""Hostile sitemaps and robots.txt cannot get round a site's budgets (issue 9, item 10).

One local server plays several hostile sites, told apart by the Host header (the `--resolve` map sends each
pemda hostname to it): an endless chain of sitemap indexes, indexes that fan out to hundreds of indexes, a gzipped
sitemap, a gzip bomb, and a 2 MB robots.txt. Every fetch is counted at the server.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.robots import ROBOTS_MAX_BYTES, CappedRobotParser, cut_robots
from crawler.settings import PANTAU_MAX_SITEMAP_DEPTH, PANTAU_MAX_SITEMAP_SIZE, PANTAU_MAX_SITEMAPS
from crawler.sitemaps import sitemap_xml
from tests.helpers import CountingServer, rows

REPO = Path(__file__).resolve().parent.parent
FAN_OUT = 300  # nested indexes listed by every index of the fan-out site
BOMB_MEGABYTES = 200  # what the gzip bomb inflates to (about 200 KB on the wire)
# hostname's first label → the site's page budget (--max-pages) in its audit: rantai also has the 2 MB robots.txt,
# gzip also the gzip bomb
AUDITS = {"rantai": 50, "kipas": 3, "kipasbesar": 500, "gzip": 10}
DEADLINE = 240  # seconds for all the audits, run at once: a bound on "it ends", not a speed measure


def page(title: str, links: list[str] = ()) -> bytes:
    anchors = "".join(f'<p><a href="{href}">{href}</a></p>' for href in links)
    return (f"<!doctype html><html lang=id><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<p>Halaman {title} Dinas Sosial Kabupaten Uji.</p>{anchors}</body></html>").encode()


def index(locs: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'.encode()


def urlset(locs: list[str]) -> bytes:
    items = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'.encode()


def gzip_bomb(head: bytes, megabytes: int) -> bytes:
    """HEAD, then MEGABYTES of spaces: one gzip member per megabyte (gzip allows several), so it is quick to make."""
    spaces = gzip.compress(b" " * (1 << 20))
    return gzip.compress(head) + spaces * megabytes + gzip.compress(b"</urlset>")


# robots.txt of 2 MB: a rule before the 500 KiB cut, padding, a rule after it.
BIG_ROBOTS = (b"Sitemap: http://rantai.ujikab.go.id/rantai/0.xml\nUser-agent: *\nDisallow: /sebelum/\n"
              + b"".join(b"Allow: /berita/%07d.html\n" % i for i in range(2 * 1024 * 1024 // 27))
              + b"Disallow: /sesudah/\n")


BOMB = gzip_bomb(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 b"<url><loc>http://gzip.ujikab.go.id/dari-bom.html</loc></url>", BOMB_MEGABYTES)


def hostile_answer(host: str, path: str) -> tuple[int, str, bytes]:
    """What each hostile site serves; the site is the hostname's first label."""
    site = host.split(".")[0]
    base = f"http://{site}.ujikab.go.id"
    xml, html, text = "application/xml", "text/html; charset=utf-8", "text/plain"
    if path == "/robots.txt":
        if site == "rantai":
            return 200, text, BIG_ROBOTS
        sitemaps = {"kipas": ["/kipas/0.xml"], "kipasbesar": ["/kipas/0.xml"],
                    "gzip": ["/peta.xml.gz", "/bom.xml.gz"]}.get(site, [])
        return 200, text, ("User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {base}{s}\n" for s in sitemaps)).encode()
    if path == "/":
        links = ["/sebelum/rahasia.html", "/sesudah/terbuka.html"] if site == "rantai" else ["/profil.html"]
        return 200, html, page(f"Beranda {site}", links)
    if path.startswith("/rantai/"):  # an endless chain: each index lists the next
        n = int(path.split("/")[2].split(".")[0])
        return 200, xml, index([f"{base}/rantai/{n + 1}.xml"])
    if path.startswith("/kipas/"):  # each index lists FAN_OUT more indexes
        name = path.split("/")[2].removesuffix(".xml")
        return 200, xml, index([f"{base}/kipas/{name}-{i}.xml" for i in range(FAN_OUT)])
    if path == "/peta.xml.gz":
        return 200, "application/x-gzip", gzip.compress(urlset([f"{base}/dari-peta-{i}.html" for i in range(3)]))
    if path == "/bom.xml.gz":
        return 200, "application/x-gzip", BOMB
    if path.endswith(".html"):
        return 200, html, page(path)
    return 404, text, b"tidak ada"


def host_of(site: str) -> str:
    return f"{site}.ujikab.go.id"


@dataclass
class Audit:
    returncode: int | None  # None: still running at the deadline (killed)
    stderr: str
    db: Path
    elapsed: float
    fetched: list[str]  # paths the server was asked for, in no particular order

    def kinds(self) -> set[str]:
        return {e["kind"] for e in rows(self.db, "errors")}

    def urls(self) -> set[str]:
        return {p["url"] for p in rows(self.db, "pages")}


@pytest.fixture(scope="module")
def audits(tmp_path_factory) -> dict[str, Audit]:
    """A crawl of every hostile site, all at once (each is a process of its own), bounded in time."""
    tmp = tmp_path_factory.mktemp("hostile-budgets")
    with CountingServer(answer=hostile_answer) as server:
        running = {}
        for site, max_pages in AUDITS.items():
            host = host_of(site)
            log = (tmp / f"{site}.log").open("w+")
            # The real spider and store, as `pantau audit` runs them, with extraction inline: four pools of
            # worker processes would cost more than the crawls they serve.
            command = [sys.executable, "-m", "scrapy", "crawl", "pemda", "-a", f"domain=http://{host}/",
                       "-a", f"max_pages={max_pages}", "-s", f"PANTAU_DB={tmp / f'{site}.db'}",
                       "-s", f"PANTAU_RESOLVE={host}=127.0.0.1:{server.port}", "-s", "PANTAU_EXTRACT_WORKERS=0",
                       "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "PANTAU_PROGRESS=off",
                       "-s", "PANTAU_JS=never", "-s", "LOG_LEVEL=WARNING"]
            running[site] = (subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log), log)
        started = time.monotonic()
        ended: dict[str, float] = {}
        while len(ended) < len(running) and time.monotonic() - started < DEADLINE:
            for site, (proc, _) in running.items():
                if site not in ended and proc.poll() is not None:
                    ended[site] = time.monotonic() - started
            time.sleep(0.2)
        results = {}
        for site, (proc, log) in running.items():
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            log.seek(0)
            results[site] = Audit(proc.returncode if site in ended else None, log.read(), tmp / f"{site}.db",
                                  ended.get(site, DEADLINE), [p for h, p in server.host_hits if h == host_of(site)])
            log.close()
    return results


# ---- sitemaps --------------------------------------------------------------------------------------------

def ended_cleanly(audit: Audit) -> None:
    assert audit.returncode is not None, f"still running after {DEADLINE} s"
    assert "Traceback" not in audit.stderr, audit.stderr


def test_an_endless_chain_of_sitemap_indexes_ends_within_the_depth_cap(audits):
    audit = audits["rantai"]
    ended_cleanly(audit)
    chain = [p for p in audit.fetched if p.startswith("/rantai/")]
    assert sorted(chain) == [f"/rantai/{n}.xml" for n in range(PANTAU_MAX_SITEMAP_DEPTH + 1)]
    assert "budget_sitemaps" in audit.kinds()


def test_a_fan_out_of_sitemap_indexes_stays_within_a_small_page_budget(audits):
    audit = audits["kipas"]  # --max-pages 3
    ended_cleanly(audit)
    sitemaps = [p for p in audit.fetched if p.startswith("/kipas/")]
    pages = [p for p in audit.fetched if p.endswith(".html") or p == "/"]
    assert len(sitemaps) == 1, audit.fetched  # sitemaps take at most half of the page budget
    assert "/" in pages and len(sitemaps) + len(pages) <= 3, audit.fetched


def test_a_fan_out_of_sitemap_indexes_stops_at_the_sitemap_cap(audits):
    audit = audits["kipasbesar"]  # --max-pages 500
    ended_cleanly(audit)
    sitemaps = [p for p in audit.fetched if p.startswith("/kipas/")]
    assert len(sitemaps) == len(set(sitemaps)) == PANTAU_MAX_SITEMAPS, len(sitemaps)
    assert "budget_sitemaps" in audit.kinds()


def test_a_gzipped_sitemap_is_read(audits):
    audit = audits["gzip"]
    ended_cleanly(audit)
    assert {f"http://gzip.ujikab.go.id/dari-peta-{i}.html" for i in range(3)} <= audit.urls()


def test_a_gzip_bomb_sitemap_is_cut_and_recorded(audits):
    audit = audits["gzip"]
    ended_cleanly(audit)
    cut = [e for e in rows(audit.db, "errors") if e["kind"] == "sitemap_truncated"]
    assert [e["url"] for e in cut] == ["http://gzip.ujikab.go.id/bom.xml.gz"], rows(audit.db, "errors")
    assert f"{PANTAU_MAX_SITEMAP_SIZE // (1024 * 1024)} MiB" in cut[0]["message"]
    assert "http://gzip.ujikab.go.id/dari-bom.html" in audit.urls()  # what came before the cut is read


def test_sitemap_xml_is_gunzipped_within_a_bound():
    xml, cut = sitemap_xml(gzip.compress(urlset(["http://a.go.id/x.html"])), limit=1000)
    assert xml.startswith(b"<?xml") and not cut
    xml, cut = sitemap_xml(gzip_bomb(b"<urlset>", 50), limit=1024 * 1024)
    assert len(xml) == 1024 * 1024 and cut
    one_member = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = one_member.compress(b"<urlset>" + b" " * (20 * 1024 * 1024)) + one_member.flush()
    xml, cut = sitemap_xml(bomb, limit=1024 * 1024)
    assert len(xml) == 1024 * 1024 and cut
    xml, cut = sitemap_xml(b"<urlset>" + b" " * 5000, limit=1000)
    assert len(xml) == 1000 and cut


# ---- robots.txt --------------------------------------------------------------------------------------------

def test_a_2_mb_robots_txt_is_cut_at_500_kib(audits):
    audit = audits["rantai"]
    ended_cleanly(audit)
    assert "/sebelum/rahasia.html" not in audit.fetched  # the rule before the cut is obeyed
    assert "/sesudah/terbuka.html" in audit.fetched  # the rule after the cut is ignored
    issues = rows(audit.db, "site_issues")
    assert [(i["unit"], i["kind"]) for i in issues] == [("rantai.ujikab.go.id", "robots_txt_too_large")], issues


def test_robots_parser_reads_whole_lines_of_the_first_500_kib():
    assert len(BIG_ROBOTS) > 4 * ROBOTS_MAX_BYTES
    head = cut_robots(BIG_ROBOTS)
    assert len(head) <= ROBOTS_MAX_BYTES and head.endswith(b".html\n")
    parser = CappedRobotParser(BIG_ROBOTS)
    assert not parser.allowed("http://rantai.ujikab.go.id/sebelum/x.html", "pantau")
    assert parser.allowed("http://rantai.ujikab.go.id/sesudah/x.html", "pantau")
