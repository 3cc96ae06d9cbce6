"""What browser tests of `pantau serve` share: the demo database (built once per session, with screenshots),
`pantau serve` started on it, and Debian chromium that cannot reach anything but 127.0.0.1.

Import the fixtures into a test module: `from tests.serve_fixtures import browser, demo_db, served  # noqa`.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from crawler.rendering import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import run_pantau

HOST = "127.0.0.1"
# Anything not on 127.0.0.1 goes to a closed port on loopback instead of the network, and no name resolves:
# the page's request is still recorded (and fails), so a test sees it without any traffic leaving the machine.
GUARD_ARGS = ["--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """`pantau demo --screenshots` into a fresh folder, once per test session."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run_pantau("demo", "--db", str(db), "--json", "--screenshots", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


@contextmanager
def serving(command: list[str], port: int, log_path: Path):
    """Run COMMAND, a Datasette on 127.0.0.1:PORT, until it answers; yields its base URL and stops it afterwards."""
    with open(log_path, "w+") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, f"the server exited: {log_path.read_text()}"
                try:
                    if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the server did not start in 60 s"
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def pantau_serve(db: Path, log_path: Path):
    """`pantau serve --db DB` on a free port, as a context manager yielding its base URL."""
    port = free_port()
    return serving([sys.executable, "-m", "pantau.cli", "serve", "--db", str(db), "--port", str(port)], port, log_path)


@pytest.fixture(scope="module")
def chromium():
    # module scope: Playwright's sync API keeps an event loop running in this thread while it is open, and a
    # later module's asyncio.run() would fail under it
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *GUARD_ARGS])
        try:
            yield browser
        finally:
            browser.close()


class RecordedPage:
    """A browser page that records every request it (or any frame in it) asks for."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self._requests = []
        self.context.on("request", lambda request: self._requests.append(request))

    @property
    def requests(self) -> list[str]:
        """Every URL asked for, including those the Content-Security-Policy stopped before any traffic."""
        return [request.url for request in self._requests]

    def off_loopback(self) -> list[str]:
        """Requests that went (or tried to go) anywhere but 127.0.0.1. Not counted: data:/blob:/about: URLs, and
        requests the page's Content-Security-Policy blocked inside the browser (failure "csp": nothing was sent)."""
        return [request.url for request in self._requests
                if urlsplit(request.url).scheme not in ("data", "blob", "about")
                and urlsplit(request.url).hostname != HOST and request.failure != "csp"]


@pytest.fixture
def browser(chromium):
    """A fresh page; the test fails if any page made a request off 127.0.0.1."""
    recorded = RecordedPage(chromium)
    try:
        yield recorded
        off = recorded.off_loopback()
        assert off == [], f"requests off 127.0.0.1: {off}"
    finally:
        recorded.context.close()


@pytest.fixture(scope="session")
def served(demo_db) -> str:
    """`pantau serve` over the demo database for the whole session: its base URL."""
    with pantau_serve(demo_db, demo_db.parent / "serve.log") as base:
        yield base
