import pytest

from crawler.addresses import ResolveMap, ResolveSpecError, is_forbidden_address, parse_resolve_spec


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1",
     "0.0.0.0", "224.0.0.1", "::ffff:127.0.0.1", "not-an-ip"],
)
def test_internal_addresses_are_forbidden(address):
    assert is_forbidden_address(address)


@pytest.mark.parametrize("address", ["103.20.1.5", "8.8.8.8", "2001:4860:4860::8888"])
def test_public_addresses_are_allowed(address):
    assert not is_forbidden_address(address)


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
