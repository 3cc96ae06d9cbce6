"""Link capture (pages.outlinks), links to standards that are not there, and the publication indicators view:
one real crawl of tests/sites/linksite.py over 127.0.0.1, plus the pieces on their own."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from scrapy.http import HtmlResponse

from crawler import wire
from crawler.links import links_and_outlinks
from crawler.outlinks import classify, vocabulary
from crawler.records import PageRecord
from pantau.sample_server import SampleSite
from pantau.standard_links import missing_standard_links, standard_link_fates
from pantau.storage import Store
from tests.helpers import rows, run_pantau
from tests.sites.linksite import (
    HOST,
    OFFSITE,
    PORTAL,
    STANDARD_LINKS,
    START_URL,
    build_link_site,
)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    root = build_link_site(tmp / "site")
    db = tmp / "pantau.db"
    with SampleSite(root) as site:
        resolve = [arg for host, addr in site.resolve_map().items() for arg in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", START_URL, "--db", str(db), "--delay", "0", "--max-depth", "1", "--json",
                            *resolve)
        log = site.requests_log
    assert result.returncode == 0, result.stderr[-3000:]
    run_id = json.loads(result.stdout)["run_id"]
    return {"db": db, "log": log, "run_id": run_id}


def _target(path: str) -> str:
    return f"http://{HOST}{path}"


def _outlinks_of(db, url: str) -> list[dict]:
    page = rows(db, "pages", "url = ?", [url])
    assert page, f"{url} was not stored"
    return json.loads(page[0]["outlinks"])


# -- the crawl ------------------------------------------------------------------------------------------------

def test_footer_media_links_are_recorded_with_their_kind(crawl):
    kinds = {o["url"]: o["kind"] for o in _outlinks_of(crawl["db"], START_URL) if o["kind"] != "standard_link"}
    assert kinds == OFFSITE


def test_links_that_name_a_standard_are_recorded_with_their_text(crawl):
    standard = {o["url"]: o["text"] for o in _outlinks_of(crawl["db"], START_URL) if o["kind"] == "standard_link"}
    expected = {_target(p): text for p, (text, _) in STANDARD_LINKS.items() if p != "/layanan/sp-surat-pindah.html"}
    assert standard == expected  # "Beranda", "Layanan", "Berita" are not standard links


def test_offsite_links_are_never_requested_nor_errors(crawl):
    assert {host for host, _, _ in crawl["log"]} <= {HOST, PORTAL, f"www.{PORTAL}"}
    offsite_hosts = {urlsplit(u).hostname for u in OFFSITE}
    assert not [e for e in rows(crawl["db"], "errors") if urlsplit(e["url"] or "").hostname in offsite_hosts]


def test_each_broken_standard_link_is_reported_once_with_its_problem(crawl):
    found = missing_standard_links(crawl["db"], crawl["run_id"])
    assert {f["target"]: f["problem"] for f in found} == {
        _target("/sop/akta-kematian.html"): "http_404",
        _target("/maklumat-pelayanan.html"): "empty",
        _target("/dokumen/standar-pelayanan-kia.pdf"): "unreadable",
    }
    for f in found:
        assert f["unit"] == HOST
        assert f["url"] == START_URL  # the first page showing the link
        assert f["text"] == STANDARD_LINKS[urlsplit(f["target"]).path][0]
        assert rows(crawl["db"], "pages", "id = ? and url = ?", [f["page_id"], f["url"]])
        assert f["seen_on"] >= 2  # the menu is on every page, the link is reported once


def test_a_target_never_fetched_is_said_so_and_not_a_problem(crawl):
    fates = {f["target"]: f["fate"] for f in standard_link_fates(crawl["db"], crawl["run_id"])}
    assert fates == {_target(p): fate for p, (_, fate) in STANDARD_LINKS.items()}
    assert "/layanan/sp-surat-pindah.html" not in {path for _, path, _ in crawl["log"]}
    missing = {f["target"] for f in missing_standard_links(crawl["db"], crawl["run_id"])}
    assert _target("/layanan/sp-surat-pindah.html") not in missing


def test_publication_indicators_view_shows_the_unit(crawl):
    view = rows(crawl["db"], "publication_indicators")
    assert len(view) == 1
    row = view[0]
    assert row["unit"] == HOST and row["run_id"] == crawl["run_id"]
    media = {m: row[m] for m in ("website", "document", "image", "sippn", "social", "app")}
    assert media == {"website": 1, "document": 1, "image": 0, "sippn": 1, "social": 1, "app": 1}
    assert (row["media_count"], row["media_value"], row["maklumat"], row["maklumat_value"]) == (5, 5.0, 1, 5.0)
    assert (row["index_value"], row["category"], row["all_components"]) == (5.0, "A", 1)
    evidence = json.loads(row["evidence"])
    assert evidence["document"] == [_target("/dokumen/SK-Standar-Pelayanan.pdf")]
    assert evidence["sippn"] == [u for u, k in OFFSITE.items() if k == "sippn"]
    assert "situs web" in row["label"]


# -- the pieces on their own ----------------------------------------------------------------------------------

def _response(body: str, url: str = "http://dinas.ujikab.go.id/") -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), encoding="utf-8")


@pytest.mark.parametrize("text, url, expected", [
    ("Standar Pelayanan", "/a", True),
    ("STANDAR PELAYANAN PUBLIK", "/a", True),
    ("SOP Akta", "/a", True),
    ("S.O.P", "/a", True),
    ("Maklumat", "/a", True),
    ("", "/dok/SP_KTP.pdf", True),
    ("", "/dok/Standar%20Pelayanan%20KIA.pdf", True),
    ("SP4N-LAPOR!", "/lapor", False),       # "sp" only as a whole word
    ("Spanduk kegiatan", "/spanduk", False),
    ("Standar Biaya Masukan", "/sbm.pdf", False),
    ("Berita", "/berita/sop-baru-untuk-pegawai", False),  # only the file name, not the whole path, is read
])
def test_standard_link_words(text, url, expected):
    assert (classify("http://dinas.ujikab.go.id" + url, text, in_scope=True) == "standard_link") is expected


@pytest.mark.parametrize("url, kind", [
    ("https://m.facebook.com/dinas", "social"),
    ("https://www.tiktok.com/@dinas", "social"),
    ("https://apps.apple.com/id/app/x/id1", "app"),
    ("https://sippn.menpan.go.id/x", "sippn"),
    ("https://facebook.com.evil.example/x", None),
    ("https://notfacebook.com/x", None),
    ("https://example.com/standar-pelayanan.pdf", None),  # off-site and not a known medium: not kept
])
def test_offsite_kinds_by_host(url, kind):
    assert classify(url, "Standar Pelayanan", in_scope=False) == kind


def test_outlinks_are_bounded():
    cap, text_cap = vocabulary().max_entries, vocabulary().max_text_chars
    anchors = "".join(f'<a href="https://www.instagram.com/u{i}">{"x" * 1000}</a>' for i in range(cap + 50))
    links, outlinks = links_and_outlinks(_response(f"<html><body>{anchors}</body></html>"), ["ujikab.go.id"])
    assert links == []  # off-site: never followed
    assert len(outlinks) == cap
    assert max(len(o["text"]) for o in outlinks) <= text_cap


def test_in_scope_links_are_unchanged_by_outlink_capture():
    body = """<html><body><a href="/a#x">A</a><a href="/a">A again</a><a href="/img/logo.png">logo</a>
    <a href="https://www.facebook.com/x">fb</a><a href="mailto:a@b">mail</a><area href="/peta">
    <iframe src="/embed/peta.html"></iframe><a href="http://sub.ujikab.go.id/standar-pelayanan">Standar Pelayanan</a>
    </body></html>"""
    links, outlinks = links_and_outlinks(_response(body), ["ujikab.go.id"])
    assert links == ["http://dinas.ujikab.go.id/a", "http://dinas.ujikab.go.id/peta",
                     "http://dinas.ujikab.go.id/embed/peta.html", "http://sub.ujikab.go.id/standar-pelayanan"]
    assert [(o["kind"], o["text"]) for o in outlinks] == [("social", "fb"), ("standard_link", "Standar Pelayanan")]


def _record(url: str, outlinks=(), content_type: str = "text/html", size: int = 10, depth: int = 0) -> PageRecord:
    return PageRecord(url=url, unit="dinas.ujikab.go.id", status=200, content_type=content_type, body_hash="h",
                      size=size, depth=depth, fetched_at="2026-01-01T00:00:00+00:00", outlinks=tuple(outlinks))


def test_a_link_is_named_on_the_shallowest_page_whatever_order_pages_were_stored_in(tmp_path):
    """Extraction workers finish out of order: a deeper page holding the menu may be stored before the start
    page. The flag names the start page, as the crawl found the link there first."""
    link = {"url": "http://dinas.ujikab.go.id/sop.pdf", "text": "SOP Pelayanan", "kind": "standard_link"}
    with Store(tmp_path / "p.db") as store:
        run = store.start_run("ujikab.go.id", "ujikab.go.id")
        store.record_page(run, _record("http://dinas.ujikab.go.id/layanan/", [link], depth=1), None)
        store.record_page(run, _record("http://dinas.ujikab.go.id/", [link], depth=0), None)
        (fate,) = standard_link_fates(store, run)
    assert fate["url"] == "http://dinas.ujikab.go.id/" and fate["seen_on"] == 2


def test_outlinks_survive_carry_over_and_the_wire(tmp_path):
    link = {"url": "https://sippn.menpan.go.id/x", "text": "SIPPN", "kind": "sippn"}
    record = _record("http://dinas.ujikab.go.id/", [link])
    assert wire.build(PageRecord, json.loads(wire.dumps(record)), "page") == record  # distributed mode
    with Store(tmp_path / "p.db") as store:
        first = store.start_run("ujikab.go.id", "ujikab.go.id")
        page_id = store.record_page(first, record, None)
        second = store.start_run("ujikab.go.id", "ujikab.go.id")
        carried = store.carry_over_page(second, page_id, _record("http://dinas.ujikab.go.id/"))
        stored = store.db["pages"].get(carried)
    assert json.loads(stored["outlinks"]) == [link]


def test_fates_from_stored_rows(tmp_path):
    """Fates without a crawl: a 5xx is an error, a robots refusal is not a problem, www. is the same target, a
    web page without text is empty but a PDF without text (a scan) is unreadable."""
    links = [{"url": f"http://www.dinas.ujikab.go.id/{n}", "text": f"SOP {n}", "kind": "standard_link"}
             for n in ("a", "b", "c", "d", "e", "f.pdf")]
    with Store(tmp_path / "p.db") as store:
        run = store.start_run("ujikab.go.id", "ujikab.go.id")
        store.record_page(run, _record("http://dinas.ujikab.go.id/", links), None)
        store.record_error(run, "http://dinas.ujikab.go.id/a", "http_503", "HTTP 503")
        store.record_error(run, "http://dinas.ujikab.go.id/b", "robots", "Forbidden by robots.txt")
        store.record_error(run, "http://dinas.ujikab.go.id/c", "too_large", "cancelled above the size cap")
        store.record_error(run, "http://dinas.ujikab.go.id/d", "timeout", "took too long")
        store.record_page(run, _record("http://dinas.ujikab.go.id/e", size=300), None)
        store.record_page(run, _record("http://dinas.ujikab.go.id/f.pdf", content_type="application/pdf"), None)
        fates = {f["target"].rsplit("/", 1)[1]: f["fate"] for f in standard_link_fates(store, run)}
        problems = {f["target"].rsplit("/", 1)[1]: f["problem"] for f in missing_standard_links(store.db, run)}
    assert fates == {"a": "error:http_503", "b": "not_checked", "c": "unreadable", "d": "error:timeout",
                     "e": "empty", "f.pdf": "unreadable"}
    assert problems == {"a": "error:http_503", "c": "unreadable", "d": "error:timeout", "e": "empty",
                        "f.pdf": "unreadable"}


def test_a_run_without_outlinks_has_no_standard_links(tmp_path):
    db = sqlite_utils.Database(tmp_path / "empty.db")
    with Store(tmp_path / "empty.db") as store:
        run = store.start_run("ujikab.go.id", "ujikab.go.id")
        store.record_page(run, _record("http://dinas.ujikab.go.id/"), None)
    assert missing_standard_links(db, run) == [] and standard_link_fates(tmp_path / "empty.db", run) == []


def test_broken_standard_links_become_flags(crawl):
    """The flag engine (FLAGS) turns each problem into one link_to_missing_standard flag with its evidence."""
    flags = rows(crawl["db"], "flags", "kind = ?", ["link_to_missing_standard"])
    targets = {json.loads(f["evidence"])[0]["value"]["target"] for f in flags}
    assert targets == {_target("/sop/akta-kematian.html"), _target("/maklumat-pelayanan.html"),
                       _target("/dokumen/standar-pelayanan-kia.pdf")}


def test_datasette_shows_the_view_with_its_indonesian_labels(crawl, tmp_path):
    import httpx

    from pantau.serve import database_name, datasette_command, write_metadata
    from tests.serve_fixtures import HOST as LOOPBACK
    from tests.serve_fixtures import free_port, serving

    port = free_port()
    command = datasette_command(crawl["db"], LOOPBACK, port, metadata_path=write_metadata(crawl["db"], tmp_path))
    with serving(command, port, tmp_path / "datasette.log") as base:
        db = database_name(crawl["db"])
        page = httpx.get(f"{base}/{db}/publication_indicators", timeout=10)
        data = httpx.get(f"{base}/{db}/publication_indicators.json", params={"_shape": "objects"}, timeout=10).json()
    assert page.status_code == 200
    assert "Indikator publikasi PEKPPP (proksi situs web)" in page.text and "Hanya proksi dari situs web" in page.text
    assert [(r["unit"], r["category"]) for r in data["rows"]] == [(HOST, "A")]
