"""Which network addresses pantau may connect to, and the `--resolve HOST=ADDR:PORT` map.

A public auditor must never be turned into a probe of internal networks (SSRF through a link or a redirect),
so every address a hostname resolves to is checked here, after DNS, on every connection.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass


class ResolveSpecError(ValueError):
    """A `--resolve` entry that cannot be parsed."""


@dataclass(frozen=True)
class Target:
    address: str
    port: int


def is_forbidden_address(address: str) -> bool:
    """True for addresses no public website lives on: private, loopback, link-local, multicast, reserved."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return True  # not an address at all: refuse rather than guess
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def normalise_host(host: str) -> str:
    return host.strip().lower().rstrip(".")


def parse_resolve_spec(spec: str) -> tuple[tuple[str, int | None], Target]:
    """Parse `HOST=ADDR:PORT` (any URL port) or `HOST:URLPORT=ADDR:PORT` (only that URL port)."""
    if "=" not in spec:
        raise ResolveSpecError(f"--resolve {spec!r}: expected HOST=ADDR:PORT, e.g. dinsos.example.go.id=127.0.0.1:8000")
    left, right = spec.split("=", 1)
    host, _, url_port = left.partition(":")
    host = normalise_host(host)
    if not host:
        raise ResolveSpecError(f"--resolve {spec!r}: missing HOST before '='")
    address, sep, port = right.rpartition(":")
    if not sep or not address:
        raise ResolveSpecError(f"--resolve {spec!r}: expected ADDR:PORT after '=' (e.g. 127.0.0.1:8000)")
    address = address.strip("[]")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        raise ResolveSpecError(f"--resolve {spec!r}: {address!r} is not an IP address") from None
    try:
        port_number = int(port)
        wanted = int(url_port) if url_port else None
    except ValueError:
        raise ResolveSpecError(f"--resolve {spec!r}: ports must be numbers") from None
    if not 0 < port_number < 65536:
        raise ResolveSpecError(f"--resolve {spec!r}: port {port_number} out of range")
    return (host, wanted), Target(address, port_number)


class ResolveMap:
    """Host (and optionally URL port) → local address:port, like curl's --resolve."""

    def __init__(self, specs: list[str] | dict[str, str] | None = None):
        self._map: dict[tuple[str, int | None], Target] = {}
        if isinstance(specs, dict):
            specs = [f"{h}={a}" for h, a in specs.items()]
        for spec in specs or []:
            key, target = parse_resolve_spec(spec)
            self._map[key] = target

    def __bool__(self) -> bool:
        return bool(self._map)

    def lookup(self, host: str, port: int | None = None) -> Target | None:
        host = normalise_host(host)
        return self._map.get((host, port)) or self._map.get((host, None))

    def hosts(self) -> set[str]:
        return {h for h, _ in self._map}

    def specs(self) -> list[str]:
        """Back to the `--resolve` strings (so settings can carry the map as plain data)."""
        out = []
        for (host, port), t in self._map.items():
            left = f"{host}:{port}" if port else host
            out.append(f"{left}={t.address}:{t.port}")
        return out
