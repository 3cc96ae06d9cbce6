"""The per-pemda report (laporan): `pantau report --html FILE` and `/laporan/<domain>` in `pantau serve`, opened
in Debian's chromium over the demo database, with every request the browser makes recorded."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from urllib.parse import urlsplit

import httpx
import pytest

from extractors.model import COMPONENT_SPECS
from pantau.laporan import FileLinks, connect_readonly, find_run, load_report, render_report
from pantau.serve import database_name
from pantau.storage import Store
from tests.helpers import rows, run_pantau
from tests.serve_fixtures import RecordedPage  # browser, chromium, demo_db, served: tests/conftest.py
from tests.storage_data import audit_middling, extraction, record

DOMAIN = "lampungtimurkab.go.id"
needs_chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium not installed (./dev setup)")


# -- /laporan/<domain> in pantau serve -------------------------------------------------------------------------

@needs_chromium
def _demo_score(db) -> dict:
    """What the database says of the demo run: the report must show the same (the demo's figures may change
    as the extractors do, so they are read, not hard-coded)."""
    top = rows(db, "scores", "run_id = 1 and level = 'pemda'")[0]
    units = rows(db, "scores", "run_id = 1 and level = 'unit' and counted = 1")
    pages = rows(db, "pages", "run_id = 1")
    return {"score": f"{top['score']:.2f}", "zone": top["zone"], "letter": top["letter"], "units": len(units),
            "pages": len(pages), "pages_ok": sum(200 <= p["status"] < 400 for p in pages)}


def test_report_page_shows_the_demo_pemda_with_zone_badge_and_evidence(served, browser, demo_db):
    expected = _demo_score(demo_db)
    page = browser.page
    response = page.goto(f"{served}/laporan/{DOMAIN}", wait_until="load")
    assert response.status == 200
    assert "script-src" not in response.headers["content-security-policy"]  # no script may run at all
    assert page.locator("h1").inner_text() == "Kabupaten Lampung Timur"
    badge = page.locator("#zone-badge")
    assert badge.get_attribute("data-zone") == expected["zone"]
    assert expected["score"].replace(".", ",") in badge.inner_text()
    # coloured with its zone's colour, not the grey of an unknown zone
    colours = {"hijau": "rgb(27, 122, 58)", "kuning": "rgb(185, 137, 0)", "merah": "rgb(179, 38, 30)"}
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == colours[expected["zone"]]
    assert page.locator("#letter-badge").get_attribute("data-letter") == expected["letter"]
    legend = page.locator("#skala").inner_text()
    for word in ("HIJAU", "KUNING", "MERAH", "81,00 – 100,00", "A", "E", "0,00 – 31,99"):
        assert word in legend
    # the matrix headers come from the component registry
    headers = page.locator("table.matrix").first.locator("th").all_inner_texts()
    assert [s.label_id for s in COMPONENT_SPECS if s.per_service] == headers[1:-1]
    # every ✓ has its evidence: a snippet, the live URL and the archived copy (served by pantau_evidence)
    archived = page.locator("a.archived")
    assert archived.count() >= 30
    first = archived.first.get_attribute("href")
    assert re.fullmatch(r"/arsip/\d+", first)
    assert httpx.get(served + first, timeout=10).status_code == 200
    live = page.locator("a.live").evaluate_all("links => links.map(a => a.href)")
    assert all(urlsplit(u).hostname.endswith(DOMAIN) for u in live)
    assert page.locator("blockquote.snippet").count() == archived.count()
    # screenshot thumbnails load from this server (lazily: each is scrolled to)
    shots = page.locator("img.screenshot")
    assert shots.count() >= 1
    for i in range(shots.count()):
        shots.nth(i).scroll_into_view_if_needed()
        shots.nth(i).evaluate("img => img.decode()")  # rejects when the image cannot load
        assert shots.nth(i).evaluate("img => img.naturalWidth") > 0
    # broken links to standard documents, coverage, and the score worked out point by point
    assert "SK-Standar-Pelayanan-DPMPTSP-2022.pdf" in page.locator("#tautan-rusak").inner_text()
    assert f"{expected['pages']} ({expected['pages_ok']} berhasil)" in page.locator("#cakupan").inner_text()
    total = page.locator("#pemda-computation tr").last.inner_text()
    assert f"/ {expected['units']}" in total and expected["score"].replace(".", ",") in total
    assert browser.off_loopback() == [], browser.off_loopback()
    assert any(u.startswith(f"{served}/tangkapan/") for u in browser.requests)


@needs_chromium
def test_report_page_in_english(served, browser, demo_db):
    expected = _demo_score(demo_db)
    page = browser.page
    page.goto(f"{served}/laporan/{DOMAIN}?lang=en", wait_until="load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert f"{expected['score']} · Zone {expected['zone'].upper()}" in page.locator("#zone-badge").inner_text()
    headers = page.locator("table.matrix").first.locator("th").all_inner_texts()
    assert [s.label_en for s in COMPONENT_SPECS if s.per_service] == headers[1:-1]
    assert "How the score was computed" in page.content()
    assert browser.off_loopback() == []


@needs_chromium
def test_rankings_and_the_pemda_table_link_to_the_report(served, browser, demo_db):
    page = browser.page
    name = database_name(demo_db)
    for path in (f"/{name}/pemda_ranking", f"/{name}/pemda"):
        page.goto(served + path, wait_until="load")
        link = page.locator("a.pantau-laporan").first
        assert link.get_attribute("href") == f"/laporan/{DOMAIN}"
    link.click()
    page.wait_for_load_state("load")
    assert page.url == f"{served}/laporan/{DOMAIN}"
    assert page.locator("#zone-badge").get_attribute("data-zone") == _demo_score(demo_db)["zone"]
    assert browser.off_loopback() == [], browser.off_loopback()


def test_unknown_pemda_or_run_is_not_found(served):
    assert httpx.get(f"{served}/laporan/tidakada.go.id", timeout=10).status_code == 404
    assert httpx.get(f"{served}/laporan/{DOMAIN}?run=999", timeout=10).status_code == 404


# -- pantau report --html --------------------------------------------------------------------------------------

@needs_chromium
def test_html_file_is_self_contained_and_prints(demo_db, chromium, tmp_path):
    target = tmp_path / "laporan.html"
    done = run_pantau("report", DOMAIN, "--db", str(demo_db), "--html", str(target))
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html
    tab = RecordedPage(chromium)
    try:
        page = tab.page
        page.goto(target.as_uri(), wait_until="load")
        assert page.locator("#zone-badge").get_attribute("data-zone") == _demo_score(demo_db)["zone"]
        # no server behind a file: the archived copy is named by its WARC record, thumbnails are embedded
        assert page.locator("a.archived").count() == 0 and "run-1.warc.gz" in page.content()
        assert page.locator("a.live").count() >= 30
        srcs = page.locator("img.screenshot").evaluate_all("imgs => imgs.map(i => [i.src, i.naturalWidth])")
        assert srcs and all(src.startswith("data:image/jpeg;base64,") and width > 0 for src, width in srcs)
        assert [u for u in tab.requests if not u.startswith("data:")] == [target.as_uri()]  # nothing else at all
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3
    finally:
        tab.context.close()
    assert len(html.encode()) < 400_000  # thumbnails, not full screenshots


def test_html_file_links_archived_copies_to_a_server_when_asked(demo_db, tmp_path):
    target = tmp_path / "laporan-en.html"
    done = run_pantau("report", "--run", "1", "--db", str(demo_db), "--html", str(target), "--lang", "en",
                      "--base-url", "http://127.0.0.1:8001/")
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Requirements" in html
    assert re.search(r'class="archived" href="http://127.0.0.1:8001/arsip/\d+"', html)


def _one_run(db, domain: str, pages: dict, errors=(), name: str = "Kabupaten Uji", scored: bool = False) -> None:
    """A database holding one run of DOMAIN: PAGES {url: extraction} and ERRORS [(url, kind)]."""
    store = Store(db)
    store.upsert_pemda(domain, name=name, level="kabupaten", province="Lampung")
    run = store.start_run(domain, domain, {})
    for url, ext in pages.items():
        record(store, run, url, urlsplit(url).hostname, ext)
    for url, kind in errors:
        store.record_error(run, url, kind, kind)
    store.finish_run(run)
    if scored:
        store.score_run(run)
    store.close()


def test_report_reads_without_writing(tmp_path):
    """A run never scored is scored in memory for the report; the database file is left byte for byte."""
    db = tmp_path / "unscored.db"
    sp = "https://dinsos.belumkab.go.id/sp"
    _one_run(db, "belumkab.go.id", {sp: extraction(sp, {"Rekomendasi PBI": ["persyaratan", "biaya"]}, ["pengaduan"])},
             [("https://dukcapil.belumkab.go.id/", "dns"), ("https://dinsos.belumkab.go.id/uploads/SP-Dinsos.pdf",
              "http_404"), ("https://dinsos.belumkab.go.id/berita/page/9/", "http_404")])
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    target = tmp_path / "r.html"
    done = run_pantau("report", "belumkab.go.id", "--db", str(db), "--html", str(target))
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    wal = db.with_name(db.name + "-wal")  # SQLite may open an empty log beside a WAL database it reads
    assert not wal.exists() or wal.stat().st_size == 0
    assert rows(db, "scores") == []
    html = target.read_text(encoding="utf-8")
    # service 2/6 components (+ the unit's complaints channel) = 50; unit 50 * .7 + 15 = 50; one unit counted
    assert 'data-zone="merah"' in html and "50,00 · Zona MERAH" in html
    unreachable = re.search(r'<dd id="unreachable">(.*?)</dd>', html, re.DOTALL).group(1)
    assert "dukcapil.belumkab.go.id (dns ×1)" in unreachable
    broken = re.search(r'<section id="tautan-rusak">(.*?)</section>', html, re.DOTALL).group(1)
    assert "SP-Dinsos.pdf" in broken and "berita/page/9" not in broken


def test_a_site_never_reached_is_not_graded(tmp_path):
    db = tmp_path / "down.db"
    _one_run(db, "matikab.go.id", {}, [("https://matikab.go.id/", "dns")])
    target = tmp_path / "r.html"
    done = run_pantau("report", "--db", str(db), "--html", str(target), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "not graded" in done.stderr
    html = target.read_text(encoding="utf-8")
    assert "NOT GRADED" in html and "Zone MERAH" not in html and 'id="perhitungan"' not in html
    assert "matikab.go.id (dns ×1)" in re.search(r'<dd id="unreachable">(.*?)</dd>', html, re.DOTALL).group(1)


@pytest.mark.parametrize("args, message", [
    (["--run", "999"], "no run 999"),
    (["tidakada.go.id"], "no run of tidakada.go.id"),
    (["--run", "1", "lainkab.go.id"], "not of lainkab.go.id"),
])
def test_user_errors_are_one_line_with_exit_2(tmp_path, args, message):
    db = tmp_path / "x.db"
    store = Store(db)
    audit_middling(store)
    store.close()
    done = run_pantau("report", *args, "--db", str(db), "--html", str(tmp_path / "r.html"))
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "r.html").exists()


def test_not_a_database_is_one_line(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    done = run_pantau("report", "--db", str(bogus), "--html", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "not a pantau database" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    foreign = tmp_path / "foreign.db"  # SQLite with a `runs` table, but not pantau's schema
    sqlite3.connect(foreign).executescript("create table runs (id, pemda_id, status); insert into runs values "
                                           "(1, 'a.go.id', 'finished');").close()
    done = run_pantau("report", "--db", str(foreign), "--html", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "cannot read run 1" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_page_text_is_escaped(tmp_path):
    """Snippets are the pemda's text: markup in them is shown, never run."""
    db = tmp_path / "markup.db"
    url = "https://htmlkab.go.id/x"
    ext = extraction("javascript:alert(1)", {"<b>KTP</b>": ["biaya"]},  # the finding's URL: never a live link
                     snippets={"biaya": "<img src=x onerror=alert(1)>Gratis"})
    _one_run(db, "htmlkab.go.id", {url: ext}, name="<i>Kab</i>", scored=True)
    conn = connect_readonly(db)
    html = render_report(load_report(conn, find_run(conn)), FileLinks(tmp_path / "markup-warc"), "id")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;Gratis" in html
    assert "<b>KTP</b>" not in html and "<i>Kab</i>" not in html
    assert 'href="javascript:' not in html and "default-src 'none'" in html  # and no script runs anyway


def test_a_finding_below_full_confidence_says_how_sure_it_is(tmp_path):
    """A learned finding (extractors/blockcat.py) or a rule's guess carries its confidence; the report shows it
    beside the evidence, so an assessor can tell it from a rule's reading."""
    url = "https://dukcapil.yakinkab.go.id/kk"
    for confidence, lang, shown in ((1.0, "id", None), (0.93, "id", "keyakinan 0,93"), (0.93, "en", "confidence 0.93")):
        db = tmp_path / f"sure-{confidence}-{lang}.db"
        ext = extraction(url, {"Kartu Keluarga": ["persyaratan", "biaya"]})
        for f in ext.services[0].findings:  # the rules' readings: 1.0
            f.confidence = 1.0
        ext.services[0].findings[0].confidence = confidence
        _one_run(db, "yakinkab.go.id", {url: ext}, scored=True)
        conn = connect_readonly(db)
        html = render_report(load_report(conn, find_run(conn)), FileLinks(tmp_path / "warc"), lang)
        assert ('class="confidence"' in html) == (shown is not None)
        assert shown is None or shown in html
        assert 'class="learned"' not in html  # a rule's guess is no model reading


def test_a_learned_finding_is_named_as_the_model_s_reading(tmp_path):
    url = "https://dukcapil.modelkab.go.id/kk"
    for lang, said in (("id", "dibaca model, bukan aturan"), ("en", "read by the model, not a rule")):
        db = tmp_path / f"learned-{lang}.db"
        ext = extraction(url, {"Kartu Keluarga": ["persyaratan", "biaya"]})
        ext.services[0].findings[0].method = "learned"
        _one_run(db, "modelkab.go.id", {url: ext}, scored=True)
        conn = connect_readonly(db)
        html = render_report(load_report(conn, find_run(conn)), FileLinks(tmp_path / "warc"), lang)
        assert html.count('class="learned"') == 1 and said in html  # the persyaratan finding only, not biaya's
