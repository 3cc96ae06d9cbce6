import pytest

from crawler.scope import TargetError, in_scope, parse_target, pemda_domain


def test_opd_subdomains_belong_to_their_pemda():
    assert pemda_domain("dpmptsp.lampungtimurkab.go.id") == "lampungtimurkab.go.id"
    assert pemda_domain("www.lampungtimurkab.go.id") == "lampungtimurkab.go.id"
    assert pemda_domain("a.b.metrokota.go.id") == "metrokota.go.id"
    assert pemda_domain("www.example.org") == "example.org"


def test_targets_give_domain_and_start_urls():
    assert parse_target("lampungtimurkab.go.id") == ("lampungtimurkab.go.id", ["https://lampungtimurkab.go.id/"])
    assert parse_target("http://dinsos.metrokota.go.id/layanan") == ("metrokota.go.id", ["http://dinsos.metrokota.go.id/layanan"])


@pytest.mark.parametrize("target", ["", "ftp://x.go.id/", "not a domain", "localhost", "x.go.id/path"])
def test_bad_targets_are_rejected(target):
    with pytest.raises(TargetError):
        parse_target(target)


def test_scope_excludes_lookalikes():
    assert in_scope("dinsos.lampungtimurkab.go.id", "lampungtimurkab.go.id")
    assert in_scope("lampungtimurkab.go.id", "lampungtimurkab.go.id")
    assert not in_scope("evil-lampungtimurkab.go.id", "lampungtimurkab.go.id")
    assert not in_scope("lampungtimurkab.go.id.example.com", "lampungtimurkab.go.id")
    assert not in_scope("lapor.go.id", "lampungtimurkab.go.id")
    assert not in_scope(None, "lampungtimurkab.go.id")


def test_a_pemda_does_not_own_subdomains_the_registry_gives_to_another():
    from crawler.sites import Site, site_for_host
    from pantau.nightly import site_for_entry
    from pantau.registry import find, load_registry

    registry = load_registry()
    dki = find(registry, "jakarta.go.id")
    south = find(registry, "selatan.jakarta.go.id")
    assert dki is not None and south is not None and dki != south
    dki_site = site_for_entry(dki, registry=registry)
    assert any(d.endswith(".jakarta.go.id") for d in dki_site.exclude)
    assert not dki_site.owns("dukcapil." + south.domain) and dki_site.owns("dukcapil." + dki.domain)
    south_site = Site(south.domain, [south.domain], [])
    assert site_for_host([dki_site, south_site], "www." + south.domain) is south_site
