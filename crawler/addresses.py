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


# Networks no public website lives on, from IANA's special-purpose registries ("Globally Reachable: False",
# plus multicast and the deprecated ranges). `ipaddress.is_global` says the same only on recent Pythons (3.11.7
# calls 192.0.0.0/24 and fec0::/10 global), so the verdict must not rest on it alone.
_NOT_GLOBAL = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "2001::/23", "2001:db8::/32", "3fff::/20",
))
# Every public IPv6 host is in 2000::/3; the rest is loopback, unique-local (fc00::/7), link-local, site-local
# (fec0::/10), multicast, IPv4-compatible (::/96), the NAT64 local-use prefix 64:ff9b:1::/48, or unassigned.
_IPV6_UNICAST = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known prefix: the IPv4 address is the last 32 bits


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address carries, and the form's name."""
    if ip.ipv4_mapped:
        return "IPv4-mapped", ip.ipv4_mapped
    if ip.sixtofour:
        return "6to4", ip.sixtofour
    if ip.teredo:
        return "Teredo", ip.teredo[1]
    if ip in _NAT64:
        return "NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _not_global(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if ip.version == 6 and ip not in _IPV6_UNICAST:
        return True
    return not ip.is_global or ip.is_multicast or any(ip in net for net in _NOT_GLOBAL if net.version == ip.version)


def forbidden_reason(address: str) -> str | None:
    """Why pantau must not connect to ADDRESS, or None for a globally routable address.

    Everything that is not globally routable is refused: private, loopback, link-local, CGNAT (100.64.0.0/10, where
    cloud metadata services such as 100.100.100.200 live), documentation, site-local, multicast, reserved. IPv6
    forms that carry an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64) are judged by that address too, so
    2002:7f00:1:: (6to4 for 127.0.0.1) is refused like 127.0.0.1. Teredo (2001::/32) and the NAT64 local-use
    prefix (64:ff9b:1::/48, whose layout only its operator knows) are not globally routable themselves.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"  # refuse rather than guess
    if ip.version == 6:
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            form, inner = embedded
            if _not_global(inner):
                return f"{form} form of {inner}, which is not globally routable"
            if form != "Teredo":
                return None  # the IPv6 form only reaches a public IPv4 host
    if _not_global(ip):
        return "not globally routable"
    return None


def is_forbidden_address(address: str) -> bool:
    """True for addresses no public website lives on (see `forbidden_reason`)."""
    return forbidden_reason(address) is not None


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
