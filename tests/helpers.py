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


class CountingServer:
    """An HTTP server on ADDRESS that answers 200 to everything and counts requests (to prove none came)."""

    def __init__(self, address: str = "127.0.0.1"):
        self.address = address
        self.hits: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.hits.append(self.path)
                body = b"<html><body><h1>Persyaratan</h1><ul><li>KTP</li></ul></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((address, 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
