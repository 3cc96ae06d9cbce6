"""Hostile pages against the browser (issue 9, items 3, 4 and 10): every connection Chromium makes goes through
pantau's address guard, proxy variables are ignored, and a page built by script is capped like any download.

The pemda site is served on 127.0.0.1 through the resolve map, with hosts outside the map *resolved* (as in the
nightly run, where nothing is mapped); a server on 127.0.0.2 plays the internal network the guard must refuse.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.addresses import ResolveMap
from crawler.browser_proxy import BrowserProxy
from tests.helpers import CountingServer, rows

chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium is not installed (./dev setup)")

HOST = "portal.contohkab.go.id"
SECRET = "RAHASIA-JARINGAN-INTERNAL"
STANDARD = ("<h1>Standar Pelayanan Surat Keterangan Domisili</h1><table><tr><th>No</th><th>Komponen</th>"
            "<th>Uraian</th></tr><tr><td>1</td><td>Persyaratan</td><td>Fotokopi KTP dan Kartu Keluarga</td></tr>"
            "<tr><td>2</td><td>Jangka Waktu Penyelesaian</td><td>1 (satu) hari kerja</td></tr>"
            "<tr><td>3</td><td>Biaya/Tarif</td><td>Tidak dipungut biaya</td></tr></table>")


def attack_page(internal: str, udp_port: int) -> str:
    """A shell page whose script fills in a standard, then reaches for INTERNAL every way a page can."""
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Layanan</title></head>
<body><div id="app">Memuat...</div><a href="/pindah.html">Pindah</a><a href="/besar.html">Besar</a>
<script>
document.getElementById('app').innerHTML = {json.dumps(STANDARD)};
function keep(t) {{ var p = document.createElement('p'); p.textContent = t; document.body.appendChild(p); }}
fetch('/go?via=fetch').then(function (r) {{ return r.text(); }}).then(keep, function () {{}});
fetch('http://{internal}/direct').then(function (r) {{ return r.text(); }}).then(keep, function () {{}});
var f = document.createElement('iframe'); f.src = '/go?via=iframe'; document.body.appendChild(f);
try {{ var ws = new WebSocket('ws://{internal}/ws'); ws.onmessage = function (m) {{ keep(m.data); }}; }} catch (e) {{}}
try {{ var pc = new RTCPeerConnection({{iceServers: [{{urls: 'stun:127.0.0.2:{udp_port}'}}]}});
  pc.createDataChannel('x');
  pc.createOffer().then(function (o) {{ return pc.setLocalDescription(o); }}); }} catch (e) {{}}
</script></body></html>"""


NAVIGATING_PAGE = """<!doctype html><html><head><title>Pindah</title></head><body><div id="app"></div>
<script>location.href = '/go?via=navigation';</script></body></html>"""

# Issue 9 item 10: a small HTML file whose script builds a page far larger than the size cap.
GROWING_PAGE = """<!doctype html><html><head><title>Besar</title></head><body><div id="app"></div>
<script>var s = 'Persyaratan pelayanan: fotokopi KTP. '.repeat(30000);
document.getElementById('app').textContent = s;</script></body></html>"""


class AnsweringServer(CountingServer):
    """A CountingServer whose answers come from `answer(path) -> (status, headers, body)`."""

    def __init__(self, address: str):
        super().__init__(address)
        outer = self

        def do_get(handler):
            outer.hits.append(handler.path)
            status, headers, body = outer.answer(handler.path)
            handler.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)

        self.server.RequestHandlerClass.do_GET = do_get

    def answer(self, path: str) -> tuple[int, dict, bytes]:
        raise NotImplementedError


class Site(AnsweringServer):
    """The pemda site: its pages, and /go, which redirects (302) to the internal server."""

    def __init__(self, internal: str, udp_port: int):
        super().__init__("127.0.0.1")
        self.log = self.hits
        self.internal = internal
        self.pages = {"/": attack_page(internal, udp_port), "/pindah.html": NAVIGATING_PAGE,
                      "/besar.html": GROWING_PAGE}
        self.resolve = f"{HOST}=127.0.0.1:{self.port}"

    def answer(self, path):
        parts = urlsplit(path)
        if parts.path == "/go":
            via = parse_qs(parts.query).get("via", ["?"])[0]
            return 302, {"Location": f"http://{self.internal}/secret?via={via}"}, b""
        body = self.pages.get(parts.path, "").encode()
        return (200 if body else 404), {"Content-Type": "text/html; charset=utf-8"}, body


class SecretServer(AnsweringServer):
    """The internal network: any request it gets, and any byte of its answer stored, is a leak."""

    def __init__(self):
        super().__init__("127.0.0.2")

    def answer(self, path):
        return 200, {"Content-Type": "text/html"}, f"<html><body><p>{SECRET}</p></body></html>".encode()


class UdpTrap:
    """A UDP socket on 127.0.0.2 (a STUN server for WebRTC): it must receive nothing."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.2", 0))
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def received(self) -> int:
        count = 0
        while True:
            try:
                self.sock.recv(2048)
            except BlockingIOError:
                return count
            count += 1


AUDIT = """
import json, sys
from pantau.crawl import crawl_settings, run_audit
from pantau.screenshots import screenshot_runs
from pantau.storage import Store
a = json.loads(sys.argv[1])
settings = crawl_settings(a["db"], resolve=a["resolve"], delay=0, progress="off", **a["settings"])
run_id = run_audit(a["url"], settings, max_pages=10)
screenshot_runs(Store(a["db"]), [run_id], resolve=a["resolve"])
"""
PROXY_HOST = "proxy.contohkab.go.id"  # reachable through the map, so a crawler that used it would be seen


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One audit (and its screenshots) of the hostile site, with proxy variables pointing at a recording server.

    Hosts outside the map are looked up, not refused by name: the nightly case (no --resolve)."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    udp = UdpTrap()
    with CountingServer("127.0.0.1") as proxy, SecretServer() as internal, \
            Site(f"127.0.0.2:{internal.port}", udp.port) as site:
        env = {**os.environ, **{name: f"http://{PROXY_HOST}:{proxy.port}" for name in (
            "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")}}
        args = {"db": str(db), "resolve": [site.resolve, f"{PROXY_HOST}=127.0.0.1:{proxy.port}"],
                "url": f"http://{HOST}/", "settings": {"PANTAU_RESOLVE_ONLY": False, "DOWNLOAD_MAXSIZE": 300_000,
                                                        "PANTAU_EXTRACT_WORKERS": 0}}
        result = subprocess.run([sys.executable, "-c", AUDIT, json.dumps(args)], capture_output=True, text=True,
                                timeout=170, env=env)
        out = {"db": db, "result": result, "log": list(site.log), "internal_hits": list(internal.hits),
               "proxy_hits": list(proxy.hits)}
    out["udp_received"] = udp.received()
    udp.sock.close()
    return out


@chromium
def test_scripts_redirects_websockets_and_webrtc_never_reach_internal_addresses(crawl):
    db, result, log = crawl["db"], crawl["result"], crawl["log"]
    assert result.returncode == 0, result.stderr[-3000:]
    # The attacks really ran, in the crawl and again in the screenshot renderer...
    assert log.count("/go?via=fetch") >= 2 and "/go?via=iframe" in log and "/go?via=navigation" in log
    pages = {p["url"]: p for p in rows(db, "pages")}
    assert pages[f"http://{HOST}/"]["source"] == "html+js"
    assert rows(db, "findings", "screenshot is not null")  # the screenshot renderer ran the page's scripts
    # ...and none got through: no request, no datagram, not a byte of the internal answer stored.
    assert crawl["internal_hits"] == [], f"the internal server was reached: {crawl['internal_hits']}"
    assert crawl["udp_received"] == 0, "WebRTC sent UDP to an internal address"
    assert not any(SECRET in (p["text"] or "") for p in pages.values())
    # The page whose script navigated to the internal address is a recorded row, not a silent loss.
    navigated = [e for e in rows(db, "errors") if e["url"] == f"http://{HOST}/pindah.html"]
    assert [e["kind"] for e in navigated] == ["redirect"], navigated


@chromium
def test_a_page_built_by_script_above_the_size_cap_is_a_recorded_error(crawl):
    db, result = crawl["db"], crawl["result"]
    url = f"http://{HOST}/besar.html"
    assert "/besar.html" in crawl["log"]  # fetched: its HTML is small, its rendered page ~1.1 MB
    assert [p for p in rows(db, "pages") if p["url"] == url] == []
    errors = [e for e in rows(db, "errors") if e["url"] == url]
    assert [e["kind"] for e in errors] == ["too_large"], errors
    assert "size cap" in errors[0]["message"]
    assert "Traceback" not in result.stderr


@chromium
def test_proxy_variables_are_ignored_by_the_crawler_and_the_browser(crawl):
    assert crawl["proxy_hits"] == [], f"a proxy from the environment was used: {crawl['proxy_hits']}"
    pages = {p["url"]: p for p in rows(crawl["db"], "pages")}
    assert pages[f"http://{HOST}/"]["source"] == "html+js"  # the browser ran, with those variables set


# -- the proxy alone (no browser): each request is checked where it connects -----------------------------

def _through(proxy: BrowserProxy, request: bytes) -> bytes:
    host, port = proxy.address.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_the_proxy_refuses_forbidden_addresses_by_name_by_literal_and_by_tunnel():
    with CountingServer("127.0.0.2") as internal, CountingServer("127.0.0.1") as allowed:
        resolve = ResolveMap([f"{HOST}=127.0.0.1:{allowed.port}"])
        with BrowserProxy(resolve, only_mapped=False) as proxy:
            answers = [
                # localhost is looked up (no map entry) and resolves to loopback.
                _through(proxy, b"GET http://localhost:%d/ HTTP/1.1\r\nHost: localhost\r\n\r\n" % allowed.port),
                _through(proxy, b"GET http://127.0.0.2:%d/ HTTP/1.1\r\nHost: x\r\n\r\n" % internal.port),
                _through(proxy, b"CONNECT 127.0.0.2:%d HTTP/1.1\r\n\r\n" % internal.port),
                _through(proxy, b"GET ftp://127.0.0.2:%d/ HTTP/1.1\r\n\r\n" % internal.port),
            ]
            mapped = _through(proxy, f"GET http://{HOST}/ok HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            websocket = _through(proxy, f"GET http://{HOST}/ws HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\n"
                                        "Connection: Upgrade\r\n\r\n".encode())
            plain_tunnel = _through(proxy, f"CONNECT {HOST}:80 HTTP/1.1\r\n\r\nGET /ws HTTP/1.1\r\n\r\n".encode())
            refused = {kind for _, kind, _ in proxy.stats.refused}
    assert internal.hits == [] and allowed.hits == ["/ok"]
    assert all(a.startswith(b"HTTP/1.1 403") for a in answers), answers
    assert mapped.startswith(b"HTTP/1.0 200") and b"Persyaratan" in mapped
    assert websocket.startswith(b"HTTP/1.1 403")
    assert b"Persyaratan" not in plain_tunnel
    assert {"forbidden_address", "unsupported_scheme", "websocket"} <= refused


def test_the_proxy_with_only_mapped_hosts_looks_nothing_up():
    with BrowserProxy(ResolveMap([f"{HOST}=127.0.0.1:9"]), only_mapped=True) as proxy:
        answer = _through(proxy, b"GET http://localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 403")
        assert [kind for _, kind, _ in proxy.stats.refused] == ["not_in_resolve_map"]


def test_the_proxy_refuses_hosts_off_the_crawls_sites_before_any_lookup():
    with CountingServer("127.0.0.1") as allowed:
        resolve = ResolveMap([f"{HOST}=127.0.0.1:{allowed.port}"])
        with BrowserProxy(resolve, only_mapped=False, domains=["contohkab.go.id"]) as proxy:
            home = _through(proxy, b"CONNECT update.googleapis.com:443 HTTP/1.1\r\n\r\n")  # Chromium calling home
            ours = _through(proxy, f"GET http://{HOST}/ HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            refused = [kind for _, kind, _ in proxy.stats.refused]
    assert home.startswith(b"HTTP/1.1 403") and refused == ["offsite"]
    assert b"Persyaratan" in ours


def test_the_proxy_cuts_an_answer_above_its_size_cap_and_counts_it():
    with CountingServer("127.0.0.1") as allowed:
        with BrowserProxy(ResolveMap([f"{HOST}=127.0.0.1:{allowed.port}"]), only_mapped=True, max_bytes=100) as proxy:
            answer = _through(proxy, f"GET http://{HOST}/ HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            stats = proxy.stats
    assert allowed.hits == ["/"]
    assert len(answer) <= 100 and b"Persyaratan" not in answer
    assert stats.connections == 1 and stats.bytes_down > 100
