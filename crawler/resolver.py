"""A Twisted host-name resolver that applies the `--resolve` map and refuses forbidden addresses.

Scrapy installs it on the reactor through the TWISTED_DNS_RESOLVER setting. Twisted's HostnameEndpoint asks
the resolver for addresses *with their port*, so the map can send `dinsos.example.go.id:80` to
`127.0.0.1:8123` while the URL, the Host header and TLS SNI keep the real hostname.

Settings read:
- PANTAU_RESOLVE: list of "HOST=ADDR:PORT" strings.
- PANTAU_RESOLVE_ONLY: when true, hosts outside the map are refused without any DNS look-up (tests, demo).
  Defaults to true whenever PANTAU_RESOLVE is non-empty, so a bug cannot leak traffic to real hosts.
"""

from __future__ import annotations

import logging

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution, IResolutionReceiver
from zope.interface import implementer

from crawler.addresses import ResolveMap, forbidden_reason, normalise_host
from crawler.error_kinds import FORBIDDEN_ADDRESS, NOT_IN_RESOLVE_MAP

logger = logging.getLogger(__name__)

# Hosts this process refused to connect to, and why; the spider reads it to record a clear error kind
# (the connection itself only sees "no address"). One resolver serves the whole process, hence module level.
REFUSALS: dict[str, str] = {}


def resolve_only(settings) -> bool:
    explicit = settings.get("PANTAU_RESOLVE_ONLY")
    if explicit is None:
        return bool(settings.getlist("PANTAU_RESOLVE"))
    return settings.getbool("PANTAU_RESOLVE_ONLY")


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str):
        self.name = name

    def cancel(self) -> None:  # resolution here is synchronous: nothing to cancel
        pass


def _address(address: str, port: int):
    return IPv6Address("TCP", address, port) if ":" in address else IPv4Address("TCP", address, port)


@implementer(IResolutionReceiver)
class _GuardingReceiver:
    """Passes on only the resolved addresses that are allowed."""

    def __init__(self, receiver, host_name: str):
        self._receiver = receiver
        self._host_name = host_name

    def resolutionBegan(self, resolution):
        self._receiver.resolutionBegan(resolution)

    def addressResolved(self, address):
        reason = forbidden_reason(address.host)
        if reason is not None:
            logger.warning("pantau refused %s: it resolves to %s (%s)", self._host_name, address.host, reason)
            REFUSALS[normalise_host(self._host_name)] = f"{FORBIDDEN_ADDRESS}: resolves to {address.host} ({reason})"
            return
        self._receiver.addressResolved(address)

    def resolutionComplete(self):
        self._receiver.resolutionComplete()


@implementer(IHostnameResolver)
class GuardedResolver:
    def __init__(self, reactor, resolve_map: ResolveMap, only_mapped: bool):
        self.reactor = reactor
        self.resolve_map = resolve_map
        self.only_mapped = only_mapped
        self.original = None

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        return cls(reactor, ResolveMap(settings.getlist("PANTAU_RESOLVE")), resolve_only(settings))

    def install_on_reactor(self):
        self.original = self.reactor.nameResolver
        self.reactor.installNameResolver(self)

    def resolveHostName(self, resolutionReceiver, hostName, portNumber=0, addressTypes=None, transportSemantics="TCP"):
        host = normalise_host(hostName)
        target = self.resolve_map.lookup(host, portNumber or None)
        resolution = _Resolution(hostName)
        if target is not None:
            resolutionReceiver.resolutionBegan(resolution)
            resolutionReceiver.addressResolved(_address(target.address, target.port))
            resolutionReceiver.resolutionComplete()
            return resolution
        if self.only_mapped:
            # No look-up at all: the receiver sees no address and the connection fails as unresolvable.
            logger.warning("pantau refused %s: not in the --resolve map", hostName)
            REFUSALS[host] = f"{NOT_IN_RESOLVE_MAP}: hosts outside the --resolve map are refused"
            resolutionReceiver.resolutionBegan(resolution)
            resolutionReceiver.resolutionComplete()
            return resolution
        return self.original.resolveHostName(
            _GuardingReceiver(resolutionReceiver, hostName), hostName, portNumber, addressTypes, transportSemantics
        )
