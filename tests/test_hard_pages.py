"""Hard pages: a standard that exists only after its script runs is rendered in Debian's chromium (plain
pages stay on the HTTP path, the browser stays on the pemda's sites); standards published as an image and as
a scanned PDF are read with OCR and their findings say so."""

from __future__ import annotations

import shutil
import time

import pytest

from crawler.rendering import content_text_length, launch_options, needs_rendering
from tests.helpers import rows, run_pantau
from extractors.ocr import ocr_available
from tests.sites.hardsite import ONE_SCRIPT_PAGE, PROFILE, SHELL, HardSite

chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium is not installed (./dev setup installs it)")


def test_shell_pages_need_rendering_and_content_pages_do_not():
    assert needs_rendering(SHELL.encode())
    assert not needs_rendering(PROFILE.encode())
    assert not needs_rendering(b"<html><body><p>" + b"Persyaratan pelayanan lengkap. " * 30 + b"</p></body></html>")


GTAG = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-UJI"></script>'
ANALYTICS = GTAG + "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>"


def test_one_inline_script_filling_a_placeholder_beside_a_menu_is_rendered():
    # Issue 11: one script, no SPA root id, and a menu, header and footer that outweigh "Memuat..." on a
    # whole-page count. Only the content counts.
    assert needs_rendering(ONE_SCRIPT_PAGE.encode())
    assert needs_rendering(ONE_SCRIPT_PAGE.upper().encode())
    assert content_text_length(ONE_SCRIPT_PAGE.encode()) == len("Memuat...")


def test_one_bundle_mounted_on_any_element_is_rendered():
    page = ('<html><head><script src="/js/layanan.bundle.js" defer></script></head><body>'
            '<nav>' + '<a href="/p">Profil Dinas Kependudukan dan Pencatatan Sipil</a>' * 20 + '</nav>'
            '<section id="daftar-layanan"></section></body></html>')
    assert needs_rendering(page.encode())


def test_content_page_with_one_analytics_script_is_not_rendered():
    content = ("<p>Dinas Sosial Kabupaten Uji melaksanakan urusan pemerintahan bidang sosial: rehabilitasi sosial, "
               "perlindungan dan jaminan sosial, pemberdayaan sosial dan penanganan fakir miskin. Kantor kami berada "
               "di Jalan Merdeka Nomor 10 dan melayani masyarakat setiap hari kerja, Senin sampai Jumat. Visi: "
               "terwujudnya kesejahteraan sosial masyarakat yang mandiri. Misi: meningkatkan kualitas pelayanan "
               "sosial dan memperluas jangkauan perlindungan sosial di seluruh kecamatan.</p>")
    page = ONE_SCRIPT_PAGE.replace('<div id="std">Memuat...</div>', content)
    page = page.replace(page[page.index("<script>"):page.index("</script>") + 9], ANALYTICS)
    assert page.count("<script") == 2 and "Memuat" not in page
    assert not needs_rendering(page.encode())
    assert not needs_rendering(PROFILE.replace("</head>", GTAG + "</head>").encode())


def test_pages_without_scripts_are_not_rendered_however_short():
    assert not needs_rendering(ONE_SCRIPT_PAGE.replace("<script>", "<!--").replace("</script>", "-->").encode())
    assert not needs_rendering(b"<html><body><div id='app'></div></body></html>")


def test_content_text_leaves_out_head_scripts_comments_and_chrome():
    page = (b"<html><head><title>Judul</title><style>p{color:red}</style></head><body>"
            b"<header>Kepala</header><NAV>Menu</NAV><!-- komentar <p>lama</p> --><main><p>Isi \n  halaman</p>"
            b"<p>kedua</p></main><aside>Berita lain</aside><footer>Alamat</footer>"
            b"<script>var x = '<p>bukan isi</p>';</script><noscript>Aktifkan JavaScript</noscript></body></html>")
    assert content_text_length(page) == len("Isi halaman kedua")
    # An element left unclosed hides nothing after it; a stray "<" is text.
    assert content_text_length(b"<nav><a href='/'>Menu</a> <p>Isi</p>") == len("Menu Isi")
    assert content_text_length(b"<p>1 < 2</p>") == len("1 2")


def test_hostile_markup_is_read_in_linear_time():
    started = time.monotonic()
    for junk in (b"<nav>" * 39_000, b"<style>" * 28_000, b"<!--" * 45_000, b"<" * 190_000):
        assert needs_rendering(b"<script></script>" + junk)
    assert time.monotonic() - started < 3  # ~0.5 s; rescanning to the end per opener takes tens of seconds


def test_chromium_sends_everything_through_pantaus_proxy_and_resolves_nothing_itself():
    args = launch_options("127.0.0.1:4321")["args"]
    assert "--proxy-server=http://127.0.0.1:4321" in args
    assert "--proxy-bypass-list=<-loopback>" in args  # Chromium's default lets loopback past the proxy
    assert "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" in args


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("hard") / "hard.db"
    with HardSite() as site:
        resolve = [arg for spec in site.resolve_map() for arg in ("--resolve", spec)]
        result = run_pantau("audit", site.start_url, "--db", str(db), "--delay", "0", "--quiet", "--json",
                            "--max-pages", "10", *resolve, timeout=180)
        log = list(site.log)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": db, "log": log, "site": site}


@chromium
def test_javascript_standard_is_rendered_and_found(crawl):
    db, site, log = crawl["db"], crawl["site"], crawl["log"]
    pages = {p["url"]: p for p in rows(db, "pages")}
    assert pages[site.start_url]["source"] == "html+js"
    assert pages[f"http://{site.hostname}/profil.html"]["source"] == "html"  # no browser for a plain page
    components = {f["component"] for f in rows(db, "findings", "url = ?", [site.start_url])}
    assert {"persyaratan", "prosedur", "waktu", "biaya", "produk"} <= components
    assert "/api/standar.json" in log  # the XHR really ran in the browser


@chromium
def test_one_script_page_beside_a_menu_is_rendered_and_its_standard_found(crawl):
    url = f"http://{crawl['site'].hostname}/layanan/domisili.html"
    pages = {p["url"]: p for p in rows(crawl["db"], "pages")}
    assert pages[url]["source"] == "html+js"
    components = {f["component"] for f in rows(crawl["db"], "findings", "url = ?", [url])}
    # The fetched HTML has the standard only inside the script's string: these come from the rendered page.
    assert {"persyaratan", "prosedur", "waktu", "biaya", "produk"} <= components


@pytest.mark.skipif(not ocr_available(), reason="tesserocr / tesseract-ocr-ind not installed (./dev setup)")
@pytest.mark.parametrize("path,locator", [("/uploads/standar-pelayanan-kk.png", "ocr image"),
                                          ("/uploads/sk-standar-pelayanan-akta-kia.pdf", "ocr pdf page 1")])
def test_image_and_scanned_standards_are_read_with_ocr(crawl, path, locator):
    url = f"http://{crawl['site'].hostname}{path}"
    findings = rows(crawl["db"], "findings", "url = ?", [url])
    assert {"persyaratan", "waktu", "biaya", "produk"} <= {f["component"] for f in findings}
    assert {f["source"] for f in findings} == {"ocr"}
    assert locator in {f["locator"] for f in findings}


def test_images_that_do_not_look_like_standards_are_not_fetched(crawl):
    assert "/uploads/logo.png" not in crawl["log"]
