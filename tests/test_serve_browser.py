"""`pantau serve` in Debian chromium (Playwright) over the demo database: the dashboard draws its charts, a
finding's archived copy is replayed from its WARC record without running scripts or fetching anything live,
screenshots load, evidence cells link to findings; no page makes a request off 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import re
import sqlite3
import subprocess
import sys
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image

from crawler.records import Document, PageRecord
from pantau.archive import WarcArchive, screenshot_in
from pantau.recorder import archive_dir_for
from pantau.serve import metadata_for
from pantau.storage import Store
from tests.serve_fixtures import pantau_serve  # browser, chromium, demo_db, served: tests/conftest.py
from tests.storage_data import extraction

CHARTS = ["zona_nasional", "zona_provinsi", "peringkat", "cakupan_komponen", "tren"]
# An archived page that tries everything a replay must not do: run scripts, load from another site, navigate.
HOSTILE = b"""<!DOCTYPE html><html><head><title>Arsip jahat</title>
<meta http-equiv="refresh" content="0; url=http://127.0.0.2:9/refresh">
<link rel="stylesheet" href="http://127.0.0.2:9/style.css"><link rel="prefetch" href="http://127.0.0.2:9/prefetch">
<script src="http://127.0.0.2:9/script.js"></script>
<script>document.title = 'SCRIPT RAN'; fetch('http://127.0.0.2:9/fetch');</script>
<style>body { background: url(http://127.0.0.2:9/bg.png) }</style></head>
<body><h1>Standar Pelayanan KTP-el</h1><p id="marker">Biaya: Gratis</p>
<img src="http://127.0.0.2:9/img.png"><iframe src="http://127.0.0.2:9/frame"></iframe>
<form action="http://127.0.0.2:9/form" method="post"><input name="x"></form>
<script>document.getElementById('marker').textContent = 'SCRIPT RAN'; document.forms[0].submit();</script>
</body></html>"""


def query(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """`pantau serve` over a database of its own (the demo one is shared with other modules) holding one
    finding whose archived page is hostile, and one screenshot: (base URL, finding id, database)."""
    db = tmp_path_factory.mktemp("hostile") / "jahat.db"
    url = "http://jahatkab.go.id/sp"
    with Store(db) as store:
        store.upsert_pemda("jahatkab.go.id", name="Kabupaten Jahat")
        run = store.start_run("jahatkab.go.id", url, {})
        archive = WarcArchive(archive_dir_for(db), run)
        ref = archive.write_response(url, 200, {"Content-Type": "text/html; charset=utf-8"}, HOSTILE,
                                     "2026-11-29T10:00:00+00:00", ip_address="127.0.0.1")
        archive.close()
        page = PageRecord(url=url, unit="jahatkab.go.id", status=200, content_type="text/html", body_hash="0" * 64,
                          size=len(HOSTILE), depth=0, fetched_at="2026-11-29T10:00:00+00:00")
        doc = Document(title="Arsip jahat", text="Biaya: Gratis", source="html",
                       extraction=extraction(url, {"KTP-el": ["biaya"]}, snippets={"biaya": "Biaya: Gratis"}))
        page_id = store.record_page(run, page, doc, warc=ref)
        pdf_url = url + ".pdf"  # and a standard published as a PDF
        archive = WarcArchive(archive_dir_for(db), run)
        ref = archive.write_response(pdf_url, 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 <script>",
                                     "2026-11-29T10:00:00+00:00")
        archive.close()
        store.record_page(run, PageRecord(url=pdf_url, unit="jahatkab.go.id", status=200, content_type="application/pdf",
                                          body_hash="1" * 64, size=17, depth=1, fetched_at=""),
                          Document(title="SP", text="Biaya: Gratis", source="pdf",
                                   extraction=extraction(pdf_url, {"KTP-el": ["biaya"]})), warc=ref)
    shots = archive_dir_for(db) / f"run-{run}-screenshots"
    shots.mkdir()
    Image.new("RGB", (8, 8), "white").save(shots / f"page-{page_id}.png")
    finding_id = query(db, "select id from findings where page_id = ?", [page_id])[0]["id"]
    with pantau_serve(db, db.parent / "serve.log") as base:
        yield base, finding_id, db


def test_an_archived_pdf_is_offered_as_a_download(hostile):
    served, _, db = hostile
    finding = query(db, "select id from findings where url like '%.pdf'")[0]["id"]
    page = httpx.get(f"{served}/arsip/{finding}", timeout=10)
    assert page.status_code == 200 and "<iframe" not in page.text and "unduh salinan arsip" in page.text
    replay = httpx.get(f"{served}/arsip/{finding}/isi", timeout=10)
    assert replay.headers["content-type"] == "application/octet-stream"
    assert replay.headers["content-disposition"].startswith("attachment")
    assert replay.content == b"%PDF-1.4 <script>"


def test_dashboard_draws_every_chart(served, browser):
    page = browser.page
    response = page.goto(f"{served}/-/dashboards/ringkasan")
    assert response.status == 200
    for chart in CHARTS:
        drawn = page.wait_for_selector(f"#chart-{chart} svg, #chart-{chart} canvas", timeout=30_000)
        box = drawn.bounding_box()
        assert box and box["width"] > 50 and box["height"] > 20, chart
    # the chart library came from this server, not a CDN
    assert any("/-/static-plugins/datasette_dashboards/vega.min.js" in url for url in browser.requests)


def chart_rows(served, demo_db, chart: str) -> list[dict]:
    """The rows a dashboard chart draws: its query, as configured, run through Datasette."""
    spec = metadata_for(demo_db)["plugins"]["datasette-dashboards"]["ringkasan"]["charts"][chart]
    response = httpx.get(f"{served}/{spec['db']}.json", params={"sql": spec["query"], "_shape": "objects"}, timeout=10)
    assert response.status_code == 200, response.text[:300]
    return response.json()["rows"]


def test_dashboard_data_match_the_database(served, demo_db):
    """The zone chart counts the demo pemda once, in its latest zone; component coverage counts units."""
    zone = query(demo_db, "select zone from latest_scores where level = 'pemda'")[0]["zone"]
    assert chart_rows(served, demo_db, "zona_nasional") == [
        {"zona": z, "jumlah": int(z == zone)} for z in ("hijau", "kuning", "merah")]
    units = query(demo_db, "select run_id, unit from latest_scores where level = 'unit'")
    published = {(r["run_id"], r["unit"], r["component"])
                 for r in query(demo_db, "select distinct run_id, unit, component from findings")}
    expected = {c: round(100 * sum((u["run_id"], u["unit"], c) not in published for u in units) / len(units), 1)
                for c in ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat")}
    rows = chart_rows(served, demo_db, "cakupan_komponen")
    assert {r["komponen"]: r["persen_tidak_dimuat"] for r in rows} == expected
    assert [r["persen_tidak_dimuat"] for r in rows] == sorted(expected.values(), reverse=True)
    assert any(expected.values())  # the demo has gaps, so the chart shows something


def test_archived_copy_shows_the_archived_page(served, demo_db, browser):
    finding = query(demo_db, "select f.id, f.url, p.text from findings f join pages p on p.id = f.page_id "
                             "where f.warc_file is not null and p.content_type like 'text/html%' order by f.id limit 1")[0]
    page = browser.page
    response = page.goto(f"{served}/arsip/{finding['id']}")
    assert response.status == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    frame_element = page.wait_for_selector("iframe")
    assert frame_element.get_attribute("sandbox") == ""  # no allow-scripts, no allow-same-origin
    assert finding["url"] in page.inner_text("body")
    heading = finding["text"].splitlines()[0].strip()  # the page's first line of text, e.g. its title heading
    frame = frame_element.content_frame()
    frame.wait_for_load_state()
    assert heading in frame.inner_text("body")
    replay = httpx.get(f"{served}/arsip/{finding['id']}/isi", timeout=10)
    policy = replay.headers["content-security-policy"]
    assert "default-src 'none'" in policy and re.search(r"(^|; )sandbox($|;)", policy)
    assert replay.headers["x-content-type-options"] == "nosniff"


def test_archived_hostile_page_runs_nothing_and_fetches_nothing(hostile, browser):
    served, hostile_finding, _ = hostile
    page = browser.page
    for path in (f"/arsip/{hostile_finding}", f"/arsip/{hostile_finding}/isi"):  # framed, and opened directly
        page.goto(served + path)
        page.wait_for_timeout(1500)  # the meta refresh (0 s) and the scripts would have acted by now
        frame = page.frames[1] if path.endswith(str(hostile_finding)) else page.main_frame
        assert frame.inner_text("#marker") == "Biaya: Gratis"
        assert "SCRIPT RAN" not in frame.title()
        assert urlsplit(frame.url).hostname == "127.0.0.1"
    assert browser.off_loopback() == []  # nothing left for 127.0.0.2 (the CSP refused every attempt in the browser)
    replayed = httpx.get(f"{served}/arsip/{hostile_finding}/isi", timeout=10).content
    assert b"Biaya: Gratis" in replayed and b"refresh" not in replayed  # removed for browsers that would obey it


def test_screenshots_load_as_images(served, demo_db, browser):
    finding = query(demo_db, "select id from findings where screenshot is not null order by id limit 1")
    assert finding, "the demo took no screenshot"
    page = browser.page
    page.goto(f"{served}/arsip/{finding[0]['id']}")
    image = page.wait_for_selector("img.tangkapan")
    page.wait_for_function("img => img.complete", arg=image)
    assert image.evaluate("img => img.naturalWidth") > 0
    page.goto(f"{served}/demo/findings?screenshot__notblank=1")  # the thumbnails in the findings table
    thumbnail = page.wait_for_selector("td.col-screenshot img", state="attached")
    thumbnail.scroll_into_view_if_needed()  # lazy images load once they come into view
    page.wait_for_function("img => img.complete", arg=thumbnail)
    assert thumbnail.evaluate("img => img.naturalWidth") > 0


def test_evidence_cells_link_to_findings_and_zones_are_coloured(served, demo_db, browser):
    page = browser.page
    page.goto(f"{served}/demo/latest_scores?level=pemda")
    links = page.locator("td.col-evidence a")
    evidence = query(demo_db, "select evidence from latest_scores where level = 'pemda'")[0]["evidence"]
    assert links.count() == len(re.findall(r"\d+", evidence)) > 0
    assert page.locator("td.col-zone .pantau-zona").count() == 1
    links.first.click()
    page.wait_for_load_state()
    assert re.search(r"/demo/findings/\d+$", page.url)
    page.locator("td.col-warc_file a").first.click()  # from the finding to its archived copy
    page.wait_for_load_state()
    assert re.search(r"/arsip/\d+$", page.url)


def raw_get(base: str, path: str) -> int:
    """GET PATH exactly as written (no client-side clean-up of '..'), returning the status."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_screenshot_route_serves_nothing_outside_the_screenshot_folder(hostile, tmp_path):
    served, _, db = hostile
    archive_dir = archive_dir_for(db)
    shot = next(archive_dir.glob("run-*-screenshots/*.png"))
    outside = tmp_path / "outside.png"
    outside.write_bytes(shot.read_bytes())
    (archive_dir / "link-out.png").symlink_to(outside)
    assert raw_get(served, f"/tangkapan/{shot.parent.name}/{shot.name}") == 200
    for path in (f"/tangkapan/../{db.name}", f"/tangkapan/{shot.parent.name}/../../{db.name}",
                 "/tangkapan/%2e%2e/%2e%2e/etc/passwd", "/tangkapan/run-1.warc.gz", "/tangkapan/link-out.png",
                 f"/tangkapan/{outside}", f"/tangkapan/{shot.parent.name}/nothing.png"):
        assert raw_get(served, path) in (302, 404), path  # 302: Datasette re-encodes %2e, then 404s
    assert screenshot_in(archive_dir, f"../{db.name}") is None
    assert screenshot_in(archive_dir, str(outside)) is None
    assert screenshot_in(archive_dir, "link-out.png") is None
    assert screenshot_in(archive_dir, f"{shot.parent.name}/{shot.name}") == shot.resolve()


def test_pantau_serve_labels_are_indonesian_by_default(served):
    """`pantau serve` without --lang: table descriptions and the dashboard in Bahasa Indonesia."""
    findings = httpx.get(f"{served}/demo/findings", timeout=10).text
    assert "Satu komponen standar pelayanan yang dipublikasikan" in findings
    assert "One published component" not in findings
    dashboard = httpx.get(f"{served}/-/dashboards/ringkasan", timeout=10).text
    assert "Dasbor kepatuhan standar pelayanan" in dashboard and "compliance dashboard" not in dashboard


def test_missing_evidence_is_a_clear_404(served, demo_db):
    assert "tidak ada" in httpx.get(f"{served}/arsip/999999", timeout=10).text
    response = httpx.get(f"{served}/arsip/99999999999999999999", timeout=10)
    assert response.status_code == 404


def test_demo_warc_is_valid_with_warcinfo_requests_and_ip(demo_db):
    warc = archive_dir_for(demo_db) / "run-1.warc.gz"
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(warc)],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run([sys.executable, "-m", "warcio.cli", "index", "-f",
                            "warc-type,warc-ip-address,warc-concurrent-to,warc-record-id", str(warc)],
                           capture_output=True, text=True, timeout=60, check=True).stdout
    records = [json.loads(line) for line in index.splitlines()]
    assert records[0]["warc-type"] == "warcinfo"
    responses = [r for r in records if r["warc-type"] == "response"]
    requests = [r for r in records if r["warc-type"] == "request"]
    assert responses and len(requests) == len(responses)
    assert {r["warc-concurrent-to"] for r in requests} == {r["warc-record-id"] for r in responses}
    assert {r.get("warc-ip-address") for r in responses} == {"127.0.0.1"}
