"""The fault-injection site itself: each fault misbehaves as documented, and the site always shuts down promptly.

These talk to the site directly (raw sockets and httpx, never following redirects, every wait bounded);
the crawler-side test is separate. Nothing leaves 127.0.0.1/127.0.0.2.
"""

from __future__ import annotations

import codecs
import io
import re
import socket
import ssl
import threading
import time
import zlib
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx
import pytest

from tests.sites.faultsite import BIG_SIZE, CHAIN_HOPS, HOSTNAME, WWW_HOSTNAME, FaultSite, standard_pdf

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def site():
    with FaultSite(hang_seconds=30) as s:
        yield s
        assert s.server_errors == [], "a handler crashed:\n" + "\n".join(s.server_errors)


@pytest.fixture
def client(site):
    with httpx.Client(base_url=f"http://127.0.0.1:{site.http_port}", headers={"Host": HOSTNAME},
                      timeout=10, follow_redirects=False) as c:
        yield c


def raw_get(port: int, path: str, host: str = HOSTNAME, timeout: float = 5.0, deadline: float = 10.0,
            address: str = "127.0.0.1") -> tuple[bytes, str]:
    """Send one GET and read until the server ends the connection: (bytes, "eof" | "reset" | "timeout")."""
    end = time.monotonic() + deadline
    with socket.create_connection((address, port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        try:
            while time.monotonic() < end:
                chunk = sock.recv(65536)
                if not chunk:
                    return data, "eof"
                data += chunk
            return data, "timeout"
        except ConnectionResetError:
            return data, "reset"
        except socket.timeout:
            return data, "timeout"


def split_response(data: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


# -- the site as a whole --------------------------------------------------------------------------------------

def test_index_links_to_every_fault_and_good_page(site, client):
    response = client.get("/")
    assert response.status_code == 200
    links = hrefs(response.text)
    for name, target in {**site.FAULTS, **site.GOOD_PAGES}.items():
        if name in ("robots_500", "tls_expired"):  # reached through the good pages on those hosts
            continue
        assert any(link == target or link.startswith(target + "?") for link in links), name
    assert set(site.FAULTS) == set(site.EXPECTED)


def test_resolve_map_and_urls(site):
    assert f"{HOSTNAME}:80=127.0.0.1:{site.http_port}" in site.resolve_map()
    assert f"{HOSTNAME}:443=127.0.0.1:{site.https_port}" in site.resolve_map()
    assert f"{WWW_HOSTNAME}:80=127.0.0.1:{site.http_port}" in site.resolve_map()
    assert site.start_url == f"http://{HOSTNAME}/"
    assert site.url("gzip_bomb") == f"http://{HOSTNAME}/bomb"
    assert site.url("tls_expired").startswith("https://")


def test_requests_are_logged_by_host_and_path(site, client):
    client.get("/empty?x=1")
    assert (HOSTNAME, "/empty?x=1") in site.hits("/empty")


def test_unknown_host_gets_404(site):
    with httpx.Client(timeout=5) as c:
        response = c.get(f"http://127.0.0.1:{site.http_port}/", headers={"Host": "lain.example.go.id"})
    assert response.status_code == 404


def test_good_standard_page(client):
    response = client.get(FaultSite.GOOD_PAGES["ktp_el"])
    assert response.status_code == 200
    for word in ("Komponen", "Uraian", "Persyaratan", "Jangka Waktu", "Biaya", "Produk", "Pengaduan", "Maklumat"):
        assert word in response.text


# -- HTTP errors and broken connections ----------------------------------------------------------------------

def test_500_and_503_with_retry_after(client):
    assert client.get("/error/500").status_code == 500
    response = client.get("/error/503")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "120"


def test_reset_mid_headers(site):
    data, how = raw_get(site.http_port, "/reset/headers")
    assert how == "reset"
    assert b"\r\n\r\n" not in data  # the header block never completed


def test_reset_mid_body(site):
    data, how = raw_get(site.http_port, "/reset/body")
    assert how == "reset"
    status, headers, body = split_response(data)
    assert status == 200 and int(headers["content-length"]) > len(body) > 0


def test_content_length_larger_than_body_then_clean_close(site, client):
    data, how = raw_get(site.http_port, "/dataloss")
    assert how == "eof"
    _, headers, body = split_response(data)
    assert int(headers["content-length"]) > len(body) > 0
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/dataloss")


def test_hang_sends_nothing(site):
    started = time.monotonic()
    data, how = raw_get(site.http_port, "/hang", timeout=1.0)
    assert (data, how) == (b"", "timeout")
    assert time.monotonic() - started < 3


def test_drip_never_finishes_within_a_timeout(site):
    data, how = raw_get(site.http_port, "/hang/drip", deadline=2.5)
    assert how == "timeout"
    status, headers, body = split_response(data)
    assert status == 200 and len(body) <= 3 < int(headers["content-length"])


# -- redirects ------------------------------------------------------------------------------------------------

def test_redirect_loop(client):
    a = client.get("/loop/a")
    assert a.status_code == 302 and urlsplit(a.headers["Location"]).path == "/loop/b"
    b = client.get(urlsplit(a.headers["Location"]).path)
    assert b.status_code == 302 and urlsplit(b.headers["Location"]).path == "/loop/a"


def test_redirect_offsite_is_not_followed_here(client):
    response = client.get("/redirect/offsite")
    assert response.is_redirect and response.headers["Location"] == "https://example.com/"


def test_redirect_to_private_address_points_at_the_canary(site, client):
    location = client.get("/redirect/private").headers["Location"]
    assert location == f"http://127.0.0.2:{site.canary_port}/"
    # The canary answers (so a crawler that followed would be caught), and logs what reached it.
    data, _ = raw_get(site.canary_port, "/", host="127.0.0.2", address="127.0.0.2")
    assert data.startswith(b"HTTP/1.1 200")
    assert site.canary_log == [("127.0.0.2", "/")]
    site.canary_log.clear()


def test_redirect_chain_has_25_hops(client):
    path, hops = "/redirect/chain/0", 0
    for _ in range(CHAIN_HOPS + 5):  # bounded
        response = client.get(path)
        if not response.is_redirect:
            break
        path = urlsplit(response.headers["Location"]).path
        hops += 1
    assert hops == CHAIN_HOPS == 25
    assert response.status_code == 200


# -- size ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, sized", [("/big/50mb", True), ("/big/50mb-unsized", False)])
def test_50mb_page_is_streamed(client, path, sized):
    with client.stream("GET", path) as response:
        assert response.status_code == 200
        assert ("content-length" in response.headers) == sized
        total = sum(len(chunk) for chunk in response.iter_raw(1 << 20))  # counted, never held
    assert total == BIG_SIZE


def test_gzip_bomb_inflates_past_500mb(client):
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    inflated, compressed = 0, 0
    with client.stream("GET", "/bomb") as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert int(response.headers["Content-Length"]) < 2 * 1024 * 1024
        for chunk in response.iter_raw(64 * 1024):
            compressed += len(chunk)
            data = chunk
            while data and inflated <= 500 * 1024 * 1024:
                inflated += len(inflate.decompress(data, 1 << 20))  # bounded output per call
                data = inflate.unconsumed_tail
            if inflated > 500 * 1024 * 1024:
                break  # proven; stop reading
    assert inflated > 500 * 1024 * 1024
    assert compressed < 1024 * 1024  # about half of a ~1 MB body was enough


def test_gzip_bomb_is_a_valid_gzip_of_1_gib():
    from tests.sites.faultsite import BOMB_SIZE, gzip_bomb
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data, total = gzip_bomb(), 0
    while data:
        total += len(inflate.decompress(data, 16 << 20))
        data = inflate.unconsumed_tail
    assert inflate.eof and total == BOMB_SIZE >= 10**9


# -- charsets and bad bodies ----------------------------------------------------------------------------------

def test_windows_1252_declared_as_utf8(client):
    response = client.get("/charset/cp1252-as-utf8")
    assert "charset=utf-8" in response.headers["Content-Type"].lower()
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    assert "“Standar Pelayanan”" in response.content.decode("cp1252")


def test_no_charset_anywhere(client):
    response = client.get("/charset/none")
    assert response.headers["Content-Type"] == "text/html"
    assert b"charset" not in response.content.lower()
    assert "№".encode() in response.content


def test_unknown_charset(client):
    response = client.get("/charset/unknown")
    assert "charset=x-unknown" in response.headers["Content-Type"]
    with pytest.raises(LookupError):
        codecs.lookup("x-unknown")


def test_malformed_html(client):
    body = client.get("/malformed").content
    assert b"\x00" in body and b"\xff\xfe" in body
    assert b"</html>" not in body and b"</body>" not in body


def test_binary_served_as_html(client):
    response = client.get("/binary-as-html")
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.content.startswith(b"\x89PNG")
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")


def test_empty_200(client):
    response = client.get("/empty")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["Content-Length"] == "0"


def test_truncated_pdf(client):
    import pypdf
    full = standard_pdf()
    assert "Standar Pelayanan" in pypdf.PdfReader(io.BytesIO(full)).pages[0].extract_text()  # whole one is fine
    response = client.get(FaultSite.FAULTS["pdf_truncated"])
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content == full[: len(full) // 2]
    assert response.content.startswith(b"%PDF-") and b"%%EOF" not in response.content
    with pytest.raises(Exception):
        pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_html_served_as_pdf(client):
    response = client.get(FaultSite.FAULTS["pdf_not_a_pdf"])
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"<!DOCTYPE html>")


# -- spider traps -----------------------------------------------------------------------------------------------

def test_calendar_links_onward_forever(client):
    path, seen = "/kalender?bulan=1&tahun=2024", set()
    for _ in range(30):  # a bounded walk forward through 30 months
        response = client.get(path)
        assert response.status_code == 200 and "Bulan sebelumnya" in response.text
        seen.add(path)
        path = re.search(r'href="([^"]*)">Bulan berikutnya', response.text).group(1).replace("&amp;", "&")
    assert len(seen) == 30
    assert path == "/kalender?bulan=7&tahun=2026"  # crossed year boundaries and still going


def test_session_id_on_every_link(client):
    first = client.get("/berita")
    second = client.get("/berita")
    links = [h for h in hrefs(first.text) if h.startswith("/berita")]
    assert len(links) >= 3 and all("PHPSESSID=" in h for h in links)
    assert not set(links) & set(hrefs(second.text))  # every visit mints new URLs


def test_infinitely_deep_path(client):
    path = "/a/" + "a/" * 99
    response = client.get(path)
    assert response.status_code == 200
    assert 'href="a/"' in response.text  # relative: one level deeper again


# -- robots.txt and TLS -----------------------------------------------------------------------------------------

def test_robots_normal_on_portal_and_500_on_www(site):
    with httpx.Client(base_url=f"http://127.0.0.1:{site.http_port}", timeout=5) as c:
        normal = c.get("/robots.txt", headers={"Host": HOSTNAME})
        broken = c.get("/robots.txt", headers={"Host": WWW_HOSTNAME})
        good_page = c.get("/layanan/standar-pelayanan-akta-kelahiran", headers={"Host": WWW_HOSTNAME})
    assert normal.status_code == 200 and "User-agent" in normal.text
    assert broken.status_code == 500
    assert good_page.status_code == 200 and "Persyaratan" in good_page.text


def test_tls_certificate_is_self_signed_and_expired(site):
    from cryptography import x509
    trusting = ssl.create_default_context(cadata=site.cert_pem.decode())  # trust it: only expiry is left
    with socket.create_connection(("127.0.0.1", site.https_port), timeout=5) as sock:
        with pytest.raises(ssl.SSLCertVerificationError, match="expired"):
            trusting.wrap_socket(sock, server_hostname=HOSTNAME)

    lax = ssl.create_default_context()
    lax.check_hostname, lax.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", site.https_port), timeout=5) as sock:
        with lax.wrap_socket(sock, server_hostname=HOSTNAME) as tls:
            cert = x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))
            tls.sendall(f"GET /tls/standar-pelayanan HTTP/1.1\r\nHost: {HOSTNAME}\r\n\r\n".encode())
            data = b""
            while chunk := tls.recv(65536):
                data += chunk
    assert cert.not_valid_after_utc < datetime.now(timezone.utc)
    assert cert.issuer == cert.subject
    status, _, body = split_response(data)
    assert status == 200 and b"Persyaratan" in body and b"Biaya" in body


# -- shutting down --------------------------------------------------------------------------------------------

def test_shutdown_is_prompt_with_hanging_and_stalled_requests_in_flight():
    site = FaultSite(hang_seconds=60).start()
    outcomes: list[tuple[bytes, str]] = []

    def hang():
        outcomes.append(raw_get(site.http_port, "/hang", timeout=30, deadline=30))

    hanging = threading.Thread(target=hang, daemon=True)
    hanging.start()
    # A client that asks for 50 MB and never reads: the server blocks in send().
    stalled = socket.create_connection(("127.0.0.1", site.http_port), timeout=5)
    stalled.sendall(f"GET /big/50mb HTTP/1.1\r\nHost: {HOSTNAME}\r\n\r\n".encode())
    # And a TLS client that connects but never handshakes.
    idle_tls = socket.create_connection(("127.0.0.1", site.https_port), timeout=5)
    deadline = time.monotonic() + 5
    while len(site.hits()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    try:
        started = time.monotonic()
        site.close()
        elapsed = time.monotonic() - started
        hanging.join(5)
        assert elapsed < 5
        assert not hanging.is_alive()
        assert outcomes and outcomes[0][0] == b""  # the hang ended without a response
        assert site.alive_handler_threads == 0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", site.http_port), timeout=1).close()
    finally:
        stalled.close()
        idle_tls.close()
