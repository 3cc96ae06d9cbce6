"""A site's malformed URLs cost it nothing but themselves. urllib and w3lib raise ValueError for a leftover template
("http://[nama-domain]/"), a typo bracket ("https://x.go.id]/"), a fullwidth colon, a port out of range; raised in a
Scrapy callback it lost the whole page (no page row, no findings, none of its links), the page's later links, or all
of a host's sitemaps, with nothing recorded but a traceback in the log. Found by fuzzing the crawler's parsing of
what a site sends; the spider's callbacks are called here on responses built in memory (no traffic). The same
fuzzing found a huge sitemap read to its end past its site's budget (the last test)."""

from __future__ import annotations

import json

import pytest
import scrapy
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import PageItem
from crawler.links import links_and_outlinks
from crawler.robots import sitemap_urls
from crawler.spiders.pemda import PemdaSpider
from crawler.urls import usable_url
from tests.helpers import CountingServer, rows, run_pantau

HOST = "contohkab.go.id"
BAD = ["http://[nama-domain]/berita", "https://contohkab.go.id]/", "//[", "http://[x/",
       "http://contohkab.go.id\uff1a8080/", "http://contohkab.go.id:80808/", "http://contohkab.go.id:8080:/",
       "https://contohkab.go.id:443\u201d/"]


def _spider(**overrides) -> PemdaSpider:
    import crawler.settings as project

    settings = {k: getattr(project, k) for k in dir(project) if k.isupper()}
    settings.update(ADDONS={}, ITEM_PIPELINES={}, EXTENSIONS={}, PANTAU_OCR=True)  # the spider's limits, nothing run
    crawler = get_crawler(PemdaSpider, settings | overrides)
    spider = PemdaSpider.from_crawler(crawler, domain=HOST)
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider


def _page(body: str, url: str = f"https://{HOST}/") -> HtmlResponse:
    request = scrapy.Request(url, meta={"pantau_pemda": HOST})
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=request,
                        headers={"Content-Type": "text/html; charset=utf-8"})


def _requested(outputs) -> list[str]:
    return [o.url for o in outputs if isinstance(o, scrapy.Request)]


@pytest.mark.parametrize("bad", BAD)
def test_no_such_url_is_usable(bad):
    assert not usable_url(bad)
    assert usable_url(f"https://{HOST}/layanan/ktp?id=1")


def test_a_page_with_malformed_links_is_stored_and_its_good_links_followed():
    links = "".join(f'<a href="{u}">x</a>' for u in BAD)
    body = (f'<html><body><a href="/layanan/kk">KK</a>{links}<img src="http://[nama-domain]/sp.jpg" alt="standar">'
            f'<img src="/img/standar-pelayanan-ktp.jpg" alt="standar pelayanan"><a href="/layanan/ktp">KTP</a>'
            "</body></html>")
    out = list(_spider().parse(_page(body)))
    pages = [o for o in out if isinstance(o, PageItem)]
    assert len(pages) == 1 and pages[0].url == f"https://{HOST}/"
    requested = _requested(out)
    # the links after the malformed ones are followed as well as those before them
    for path in ("/layanan/kk", "/layanan/ktp", "/img/standar-pelayanan-ktp.jpg"):
        assert f"https://{HOST}{path}" in requested, requested


def test_a_base_href_urllib_refuses_reads_links_against_the_page():
    response = _page('<html><head><base href="https://contohkab.go.id]/"></head><body>'
                     '<a href="layanan/ktp">KTP</a></body></html>', url=f"https://{HOST}/profil/")
    links, _ = links_and_outlinks(response, [HOST])
    assert links == [f"https://{HOST}/profil/layanan/ktp"]


def test_a_bad_sitemap_line_in_robots_txt_loses_no_other_sitemap():
    body = (b"User-agent: *\nSitemap: http://[yourdomain]/sitemap.xml\nSitemap: //[\n"
            b"Sitemap: http://contohkab.go.id:-1/\nSitemap: https://contohkab.go.id/sitemap-post.xml\n")
    assert sitemap_urls(body, f"https://{HOST}/robots.txt")[-1] == f"https://{HOST}/sitemap-post.xml"
    request = scrapy.Request(f"https://{HOST}/robots.txt",
                             meta={"pantau_pemda": HOST, "pantau_base": f"https://{HOST}"})
    response = TextResponse(f"https://{HOST}/robots.txt", body=body, request=request)
    assert _requested(_spider().parse_robots(response)) == [f"https://{HOST}/sitemap-post.xml"]


def test_a_bad_loc_loses_no_later_entry_of_the_sitemap():
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in BAD)
    body = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
            f"<url><loc>https://{HOST}/layanan/akta</loc></url></urlset>").encode()
    request = scrapy.Request(f"https://{HOST}/sitemap.xml", meta={"pantau_pemda": HOST})
    response = XmlResponse(f"https://{HOST}/sitemap.xml", body=body, request=request)
    spider = _spider()
    assert f"https://{HOST}/layanan/akta" in _requested(spider.parse_sitemap(response))
    assert spider.crawler.stats.get_value("pantau/skipped_bad_url") >= 1


def test_a_sitemap_is_read_no_further_than_its_sites_page_budget():
    # 200,000 entries of a 10 MiB sitemap each cost the reactor thread a seen, trap and claim test after the budget
    # was spent (10-13 s in all, every site of the night waiting): the loop now ends there
    locs = "".join(f"<url><loc>https://{HOST}/berita/{i}</loc></url>" for i in range(2000))
    body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    request = scrapy.Request(f"https://{HOST}/sitemap.xml", meta={"pantau_pemda": HOST})
    spider = _spider(PANTAU_MAX_PAGES=5)
    spider.sites[0].sitemaps.add(f"https://{HOST}/sitemap.xml")  # the sitemap itself counts, as when requested
    pages = [u for u in _requested(spider.parse_sitemap(XmlResponse(request.url, body=body.encode(), request=request)))
             if "/berita/" in u]
    assert pages == [f"https://{HOST}/berita/{i}" for i in range(4)]
    assert spider.crawler.stats.get_value("pantau/sitemap_entries_past_budget") == 1
    assert not spider.crawler.stats.get_value("pantau/skipped_budget")  # not one test per entry past the budget


STANDARD = ("<html><body><h2>Standar Pelayanan {name}</h2><table><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr>"
            "<tr><td>1</td><td>Persyaratan</td><td>Fotokopi KK; Surat pengantar RT/RW</td></tr>"
            "<tr><td>2</td><td>Waktu penyelesaian</td><td>3 hari kerja</td></tr>"
            "<tr><td>3</td><td>Biaya</td><td>Gratis</td></tr></table></body></html>")


def _typo_site(host: str, path: str) -> tuple[int, str, bytes]:
    if path == "/":
        body = ('<html><head><base href="http://[nama-domain]/"></head><body>'
                f'<a href="http://[nama-domain]/berita">Berita</a><a href="http://{HOST}:80808/x">x</a>'
                f'<img src="http://[nama-domain]/standar.jpg" alt="standar pelayanan"><a href="/ktp">KTP</a>'
                '<a href="/pindah">Layanan pindah</a>'
                + "<p>Selamat datang di laman resmi Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh.</p>" * 8
                + "</body></html>")
        return 200, "text/html; charset=utf-8", body.encode()
    if path == "/robots.txt":
        return 200, "text/plain", b"User-agent: *\nSitemap: http://[yourdomain]/sitemap.xml\nSitemap: /peta.xml\n"
    if path == "/peta.xml":
        body = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>http://[x/</loc></url><url><loc>http://{HOST}/akta</loc></url></urlset>")
        return 200, "application/xml", body.encode()
    if path == "/pindah":  # a redirect to a leftover template's address
        return 302, "text/html", b"moved", {"Location": "http://[nama-domain]/layanan/pindah"}
    if path in ("/ktp", "/akta"):
        return 200, "text/html; charset=utf-8", STANDARD.format(name=path[1:].upper()).encode()
    return 404, "text/plain", b"not found"


def test_an_audit_of_a_site_full_of_malformed_urls_reads_everything_else(tmp_path, monkeypatch):
    # a real crawl over HTTP on 127.0.0.1: the home page (its <base>, a link, an image and a port all malformed),
    # robots.txt (a bad Sitemap: line before a good one), a sitemap (a bad <loc> before a good one) and a redirect
    # whose Location urllib refuses
    monkeypatch.setenv("PANTAU_EXTRACT_WORKERS", "0")
    db = tmp_path / "typos.db"
    with CountingServer(answer=_typo_site) as site:
        result = run_pantau("audit", f"http://{HOST}/", "--db", str(db), "--delay", "0", "--json",
                            "--resolve", f"{HOST}=127.0.0.1:{site.port}", timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Spider error" not in result.stderr, result.stderr[-3000:]
    assert {"/", "/robots.txt", "/peta.xml", "/ktp", "/akta", "/pindah"} <= set(site.hits), site.hits
    # the redirect nobody can follow is a `redirect` row with the address it gave, not an `other` one
    moved = rows(db, "errors", "url = ?", [f"http://{HOST}/pindah"])
    assert [e["kind"] for e in moved] == ["redirect"] and "[nama-domain]" in moved[0]["message"], moved
    for page in ("ktp", "akta"):
        found = {f["component"] for f in rows(db, "findings", "url = ?", [f"http://{HOST}/{page}"])}
        assert {"persyaratan", "waktu", "biaya"} <= found, (page, found)
    assert json.loads(result.stdout)


def test_a_base_href_urllib_refuses_does_not_stop_the_page_at_the_meta_refresh_middleware():
    # Scrapy's middleware resolves every HTML page's base to look for a refresh: the page became an "other" error row
    from crawler.redirects import MetaRefreshMiddleware

    middleware = MetaRefreshMiddleware.from_crawler(_spider().crawler)
    page = _page('<html><head><base href="http://[nama-domain]/"></head><body>Persyaratan</body></html>')
    assert middleware.process_response(page.request, page) is page
    # a refresh to a good address is still followed
    moved = _page('<html><head><meta http-equiv="refresh" content="0;url=/layanan/baru"></head></html>')
    followed = middleware.process_response(moved.request, moved)
    assert isinstance(followed, scrapy.Request) and followed.url == f"https://{HOST}/layanan/baru"
