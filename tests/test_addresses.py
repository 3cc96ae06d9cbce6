import pytest

from crawler.addresses import ResolveMap, ResolveSpecError, forbidden_reason, is_forbidden_address, parse_resolve_spec

# address → refused? Only computation: nothing here is sent anywhere.
ADDRESS_VERDICTS = [
    # globally routable: allowed
    ("103.20.1.5", False), ("8.8.8.8", False), ("2001:4860:4860::8888", False), ("2620:4f:8000::1", False),
    ("::ffff:8.8.8.8", False),  # IPv4-mapped public address
    ("2002:808:808::1", False),  # 6to4 of a public address
    ("64:ff9b::808:808", False),  # NAT64 well-known prefix, public IPv4 inside
    # IPv4 that is not globally routable
    ("127.0.0.1", True), ("127.0.0.2", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("0.0.0.0", True), ("0.1.2.3", True), ("224.0.0.1", True),
    ("255.255.255.255", True), ("240.0.0.1", True),
    ("100.64.0.1", True), ("100.127.255.254", True),  # CGNAT
    ("100.100.100.200", True),  # a cloud metadata address (in CGNAT)
    ("192.0.0.8", True), ("192.0.2.1", True), ("198.18.0.1", True), ("198.51.100.7", True), ("203.0.113.9", True),
    ("192.88.99.1", True),
    # IPv6 that is not globally routable
    ("::1", True), ("::", True), ("fe80::1", True), ("fe80::1%eth0", True), ("fd00::1", True),
    ("fd00:ec2::254", True), ("fec0::1", True), ("ff02::1", True), ("ff0e::1", True), ("2001:db8::1", True),
    ("100::1", True), ("4000::1", True), ("::7f00:1", True),  # IPv4-compatible ::127.0.0.1
    # IPv6 forms that carry a forbidden IPv4 address
    ("::ffff:127.0.0.1", True), ("::ffff:10.0.0.1", True), ("::ffff:100.100.100.200", True),
    ("2002:7f00:1::", True), ("2002:7f00:1::1", True), ("2002:a9fe:a9fe::", True),  # 6to4 of 127.0.0.1, 169.254…
    ("2002:6464:64c8::1", True),  # 6to4 of 100.100.100.200
    ("64:ff9b::7f00:1", True), ("64:ff9b::a00:1", True),  # NAT64 of 127.0.0.1, 10.0.0.1
    ("64:ff9b:1::7f00:1", True), ("64:ff9b:1::808:808", True),  # NAT64 local-use prefix: not global itself
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", True),  # Teredo
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", True),  # Teredo whose client is 127.0.0.1
    # not an address at all
    ("not-an-ip", True), ("", True), ("127.0.0.1:80", True),
]


@pytest.mark.parametrize(("address", "refused"), ADDRESS_VERDICTS)
def test_address_verdicts(address, refused):
    assert is_forbidden_address(address) is refused


def test_refusal_names_the_ipv4_address_inside_an_ipv6_form():
    assert forbidden_reason("2002:7f00:1::") == "6to4 form of 127.0.0.1, which is not globally routable"
    assert "NAT64 form of 10.0.0.1" in forbidden_reason("64:ff9b::a00:1")
    assert forbidden_reason("8.8.8.8") is None


def test_resolver_refuses_a_host_whose_dns_answer_is_a_6to4_loopback():
    """The resolver passes on only allowed addresses, and records why it dropped one (DNS answer faked: no traffic)."""
    from twisted.internet.address import IPv6Address

    from crawler.resolver import REFUSALS, GuardedResolver

    class FakeDns:
        def resolveHostName(self, receiver, hostName, portNumber=0, addressTypes=None, transportSemantics="TCP"):
            receiver.resolutionBegan(None)
            receiver.addressResolved(IPv6Address("TCP", "2002:7f00:1::", portNumber))
            receiver.addressResolved(IPv6Address("TCP", "2001:4860:4860::8888", portNumber))
            receiver.resolutionComplete()

    class Receiver:
        def __init__(self):
            self.addresses = []

        def resolutionBegan(self, resolution):
            pass

        def addressResolved(self, address):
            self.addresses.append(address.host)

        def resolutionComplete(self):
            pass

    resolver = GuardedResolver(reactor=None, resolve_map=ResolveMap(), only_mapped=False)
    resolver.original = FakeDns()
    receiver = Receiver()
    resolver.resolveHostName(receiver, "rebind.contohkab.go.id", 80)
    assert receiver.addresses == ["2001:4860:4860::8888"]
    assert REFUSALS["rebind.contohkab.go.id"] == (
        "forbidden_address: resolves to 2002:7f00:1:: (6to4 form of 127.0.0.1, which is not globally routable)")


def test_resolve_spec_any_port_and_specific_port():
    key, target = parse_resolve_spec("DinSos.Example.go.id.=127.0.0.1:8123")
    assert key == ("dinsos.example.go.id", None)
    assert (target.address, target.port) == ("127.0.0.1", 8123)
    key, target = parse_resolve_spec("a.go.id:443=127.0.0.1:8443")
    assert key == ("a.go.id", 443)


@pytest.mark.parametrize(
    "spec", ["a.go.id", "a.go.id=127.0.0.1", "a.go.id=localhost:80", "=127.0.0.1:80", "a.go.id=127.0.0.1:99999",
             "a.go.id=127.0.0.1:http"],
)
def test_bad_resolve_specs_are_clear_errors(spec):
    with pytest.raises(ResolveSpecError, match="--resolve"):
        parse_resolve_spec(spec)


def test_resolve_map_prefers_port_specific_entry_and_round_trips():
    m = ResolveMap(["a.go.id=127.0.0.1:8000", "a.go.id:443=127.0.0.1:8443"])
    assert m.lookup("A.go.id", 443).port == 8443
    assert m.lookup("a.go.id", 80).port == 8000
    assert m.lookup("b.go.id", 80) is None
    assert sorted(ResolveMap(m.specs()).specs()) == sorted(m.specs())
