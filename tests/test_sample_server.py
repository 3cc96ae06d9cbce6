"""The bundled sample site and its server: HTTP behaviour, and that expected.yaml agrees with the files.

Every request has a timeout and every loop is bounded; the server runs on a free port on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import httpx
import pytest

from pantau.sample_server import SampleSite, normalise_host_header
from pantau.sample_site import HOSTS_DIR, PORTAL_HOST, load_expected

pytestmark = pytest.mark.timeout(120)

TIMEOUT = httpx.Timeout(5.0)
DUKCAPIL = "disdukcapil.lampungtimurkab.go.id"
DPMPTSP = "dpmptsp.lampungtimurkab.go.id"
PDF = "/wp-content/uploads/2023/06/SK-Standar-Pelayanan-DPMPTSP-2023.pdf"
EXPECTED = load_expected()


# -- helpers ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    with SampleSite() as running:
        yield running


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as c:
        yield c


def get(client: httpx.Client, site: SampleSite, host: str, path: str = "/", method: str = "GET", **headers):
    return client.request(method, site.url(path), headers={"Host": host, **headers})


def fetch_url(client: httpx.Client, site: SampleSite, url: str, method: str = "GET") -> httpx.Response:
    """GET a crawler-style URL (http://real.host/path) from the sample server."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return get(client, site, parts.hostname, path, method=method)


def raw_request(site: SampleSite, request: bytes) -> tuple[int, bytes]:
    """Send REQUEST bytes as-is (no client-side path normalisation); return (status, body-ish)."""
    with socket.create_connection((site.address, site.port), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0]
    return int(status_line.split()[1]), data


def file_for_url(url: str) -> Path:
    parts = urlsplit(url)
    host = parts.hostname
    if host.startswith("www.") and not (HOSTS_DIR / host).is_dir():
        host = host[4:]
    path = parts.path or "/"
    if path.endswith("/"):
        path += "index.html"
    return HOSTS_DIR / host / path.lstrip("/")


def canonical(url: str) -> str:
    """www.portal -> portal (the same site), fragment dropped."""
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    host = parts.hostname
    if host.startswith("www.") and (HOSTS_DIR / host[4:]).is_dir():
        url = url.replace(f"//{host}", f"//{host[4:]}", 1)
    return url


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.images.append(attrs["src"])

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        text = " ".join(parse(path).text)
    return re.sub(r"\s+", " ", text).lower()


def in_scope(host: str) -> bool:
    domain = EXPECTED["domain"]
    return host == domain or host.endswith("." + domain)


def crawl_files() -> dict:
    """A breadth-first walk over the files (as a crawler ignoring robots.txt would), from start_url."""
    queue = [EXPECTED["start_url"]]
    seen: set[str] = set()
    found = {"pages": set(), "broken": set(), "offsite": set(), "schemes": set(), "images": set()}
    for _ in range(1000):  # bounded
        if not queue:
            break
        url = canonical(queue.pop(0))
        if url in seen:
            continue
        seen.add(url)
        path = file_for_url(url)
        if not path.is_file():
            found["broken"].add(url)
            continue
        found["pages"].add(url)
        if path.suffix != ".html":
            continue
        parsed = parse(path)
        found["images"].update(urljoin(url, src) for src in parsed.images)
        for href in parsed.links:
            scheme = urlsplit(href).scheme
            if scheme in ("mailto", "tel", "javascript"):
                found["schemes"].add(scheme)
                continue
            target = urldefrag(urljoin(url, href))[0]
            if in_scope(urlsplit(target).hostname or ""):
                queue.append(target)
            else:
                found["offsite"].add(target)
    else:
        pytest.fail("crawl of the sample files did not finish")
    return found


def robots_for(host: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse((HOSTS_DIR / host / "robots.txt").read_text(encoding="utf-8").splitlines())
    return parser


def sitemap_urls() -> set[str]:
    tree = ElementTree.parse(HOSTS_DIR / PORTAL_HOST / "sitemap.xml")
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text.strip() for loc in tree.getroot().findall("sm:url/sm:loc", ns)}


# -- the server ------------------------------------------------------------------------------------------

def test_serves_each_host_by_host_header(site, client):
    for host, marker in [(DUKCAPIL, "Dinas Kependudukan dan Pencatatan Sipil"),
                         ("dinsos.lampungtimurkab.go.id", "Dinas Sosial"),
                         (PORTAL_HOST, "Pemerintah Kabupaten Lampung Timur")]:
        response = get(client, site, host)
        assert response.status_code == 200, host
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert marker in response.text
    assert "Akta Kelahiran" in get(client, site, DUKCAPIL, "/layanan/akta-kelahiran.html").text


def test_host_header_is_normalised_and_www_falls_back(site, client):
    bare = get(client, site, PORTAL_HOST, "/profil/")
    www = get(client, site, "WWW.LampungTimurKab.go.id:80", "/profil/")
    dotted = get(client, site, "lampungtimurkab.go.id.", "/profil/")
    assert bare.status_code == www.status_code == dotted.status_code == 200
    assert bare.content == www.content == dotted.content
    assert normalise_host_header("[::1]:8080") == "::1"
    assert normalise_host_header("Dinsos.X.go.id:443") == "dinsos.x.go.id"


def test_unknown_host_is_no_such_site(site, client):
    for host in ("example.com", "lampungtimurkab.go.id.example.com", "evil-lampungtimurkab.go.id",
                 "disdik.lampungtimurkab.go.id", "www.", "127.0.0.1"):
        response = get(client, site, host)
        assert response.status_code == 404, host
        assert response.text == "no such site\n"
    status, data = raw_request(site, b"GET / HTTP/1.0\r\n\r\n")  # no Host header at all
    assert status == 404 and data.endswith(b"no such site\n")


def test_missing_file_is_a_themed_404_page(site, client):
    response = get(client, site, DUKCAPIL, "/layanan/tidak-ada.html")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Halaman Tidak Ditemukan" in response.text and "Disdukcapil" in response.text
    assert get(client, site, DUKCAPIL, "/no/such/dir/").status_code == 404


def test_directory_without_slash_redirects(site, client):
    response = get(client, site, PORTAL_HOST, "/profil?x=1")
    assert response.status_code == 301
    assert response.headers["location"] == "/profil/?x=1"
    assert get(client, site, PORTAL_HOST, "/profil/?x=1").status_code == 200


@pytest.mark.parametrize("host, path, ctype, starts", [
    (DPMPTSP, PDF, "application/pdf", b"%PDF-"),
    (PORTAL_HOST, "/sitemap.xml", "application/xml; charset=utf-8", b"<?xml"),
    (PORTAL_HOST, "/robots.txt", "text/plain; charset=utf-8", b"# robots.txt"),
    (PORTAL_HOST, "/wp-content/uploads/2021/03/logo-lampung-timur.png", "image/png", b"\x89PNG"),
    (DUKCAPIL, "/", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
])
def test_content_types(site, client, host, path, ctype, starts):
    response = get(client, site, host, path)
    assert response.status_code == 200
    assert response.headers["content-type"] == ctype
    assert response.content.startswith(starts)
    assert int(response.headers["content-length"]) == len(response.content)


def test_head_sends_headers_without_body(site, client):
    full = get(client, site, DPMPTSP, PDF)
    head = get(client, site, DPMPTSP, PDF, method="HEAD")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(full.content))
    assert head.headers["etag"] == full.headers["etag"]
    assert get(client, site, DPMPTSP, "/nope", method="HEAD").status_code == 404


def test_other_methods_are_refused(site, client):
    response = client.post(site.url("/"), headers={"Host": PORTAL_HOST}, content=b"x=1")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_conditional_requests(site, client):
    first = get(client, site, DUKCAPIL, "/maklumat/")
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    same = get(client, site, DUKCAPIL, "/maklumat/", **{"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["etag"] == etag
    assert get(client, site, DUKCAPIL, "/maklumat/", **{"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert get(client, site, DUKCAPIL, "/maklumat/", **{"If-None-Match": '"other"'}).status_code == 200
    # another page's ETag does not match this one
    assert get(client, site, DUKCAPIL, "/pengaduan/", **{"If-None-Match": etag}).status_code == 200

    assert get(client, site, DUKCAPIL, "/maklumat/", **{"If-Modified-Since": last_modified}).status_code == 304
    assert get(client, site, DUKCAPIL, "/maklumat/",
               **{"If-Modified-Since": formatdate(0, usegmt=True)}).status_code == 200
    assert get(client, site, DUKCAPIL, "/maklumat/", **{"If-Modified-Since": "not a date"}).status_code == 200
    # If-None-Match wins over If-Modified-Since
    assert get(client, site, DUKCAPIL, "/maklumat/",
               **{"If-None-Match": '"other"', "If-Modified-Since": last_modified}).status_code == 200


def test_changed_file_gets_new_validators(tmp_path):
    (tmp_path / "a.go.id").mkdir()
    page = tmp_path / "a.go.id" / "index.html"
    page.write_text("<p>satu</p>", encoding="utf-8")
    os.utime(page, (1_700_000_000, 1_700_000_000))
    with SampleSite(tmp_path) as s, httpx.Client(timeout=TIMEOUT) as c:
        first = get(c, s, "a.go.id")
        page.write_text("<p>dua</p>", encoding="utf-8")
        second = get(c, s, "a.go.id", **{"If-None-Match": first.headers["etag"],
                                          "If-Modified-Since": first.headers["last-modified"]})
        assert second.status_code == 200 and second.text == "<p>dua</p>"
        assert second.headers["etag"] != first.headers["etag"]


@pytest.mark.parametrize("target", [
    b"/../dinsos.lampungtimurkab.go.id/index.html",
    b"/%2e%2e/%2e%2e/sample_server.py",
    b"/..%2f..%2fmake_site.py",
    b"/layanan/../../expected.yaml",
    b"/..\\..\\expected.yaml",
    b"/%00index.html",
])
def test_path_traversal_is_refused(site, target):
    request = b"GET " + target + b" HTTP/1.1\r\nHost: " + DUKCAPIL.encode() + b"\r\nConnection: close\r\n\r\n"
    status, data = raw_request(site, request)
    assert status in (400, 403), target
    assert b"make_site" not in data and b"units:" not in data and b"Dinas Sosial" not in data


def test_symlink_out_of_the_site_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("rahasia", encoding="utf-8")
    root = tmp_path / "hosts"
    (root / "a.go.id").mkdir(parents=True)
    (root / "a.go.id" / "link.txt").symlink_to(outside)
    with SampleSite(root) as s, httpx.Client(timeout=TIMEOUT) as c:
        response = get(c, s, "a.go.id", "/link.txt")
        assert response.status_code == 403 and "rahasia" not in response.text


def test_hostnames_and_resolve_map(site):
    assert set(site.hostnames) == set(EXPECTED["units"])
    resolve = site.resolve_map()
    target = f"127.0.0.1:{site.port}"
    assert site.port > 0 and site.address == "127.0.0.1"
    for host, unit in EXPECTED["units"].items():
        assert resolve[host] == target
        for alias in unit["aliases"]:
            assert resolve[alias] == target
    assert set(resolve.values()) == {target}


def test_requests_log_is_complete_under_concurrency(tmp_path):
    (tmp_path / "a.go.id").mkdir()
    (tmp_path / "a.go.id" / "index.html").write_text("ok", encoding="utf-8")
    with SampleSite(tmp_path) as s, httpx.Client(timeout=TIMEOUT) as c:
        paths = [f"/?n={i}" for i in range(40)] + ["/missing"]
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda p: get(c, s, "A.go.id:80", p).status_code, paths))
        get(c, s, "nope.go.id", "/x")
        log = s.requests_log
    assert statuses == [200] * 40 + [404]
    assert sorted(log) == sorted([("a.go.id", p, 200) for p in paths[:-1]] + [("a.go.id", "/missing", 404),
                                                                                ("nope.go.id", "/x", 404)])
    log.clear()  # a copy: the site's own log is untouched
    assert len(s.requests_log) == 42


def test_server_stops_even_with_an_open_connection():
    site = SampleSite()
    with site:
        port = site.port
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(f"GET / HTTP/1.1\r\nHost: {PORTAL_HOST}\r\n\r\n".encode())
        assert conn.recv(12) == b"HTTP/1.1 200"
        started = time.monotonic()
    assert time.monotonic() - started < 3
    assert not site.running
    conn.settimeout(5)
    try:  # the kept-alive connection was closed by the server (EOF or reset), not left serving
        leftover = conn.recv(1 << 20)
        for _ in range(50):
            if not leftover:
                break
            leftover = conn.recv(1 << 20)
        assert leftover == b""
    except ConnectionResetError:
        pass
    finally:
        conn.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_cannot_start_twice_and_stop_is_idempotent():
    site = SampleSite()
    with site:
        with pytest.raises(RuntimeError):
            site.start()
    site.stop()
    with pytest.raises(FileNotFoundError):
        SampleSite(Path("/nonexistent/sample")).start()


def test_command_line_serves_and_prints_the_resolve_map():
    proc = subprocess.Popen([sys.executable, "-m", "pantau.sample_server", "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killer = threading.Timer(30, proc.kill)
    killer.start()
    try:
        lines = []
        for _ in range(40):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("  pantau audit"):
                break
        output = "".join(lines)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", output)
        assert match, output
        assert f"{DUKCAPIL} -> 127.0.0.1:{match.group(1)}" in output
        assert f"--resolve {PORTAL_HOST}=127.0.0.1:{match.group(1)}" in output
        response = httpx.get(f"http://127.0.0.1:{match.group(1)}/", headers={"Host": DUKCAPIL}, timeout=TIMEOUT)
        assert response.status_code == 200
    finally:
        killer.cancel()
        proc.kill()
        proc.communicate(timeout=10)


# -- the site and expected.yaml --------------------------------------------------------------------------

def all_listed_urls() -> list[str]:
    urls = list(EXPECTED["reachable_urls"]) + EXPECTED["disallowed_urls"] + EXPECTED["sitemap_only_urls"]
    urls += EXPECTED["news_urls"] + [t["url"] for t in EXPECTED["traps"] if t["url"] != "*"]
    urls += [svc["url"] for unit in EXPECTED["units"].values() for svc in unit["services"]]
    return urls


def test_every_listed_url_exists_on_disk_and_is_served(site, client):
    for url in all_listed_urls():
        assert file_for_url(url).is_file(), url
        assert urlsplit(url).scheme == "http" and in_scope(urlsplit(url).hostname), url
        assert fetch_url(client, site, url).status_code == 200, url
    for url in EXPECTED["broken_urls"]:
        assert not file_for_url(url).exists(), url
        assert fetch_url(client, site, url).status_code == 404, url


def test_offsite_urls_are_not_served_and_not_in_scope(site):
    for url in EXPECTED["offsite_urls"]:
        host = urlsplit(url).hostname
        assert not in_scope(host), url
        assert site._site_dir(host) is None, url
    hosts = {urlsplit(u).hostname for u in EXPECTED["offsite_urls"]}
    assert "www.lapor.go.id" in hosts and "ombudsman.go.id" in hosts and "jdih.lampungprov.go.id" in hosts
    assert any(h.startswith("lampungtimurkab.go.id.") or h.startswith("evil-") for h in hosts)
    assert any("facebook.com" in h for h in hosts)


def test_link_graph_matches_expected():
    found = crawl_files()
    disallowed = set(EXPECTED["disallowed_urls"])
    linked = found["pages"]  # links only: the sitemap is not read here
    # every disallowed page is linked (so obeying robots.txt is observable) ...
    assert disallowed <= found["pages"]
    # ... and reachable_urls is exactly what a crawl that obeys robots and reads the sitemap fetches.
    assert set(EXPECTED["reachable_urls"]) == (linked - disallowed) | set(EXPECTED["sitemap_only_urls"])
    assert found["broken"] == set(EXPECTED["broken_urls"])
    assert found["offsite"] == set(EXPECTED["offsite_urls"])
    assert found["schemes"] == {"mailto", "tel", "javascript"}
    assert any(img.endswith(".png") for img in found["images"])
    # the portal links every OPD site, so a crawl from it reaches every unit
    assert {urlsplit(u).hostname for u in found["pages"]} == set(EXPECTED["units"])


def test_sitemap_only_pages_are_in_the_sitemap_and_linked_nowhere():
    listed = sitemap_urls()
    robots = (HOSTS_DIR / PORTAL_HOST / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: http://{PORTAL_HOST}/sitemap.xml" in robots
    linked = crawl_files()["pages"]  # follows links only, never the sitemap
    for url in EXPECTED["sitemap_only_urls"]:
        assert url in listed
        assert url not in linked, f"{url} is linked from a page: it no longer proves sitemaps are read"
    # nothing else hides in the sitemap: every other entry is linked too, none is disallowed or broken
    assert listed - set(EXPECTED["sitemap_only_urls"]) <= linked
    assert not listed & set(EXPECTED["disallowed_urls"] + EXPECTED["broken_urls"])


def test_robots_rules_match_expected():
    for url in EXPECTED["disallowed_urls"]:
        host = urlsplit(url).hostname
        assert not robots_for(host).can_fetch("pantau", url), url
        assert robots_for(host).can_fetch("pantau", f"http://{host}/"), host
    for url in EXPECTED["reachable_urls"]:
        assert robots_for(urlsplit(url).hostname).can_fetch("pantau", url), url
    for host in EXPECTED["units"]:
        assert (HOSTS_DIR / host / "robots.txt").is_file(), host


def test_units_and_services_are_on_their_pages():
    reachable = set(EXPECTED["reachable_urls"])
    components = {"persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan"}
    units = EXPECTED["units"]
    assert set(units) == {PORTAL_HOST, DUKCAPIL, DPMPTSP, "dinsos.lampungtimurkab.go.id",
                          "dinkes.lampungtimurkab.go.id"}
    assert sum(u["maklumat"] for u in units.values()) >= 2
    layouts = set()
    for host, unit in units.items():
        assert isinstance(unit["maklumat"], bool) and isinstance(unit["pengaduan"], bool)
        assert bool(unit["pengaduan_channels"]) == unit["pengaduan"], host
        for svc in unit["services"]:
            assert urlsplit(svc["url"]).hostname == host
            assert svc["url"] in reachable, svc["name"]
            assert set(svc["components"]) <= components and svc["components"], svc["name"]
            text = page_text(file_for_url(svc["url"]))
            assert svc["name"].lower() in text, (svc["name"], svc["url"])
            values = svc.get("values", {})
            assert set(values) <= set(svc["components"]), svc["name"]
            if "produk" in values:
                assert values["produk"].lower() in text, svc["name"]
            if "biaya" in values and values["biaya"].get("amount"):
                rupiah = f"{values['biaya']['amount']:,}".replace(",", ".")
                assert f"rp {rupiah}" in text, svc["name"]
            layouts.add(svc["layout"])
    assert {"table-komponen", "table-komponen-14", "accordion", "pdf-table-komponen", "table-wide",
            "partial"} <= layouts
    # fees in several forms and durations in several units
    biaya = [s["values"]["biaya"] for u in units.values() for s in u["services"] if "biaya" in s["values"]]
    assert {"amount": 0} in biaya and {"regulation": True} in biaya and {"amount": 50000} in biaya
    units_of_time = {s["values"]["waktu"]["unit"] for u in units.values() for s in u["services"]
                     if "waktu" in s["values"]}
    assert {"minutes", "hours", "working_days", "on_the_spot"} <= units_of_time


def test_maklumat_pages_carry_the_pledge():
    for host, unit in EXPECTED["units"].items():
        path = HOSTS_DIR / host / "maklumat" / "index.html"
        pledged = path.is_file() and "dengan ini kami menyatakan sanggup" in page_text(path)
        assert pledged == unit["maklumat"], host


def test_disallowed_pages_would_publish_a_standard():
    texts = " ".join(page_text(file_for_url(u)) for u in EXPECTED["disallowed_urls"])
    for name in EXPECTED["disallowed_services"]:
        assert name.lower() in texts
    assert "persyaratan" in texts and "jangka waktu penyelesaian" in texts


def test_news_posts_only_mention_standards():
    ombudsman = page_text(file_for_url(EXPECTED["news_urls"][0]))
    assert "standar pelayanan" in ombudsman and "persyaratan" in ombudsman and "biaya" in ombudsman
    for url in EXPECTED["news_urls"]:
        text = page_text(file_for_url(url))
        assert "jangka waktu penyelesaian:" not in text and "<table" not in text, url
        assert "/berita/" in url


def test_page_sizes_are_realistic():
    pages = [p for p in HOSTS_DIR.rglob("*.html")]
    assert 25 <= len(pages) <= 45
    for page in pages:
        assert 5_000 <= page.stat().st_size <= 30_000, page


def test_generated_files_match_the_generators():
    from pantau.sample_site import make_pdf, make_site

    rendered = make_site.render_all()
    on_disk = {str(p.relative_to(HOSTS_DIR)): p for p in HOSTS_DIR.rglob("*") if p.is_file()}
    pdf_key = f"{make_pdf.PDF_HOST}{make_pdf.PDF_PATH}"
    assert set(on_disk) == set(rendered) | {pdf_key}, "hosts/ and make_site.py disagree: re-run make_site"
    for name, data in rendered.items():
        assert on_disk[name].read_bytes() == data, f"{name} differs from make_site.py's output"
    assert make_pdf.build_pdf() == make_pdf.build_pdf()  # deterministic


def test_pdf_is_a_text_pdf_with_three_services():
    from pypdf import PdfReader

    reader = PdfReader(file_for_url(f"http://{DPMPTSP}{PDF}"))
    text = page_text(file_for_url(f"http://{DPMPTSP}{PDF}"))
    assert "tentang standar pelayanan" in text
    for name in ("persetujuan bangunan gedung", "izin penyelenggaraan reklame", "nomor induk berusaha"):
        assert name in text
    assert reader.metadata["/CreationDate"].startswith("D:2023")
    assert "sesuai peraturan daerah" in text and "rp 0,-" in text and "gratis" in text
