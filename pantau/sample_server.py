"""A small HTTP/1.1 server for the bundled sample pemda site: one directory per hostname, chosen by Host.

    with SampleSite() as site:                    # port 0: a free port is picked
        site.resolve_map()                        # {"disdukcapil.lampungtimurkab.go.id": "127.0.0.1:PORT", ...}
        ...crawl http://lampungtimurkab.go.id/ with those addresses...
        site.requests_log                         # [(host, path, status), ...]

    python -m pantau.sample_server [--port 8000]  # serve in the foreground, print the resolve map

Behaviour (what the crawler and its tests rely on):
- the Host header picks `root/<host>/` (port stripped, lowercased, trailing dot dropped); `www.X` falls back
  to `root/X/` when there is no `www.X` directory; any other host gets 404 "no such site";
- a directory is served by its `index.html`; a directory without a trailing slash redirects (301) to it;
- a missing file gets the host's own `404.html` (a themed page) with status 404;
- GET and HEAD; other methods 405. Content-Type by extension; Last-Modified (file mtime) and a content-hash
  ETag; 304 on a matching If-None-Match, or else on If-Modified-Since not older than the file;
- `..` segments, backslashes, NUL bytes and symlinks leading out of the host directory are refused (400/403).
"""

from __future__ import annotations

import argparse
import hashlib
import socket
import socketserver
import sys
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pantau.sample_site import HOSTS_DIR

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
}
DEFAULT_TYPE = "application/octet-stream"

NO_SUCH_SITE = b"no such site\n"
GENERIC_404 = (b"<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>"
               b"<body><h1>Not Found</h1><p>Halaman yang diminta tidak ditemukan di server ini.</p></body></html>\n")


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), DEFAULT_TYPE)


def normalise_host_header(value: str | None) -> str:
    """`Disdukcapil.Example.go.id:8080` -> `disdukcapil.example.go.id`; `[::1]:80` -> `::1`."""
    host = (value or "").strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address, handler):
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def server_bind(self):
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup: not wanted here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        """Ends idle keep-alive connections so their handler threads exit now rather than at their timeout."""
        with self._connections_lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache/2.4.62 (Debian)"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version
    timeout = 15  # seconds an idle keep-alive connection is kept open
    site: "SampleSite"  # set on the per-site subclass

    # -- logging: every response (ours and http.server's own errors) goes through log_request ------------

    def log_request(self, code="-", size="-"):
        try:
            status = int(code)
        except (TypeError, ValueError):
            status = 0
        headers = getattr(self, "headers", None)
        host = normalise_host_header(headers.get("Host")) if headers is not None else ""
        self.site._record(host, getattr(self, "path", ""), status)

    def log_message(self, format, *args):  # silence http.server's stderr logging
        pass

    # -- methods ------------------------------------------------------------------------------------------

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)

    def _not_allowed(self):
        self.close_connection = True  # the request body, if any, is not read
        self._send(405, b"method not allowed\n", "text/plain; charset=utf-8", head=False,
                   extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    # -- the work -----------------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, ctype: str, head: bool, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_found(self, site_dir: Path, head: bool):
        page = site_dir / "404.html"
        body = page.read_bytes() if page.is_file() else GENERIC_404
        self._send(404, body, "text/html; charset=utf-8", head)

    def _serve(self, head: bool):
        site_dir = self.site._site_dir(normalise_host_header(self.headers.get("Host")))
        if site_dir is None:
            self._send(404, NO_SUCH_SITE, "text/plain; charset=utf-8", head)
            return
        parts = urlsplit(self.path)
        raw_path = parts.path or "/"
        path = unquote(raw_path)
        segments = path.split("/")
        if not path.startswith("/") or "\\" in path or "\x00" in path or ".." in segments:
            self._send(400, b"bad request\n", "text/plain; charset=utf-8", head)
            return
        target = site_dir.joinpath(*[s for s in segments if s not in ("", ".")])
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            self._not_found(site_dir, head)
            return
        if not resolved.is_relative_to(site_dir):
            self._send(403, b"forbidden\n", "text/plain; charset=utf-8", head)
            return
        if resolved.is_dir():
            if not raw_path.endswith("/"):
                location = raw_path + "/" + (f"?{parts.query}" if parts.query else "")
                self._send(301, b"", "text/html; charset=utf-8", head, extra={"Location": location})
                return
            resolved = resolved / "index.html"
        if not resolved.is_file():
            self._not_found(site_dir, head)
            return
        try:
            body = resolved.read_bytes()
            mtime = int(resolved.stat().st_mtime)
        except OSError:
            self._not_found(site_dir, head)
            return
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        validators = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True)}
        if self._not_modified(etag, mtime):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self._send(200, body, content_type(resolved), head, extra=validators)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
            tags = [t.strip() for t in if_none_match.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return mtime <= since
        return False


class SampleSite:
    """Serves `root/<hostname>/…` (default: the bundled sample site) on address:port in a daemon thread."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0, *, echo: bool = False):
        self.root = Path(root).resolve() if root is not None else HOSTS_DIR
        self.address = host
        self.port = port
        self.echo = echo  # print every request to stderr (the foreground CLI)
        self._log: list[tuple[str, str, int]] = []
        self._log_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------------------

    def start(self) -> "SampleSite":
        if self._server is not None:
            raise RuntimeError("SampleSite is already running")
        if not self.root.is_dir():
            raise FileNotFoundError(f"no sample site at {self.root}")
        handler = type("SampleSiteHandler", (_Handler,), {"site": self})
        server_class = _Server
        if ":" in self.address:
            server_class = type("_Server6", (_Server,), {"address_family": socket.AF_INET6})
        self._server = server_class((self.address, self.port), handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"sample-site:{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout)

    def __enter__(self) -> "SampleSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- what is served -----------------------------------------------------------------------------------

    @property
    def hostnames(self) -> list[str]:
        """The host directories served (not counting the `www.` aliases)."""
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name)

    def resolve_map(self) -> dict[str, str]:
        """{hostname: "ADDR:PORT"} for every hostname served, including each bare host's `www.` alias."""
        address = f"[{self.address}]" if ":" in self.address else self.address
        target = f"{address}:{self.port}"
        names = self.hostnames
        out: dict[str, str] = {}
        for name in names:
            out[name] = target
            if not name.startswith("www.") and f"www.{name}" not in names:
                out[f"www.{name}"] = target
        return out

    def url(self, path: str = "/") -> str:
        """http://ADDR:PORT/path (send a Host header to pick the site)."""
        address = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{address}:{self.port}{path}"

    @property
    def requests_log(self) -> list[tuple[str, str, int]]:
        """(host, path as requested incl. query, status) of every request served so far: a copy."""
        with self._log_lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def _site_dir(self, host: str) -> Path | None:
        if not host or "/" in host or "\\" in host or host.startswith("."):
            return None
        candidate = self.root / host
        if candidate.is_dir():
            return candidate
        if host.startswith("www."):
            bare = self.root / host[4:]
            if host[4:] and bare.is_dir():
                return bare
        return None

    def _record(self, host: str, path: str, status: int) -> None:
        with self._log_lock:
            self._log.append((host, path, status))
        if self.echo:
            print(f"{status} {host}{path}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pantau.sample_server",
                                     description="Serve the bundled sample Kabupaten Lampung Timur site.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--root", type=Path, default=None, help="hosts directory (default: the bundled site)")
    parser.add_argument("--quiet", action="store_true", help="do not print each request")
    args = parser.parse_args(argv)
    site = SampleSite(args.root, host=args.host, port=args.port, echo=not args.quiet)
    with site:
        resolve = site.resolve_map()
        print(f"Serving {site.root} on {site.url()}  (Ctrl-C to stop)")
        for name, target in resolve.items():
            print(f"  {name} -> {target}")
        first = "disdukcapil.lampungtimurkab.go.id"
        print("\nTry:")
        print(f"  curl --resolve {first}:{site.port}:{site.address} http://{first}:{site.port}/")
        flags = " ".join(f"--resolve {name}={target}" for name, target in resolve.items())
        print(f"  pantau audit http://lampungtimurkab.go.id/ --delay 0 {flags}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nstopping", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
