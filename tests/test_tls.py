"""Certificate problems become site issues: expired, self-signed, and a certificate for another host."""

from OpenSSL import crypto

from crawler.tls import certificate_issues
from tests.sites.faultsite import make_expired_certificate


def test_expired_self_signed_certificate_for_another_host():
    cert_pem, _key = make_expired_certificate(["other.ujikab.go.id"])
    cert = crypto.load_certificate(crypto.FILETYPE_PEM, cert_pem)
    kinds = {kind for kind, _ in certificate_issues(cert, "faults.ujikab.go.id")}
    assert kinds == {"tls_expired", "tls_self_signed", "tls_wrong_host"}
    assert {k for k, _ in certificate_issues(cert, "other.ujikab.go.id")} == {"tls_expired", "tls_self_signed"}


def test_no_certificate_no_issue():
    assert certificate_issues(None, "a.go.id") == []
