"""Shared test helpers: run the real CLI in a subprocess, and a server that counts every request it gets."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading

import sqlite_utils


def run_pantau(*args: str, timeout: float = 180, cwd=None) -> subprocess.CompletedProcess:
    """Run `pantau ARGS…` as a user would, bounded in time."""
    return subprocess.run(
        [sys.executable, "-m", "pantau.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd,
    )


def rows(db_path, table: str, where: str | None = None, params=None) -> list[dict]:
    db = sqlite_utils.Database(db_path)
    return list(db[table].rows_where(where, params or []))


def _one_page(host: str, path: str) -> tuple[int, str, bytes]:
    return 200, "text/html", b"<html><body><h1>Persyaratan</h1><ul><li>KTP</li></ul></body></html>"


class LoopbackServer:
    """A threaded HTTP server for a test, on ADDRESS (a loopback address) and a free port, serving HANDLER:
    `with Sub(...) as server:` starts it, leaving the block stops it and waits for its thread (bounded)."""

    def _serve(self, handler, address: str = "127.0.0.1") -> None:
        self.server = http.server.ThreadingHTTPServer((address, 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class CountingServer(LoopbackServer):
    """An HTTP server on ADDRESS that counts requests (to prove none came). It answers 200 and one page to
    everything, or what ANSWER(host, path) returns: (status, content type, body), or with a fourth item, a dict of
    more headers (a redirect's Location)."""

    def __init__(self, address: str = "127.0.0.1", answer=_one_page):
        self.address = address
        self.hits: list[str] = []
        self.host_hits: list[tuple[str, str]] = []  # (Host header without port, path)
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
                outer.hits.append(self.path)
                outer.host_hits.append((host, self.path))
                status, ctype, body, *more = answer(host, self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for name, value in (more[0] if more else {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._serve(Handler, address)


class RedisServer:
    """Debian's redis-server on 127.0.0.1 and a free port, for the test that starts it; nothing persisted."""

    def __init__(self, *args: str, tls: bool = False, **client):
        """ARGS: more redis-server options (e.g. --requirepass); TLS: serve TLS only (args name the certificate
        files), at a rediss:// URL; CLIENT: what the readiness check's client needs (password, ssl_ca_certs)."""
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"{'rediss' if tls else 'redis'}://127.0.0.1:{self.port}/0"
        ports = ["--port", "0", "--tls-port", str(self.port)] if tls else ["--port", str(self.port)]
        self.args, self.client = [*ports, *args], client
        self.proc = None

    def __enter__(self):
        import shutil
        import time

        import redis

        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed (./dev setup installs it)")
        self.proc = subprocess.Popen([exe, *self.args, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        conn = redis.Redis.from_url(self.url, socket_timeout=1, **self.client)
        for _ in range(100):  # bounded: 10 s
            try:
                if conn.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("redis-server did not start")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def fixture_texts() -> list[str]:
    """Lines of the synthetic fixture pages and the real tuning texts (what the extraction shortcuts are asked
    about; each file's first 400 lines)."""
    from pathlib import Path

    root = Path(__file__).parent / "fixtures"
    texts: list[str] = []
    for path in sorted([*(root / "pages").glob("*.html"), *(root / "real" / "tuning").glob("*.txt")]):
        texts.extend(line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:400]
                     if line.strip())
    return texts


def requests_by_contact_plainly(norm: str) -> bool:
    """prose._may_request_by_contact written as plain searches of every phrase list (no may_match): the reference
    its shortcut is held to."""
    from extractors import prose

    contact = prose._contact_request()
    return any(contact[k].search(norm) is not None for k in ("verbs", "access_verbs", "web_access_verbs")) and (
        any(c.isdigit() for c in norm) or contact["channels"].search(norm) is not None
        or prose._WEB_WORDS.search(norm) is not None)


def assert_memo_is_the_computation(monkeypatch, memo, ask, compute, texts: list[str], too_long: str) -> list:
    """A reader remembered in a VocabularyMemo gives what it computes: first computed and remembered, then
    remembered; a text longer than the memo keeps (too_long, one of texts) is not remembered; with room for three
    entries it still answers right and stays bounded. Returns the computed answers."""
    memo.answers.clear()
    computed = [compute(t) for t in texts]
    for _ in range(2):  # first computed and remembered, then remembered
        assert [ask(t) for t in texts] == computed
    assert all(len(t) <= memo.chars for t in memo.answers)
    assert too_long in texts and too_long not in memo.answers  # longer than the memo keeps: computed each time
    monkeypatch.setattr(memo, "entries", 3)
    memo.answers.clear()
    for t in texts[:40]:
        assert ask(t) == compute(t)
        assert len(memo.answers) <= 3
    return computed


def extract_both(text: str, url: str):
    """The extraction of `text` read as a .txt page and as simple HTML (one <p> per line): both must agree."""
    from extractors import build_page, extract
    from pantau.evaluate import wrap_as_html

    return (extract(build_page(url, text.encode("utf-8"), "text/plain")),
            extract(build_page(url, wrap_as_html(text), "text/html")))
