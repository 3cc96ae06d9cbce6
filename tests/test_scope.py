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
