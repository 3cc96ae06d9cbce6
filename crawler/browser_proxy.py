"""A forward proxy inside pantau that every browser connection goes through, so Chromium never picks an address.

Chromium is launched with `--proxy-server` pointing here, loopback included (`<-loopback>`), and resolves no
name itself. Every request it makes — a page, a sub-resource, each hop of a redirect, a CONNECT tunnel for
https — reaches this proxy as a request of its own, whose host is resolved as the crawler resolves
(crawler/resolver.py): the `--resolve` map first; otherwise DNS, dropping forbidden addresses. The proxy then
connects to the address it checked; nothing is looked up twice, so DNS rebinding has no second look-up to win.
Hosts outside the crawl's domains are refused before any look-up (this also silences Chromium's own calls
home), and so are WebSocket upgrades and tunnels that do not start a TLS handshake (`ws://` uses CONNECT).

It runs on its own thread and event loop, bound to 127.0.0.1 on a free port, for as long as the browser lives;
connections, bytes and per-connection size are bounded and counted.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.addresses import ResolveMap, is_forbidden_address, normalise_host

logger = logging.getLogger(__name__)

MAX_HEAD = 64 * 1024  # request line and headers
IDLE_TIMEOUT = 30.0  # seconds without a byte before a connection is dropped
CONNECT_TIMEOUT = 15.0
MAX_CONNECTIONS = 64  # at a time; a page opening more waits on Chromium's side, not here
TLS_RECORD_HANDSHAKE = 0x16
MAX_CONNECT_FAILURES = 1000  # hosts remembered (a crawl's sites are far fewer)
_DROPPED_HEADERS = {b"proxy-connection", b"proxy-authorization", b"connection", b"keep-alive"}


class Refused(Exception):
    """A connection the guard will not make: KIND (as the crawler's error kinds) and why."""

    def __init__(self, kind: str, detail: str, host: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail, self.host = kind, detail, host


@dataclass
class ProxyStats:
    connections: int = 0
    bytes_down: int = 0  # from servers to the browser
    bytes_up: int = 0
    refused: deque = field(default_factory=lambda: deque(maxlen=200))  # (host, kind, detail), the latest


async def checked_addresses(host: str, port: int, resolve: ResolveMap, only_mapped: bool) -> list[tuple[str, int]]:
    """Where HOST:PORT may be reached: the map's target, or the host's allowed DNS addresses; else Refused."""
    host = normalise_host(host)
    target = resolve.lookup(host, port)
    if target is not None:
        return [(target.address, target.port)]
    if only_mapped:
        raise Refused("not_in_resolve_map", f"{host} is not in the --resolve map", host)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise Refused("dns", f"{host}: {exc}", host) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    allowed = [a for a in addresses if not is_forbidden_address(a)]
    if not allowed:
        raise Refused("forbidden_address", f"{host} resolves to {', '.join(addresses) or 'nothing'}", host)
    return [(a, port) for a in allowed]


def _split_host_port(authority: str, default_port: int) -> tuple[str, int]:
    parts = urlsplit("//" + authority)
    return parts.hostname or "", parts.port or default_port  # .port raises ValueError when out of range


class BrowserProxy:
    """The proxy for one browser: `start()` returns its "127.0.0.1:PORT", `stop()` ends it and its connections."""

    def __init__(self, resolve: ResolveMap, only_mapped: bool, domains=None, max_bytes: int = 0):
        self.resolve = resolve
        self.only_mapped = only_mapped
        self.domains = None if domains is None else tuple(normalise_host(d) for d in domains)  # None: any host
        self.max_bytes = max_bytes  # per response or tunnel, server to browser (0 = no cap)
        self.stats = ProxyStats()
        self.address: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._tasks: set[asyncio.Task] = set()
        # host -> why the last connection to it failed (cleared when one succeeds): Chromium only sees the proxy
        # close an empty connection, so the crawler asks here what became of a page it could not load.
        self._connect_failures: dict[str, Exception] = {}

    # -- life cycle ------------------------------------------------------------------------------------

    def start(self) -> str:
        loop = self._loop = asyncio.new_event_loop()
        started = threading.Event()
        server_box: list = []

        def run():
            asyncio.set_event_loop(loop)
            server = loop.run_until_complete(asyncio.start_server(self._accept, "127.0.0.1", 0, limit=MAX_HEAD))
            server_box.append(server)
            started.set()
            loop.run_forever()
            server.close()
            for task in list(self._tasks):
                task.cancel()
            loop.run_until_complete(asyncio.gather(*self._tasks, return_exceptions=True))
            loop.close()

        self._thread = threading.Thread(target=run, name="pantau-browser-proxy", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("pantau's browser proxy did not start")
        self.address = "127.0.0.1:%d" % server_box[0].sockets[0].getsockname()[1]
        return self.address

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        self._thread = None

    def __enter__(self) -> "BrowserProxy":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- one connection from the browser ---------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            if len(self._tasks) > MAX_CONNECTIONS:
                await self._answer(writer, 503, "too many connections")
                return
            self.stats.connections += 1
            await self._handle(reader, writer)
        except Refused as refusal:
            self._refuse(refusal)
            await self._answer(writer, 403, f"pantau refused this connection ({refusal.kind})")
        except (OSError, EOFError, ValueError, TimeoutError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError):
            pass  # a dropped or malformed connection ends here; the browser sees it fail
        finally:
            writer.close()
            self._tasks.discard(task)

    async def _handle(self, reader, writer) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_TIMEOUT)
        request_line, *header_lines = head[:-4].split(b"\r\n")
        method, target, version = request_line.split(b" ")
        if method == b"CONNECT":
            host, port = _split_host_port(target.decode("ascii"), 443)
            server_reader, server_writer = await self._connect(host, port)
            writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            first = await asyncio.wait_for(reader.read(65536), IDLE_TIMEOUT)
            if not first or first[0] != TLS_RECORD_HANDSHAKE:
                server_writer.close()  # plain text in a tunnel: a ws:// WebSocket, never a page
                self._refuse(Refused("websocket", "plain-text tunnel (ws://) refused", host))
                return
            server_writer.write(first)
            self.stats.bytes_up += len(first)
        else:
            parts = urlsplit(target.decode("ascii"))
            if parts.scheme != "http" or not parts.hostname:
                raise Refused("unsupported_scheme", f"{target[:100]!r} is not an absolute http:// URL",
                              parts.hostname or "")
            headers = [line for line in header_lines if line.split(b":", 1)[0].strip().lower() not in _DROPPED_HEADERS]
            if any(line.split(b":", 1)[0].strip().lower() == b"upgrade" for line in headers):
                raise Refused("websocket", f"upgrade to {parts.hostname} refused", parts.hostname)
            server_reader, server_writer = await self._connect(parts.hostname, parts.port or 80)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            # One request per connection: the next one (a redirect's target too) is checked afresh.
            server_writer.write(b"\r\n".join([b"%s %s %s" % (method, path.encode("ascii"), version), *headers,
                                              b"Connection: close", b"", b""]))
        await self._relay(reader, writer, server_reader, server_writer)

    async def _connect(self, host: str, port: int):
        name = normalise_host(host)
        if self.domains is not None and not any(name == d or name.endswith("." + d) for d in self.domains):
            raise Refused("offsite", f"{name} is outside the crawl's domains", name)
        addresses = await checked_addresses(host, port, self.resolve, self.only_mapped)
        error: Exception | None = None
        for address, target_port in addresses:  # connect to the checked address itself: no second look-up
            try:
                connection = await asyncio.wait_for(asyncio.open_connection(address, target_port), CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                error = exc
            else:
                self._connect_failures.pop(name, None)
                return connection
        if name in self._connect_failures or len(self._connect_failures) < MAX_CONNECT_FAILURES:
            self._connect_failures[name] = error
        raise OSError(f"could not connect to {host}:{port}: {error}")

    def connect_failure(self, host: str) -> Exception | None:
        """Why the proxy's last connection to HOST failed (ConnectionRefusedError, TimeoutError…), or None if the
        last one succeeded or none was tried."""
        return self._connect_failures.get(normalise_host(host))

    async def _relay(self, reader, writer, server_reader, server_writer) -> None:
        up = asyncio.create_task(self._pipe(reader, server_writer, "bytes_up", 0))
        try:
            await self._pipe(server_reader, writer, "bytes_down", self.max_bytes)
        finally:
            up.cancel()  # the server is done (or gone): the browser's side ends with it
            await asyncio.gather(up, return_exceptions=True)
            server_writer.close()

    async def _pipe(self, source, sink, counter: str, limit: int) -> None:
        total = 0
        while True:
            data = await asyncio.wait_for(source.read(65536), IDLE_TIMEOUT)
            if not data:
                if sink.can_write_eof():
                    sink.write_eof()
                return
            total += len(data)
            setattr(self.stats, counter, getattr(self.stats, counter) + len(data))
            if limit and total > limit:
                logger.warning("pantau's browser proxy cut a response above %d bytes", limit)
                return
            sink.write(data)
            await sink.drain()

    def _refuse(self, refusal: Refused) -> None:
        # Off-site refusals are routine (Chromium's own background calls); the others are worth a look.
        level = logging.INFO if refusal.kind == "offsite" else logging.WARNING
        logger.log(level, "pantau refused a browser connection to %s: %s", refusal.host, refusal)
        self.stats.refused.append((normalise_host(refusal.host), refusal.kind, refusal.detail))

    @staticmethod
    async def _answer(writer, status: int, text: str) -> None:
        body = text.encode() + b"\n"
        writer.write(b"HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
                     % (status, b"Forbidden" if status == 403 else b"Service Unavailable", len(body), body))
        try:
            await asyncio.wait_for(writer.drain(), 5)
        except (OSError, TimeoutError):
            pass
