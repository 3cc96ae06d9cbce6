"""Loose ends of the crawl, each checked the way a user meets it (real CLI, real Scrapy crawl, 127.0.0.1 only):

- a pemda with `render_js: true` whose server refuses connections: the night's table says `tidak terjangkau
  (refused)`, the page has a `connection_refused` row (as without the browser), and stderr stays empty: no
  scrapy-playwright traceback (the failure is one INFO line; a bug in pantau's code keeps its traceback);
- robots.txt is fetched once per site (scheme, host, port) per crawl, though both the robots middleware and the
  spider read it, and a failed https:// robots.txt does not let everything through on http://.
"""

from __future__ import annotations

import io
import logging
import shutil
import socket

import pytest
import yaml

from tests.helpers import CountingServer, rows, run_pantau

pytestmark = pytest.mark.timeout(300)
chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium is not installed (./dev setup)")


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed): connecting is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def registry(tmp_path, domain: str, **fields) -> str:
    path = tmp_path / "pemda.yaml"
    path.write_text(yaml.safe_dump([
        {"id": "18.08", "name": "Kabupaten Padam", "level": "kabupaten", "province": "Lampung", "domain": domain,
         "verified": False, "start_urls": [f"http://{domain}/"], **fields},
        {"id": "18", "name": "Provinsi Lampung", "level": "provinsi", "province": "Lampung",
         "domain": "lampungprov.go.id", "verified": False},
    ], sort_keys=False), encoding="utf-8")
    return str(path)


@chromium
def test_a_rendered_site_that_refuses_connections_is_unreachable_with_no_traceback(tmp_path):
    db = tmp_path / "night.db"
    result = run_pantau("nightly", "--registry", registry(tmp_path, "padamkab.go.id", render_js=True),
                        "--db", str(db), "--delay", "0", "--quiet", "--only", "padamkab.go.id",
                        "--resolve", f"padamkab.go.id=127.0.0.1:{closed_port()}")
    assert result.returncode == 0, result.stderr[-3000:]
    # Recorded failures stay off stderr (as for pages fetched without the browser): the night's table says it.
    assert result.stderr.strip() == "", result.stderr[-3000:]
    assert "tidak terjangkau (refused)" in " ".join(result.stdout.split()), result.stdout
    (run,) = rows(db, "runs")
    assert (run["status"], run["cause"]) == ("unreachable", "refused")
    # The page itself (not only robots.txt) says why, as a page fetched without the browser would.
    page_errors = rows(db, "errors", "url = ?", ["http://padamkab.go.id/"])
    assert page_errors and {e["kind"] for e in page_errors} == {"connection_refused"}, page_errors
    assert all("padamkab.go.id" in e["message"] for e in page_errors)


def _log_through_filter(exc: BaseException) -> str:
    """What a WARNING handler prints of scrapy-playwright's "Closing page" record carrying EXC."""
    from crawler.browser import OneLineBrowserFailures

    log = logging.getLogger("test-loose-ends-playwright")
    log.propagate = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    log.addFilter(OneLineBrowserFailures())
    try:
        try:
            raise exc
        except Exception as caught:
            log.warning("Closing page due to failed request: %s exc_msg=%s", "<GET http://x.go.id/>", str(caught),
                        exc_info=True)
    finally:
        log.removeHandler(handler)
        log.filters.clear()
    return stream.getvalue()


def test_a_page_the_browser_cannot_load_is_no_warning_but_a_bug_keeps_its_traceback():
    from playwright.async_api import Error as PlaywrightError

    assert _log_through_filter(PlaywrightError("Page.goto: net::ERR_EMPTY_RESPONSE\nCall log:\n  - navigating")) == ""
    bug = _log_through_filter(TypeError("pantau's own mistake"))
    assert "Traceback" in bug and "TypeError: pantau's own mistake" in bug


# -- robots.txt once per host ------------------------------------------------------------------------------------

def _portal(host: str, path: str) -> tuple[int, str, bytes]:
    """A pemda portal whose robots.txt names a sitemap and forbids one folder its home page links to."""
    if path == "/robots.txt":
        return 200, "text/plain", f"User-agent: *\nDisallow: /rahasia\nSitemap: http://{host}/peta.xml\n".encode()
    if path == "/peta.xml":
        return 200, "application/xml", (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                                        f'sitemap/0.9"><url><loc>http://{host}/dari-peta</loc></url></urlset>').encode()
    if path == "/":
        return 200, "text/html", b'<html><body><a href="/layanan">Layanan</a> <a href="/rahasia/x">x</a></body></html>'
    return 200, "text/html", b"<html><body><h1>Persyaratan</h1><ul><li>KTP</li></ul></body></html>"


# http://…: the start URL the registry gives; the bare domain: tried over https:// first, which this server does
# not speak, then over http:// (the https:// robots.txt failed, and must not count for http://).
@pytest.mark.parametrize("target", ["http://contohkab.go.id/", "contohkab.go.id"])
def test_robots_txt_is_fetched_once_per_site_and_still_obeyed_and_read_for_sitemaps(tmp_path, target):
    db = tmp_path / "audit.db"
    with CountingServer(answer=_portal) as server:
        result = run_pantau("audit", target, "--db", str(db), "--delay", "0", "--quiet", "--no-cloak-probe",
                            "--resolve", f"contohkab.go.id=127.0.0.1:{server.port}")
        hits = list(server.host_hits)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [path for _, path in hits].count("/robots.txt") == 1, hits
    paths = {path for _, path in hits}
    assert {"/peta.xml", "/dari-peta", "/layanan"} <= paths  # its sitemap was still read, and followed
    assert not any(path.startswith("/rahasia") for path in paths)  # and its rules still obeyed


def test_the_browser_proxy_remembers_why_it_could_not_reach_a_host_until_it_can():
    import urllib.error
    import urllib.request

    from crawler.addresses import ResolveMap
    from crawler.browser_proxy import BrowserProxy

    down = closed_port()
    with CountingServer() as server:
        resolve = ResolveMap([f"padamkab.go.id=127.0.0.1:{down}", f"hidupkab.go.id=127.0.0.1:{server.port}"])
        with BrowserProxy(resolve, only_mapped=True, domains=["padamkab.go.id", "hidupkab.go.id"]) as proxy:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://{proxy.address}"}))

            def get(url: str):
                try:
                    return opener.open(url, timeout=10).status
                except (urllib.error.URLError, ConnectionError) as exc:
                    return type(exc).__name__

            assert proxy.connect_failure("hidupkab.go.id") is None
            get("http://padamkab.go.id/")
            assert isinstance(proxy.connect_failure("PADAMKAB.go.id"), ConnectionRefusedError)
            assert get("http://hidupkab.go.id/") == 200 and proxy.connect_failure("hidupkab.go.id") is None
            # the host comes back: its failure is forgotten with the first connection that succeeds
            resolve_back = ResolveMap([f"padamkab.go.id=127.0.0.1:{server.port}"])
            proxy.resolve = resolve_back
            assert get("http://padamkab.go.id/") == 200
            assert proxy.connect_failure("padamkab.go.id") is None
