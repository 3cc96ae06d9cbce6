"""Hard pages: a standard that exists only after its script runs is rendered in Debian's chromium (plain
pages stay on the HTTP path, the browser stays on the pemda's sites); standards published as an image and as
a scanned PDF are read with OCR and their findings say so."""

from __future__ import annotations

import shutil

import pytest

from crawler.rendering import host_resolver_rules, needs_rendering
from crawler.addresses import ResolveMap
from tests.helpers import rows, run_pantau
from extractors.ocr import ocr_available
from tests.sites.hardsite import PROFILE, SHELL, HardSite

chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium is not installed (./dev setup installs it)")


def test_shell_pages_need_rendering_and_content_pages_do_not():
    assert needs_rendering(SHELL.encode())
    assert not needs_rendering(PROFILE.encode())
    assert not needs_rendering(b"<html><body><p>" + b"Persyaratan pelayanan lengkap. " * 30 + b"</p></body></html>")


def test_resolve_map_becomes_chromium_rules_that_refuse_the_rest():
    rules = host_resolver_rules(ResolveMap(["a.go.id=127.0.0.1:8000"]), only_mapped=True)
    assert rules == "MAP a.go.id 127.0.0.1:8000, MAP * ~NOTFOUND"


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
