"""Certificate problems of a site, read from the certificate an https response came with.

pantau audits a site with a bad certificate anyway (many pemda sites have one, and their standards still
count), but records the problem as an issue about the site.
"""

from __future__ import annotations

from datetime import datetime, timezone


def certificate_issues(certificate, hostname: str) -> list[tuple[str, str]]:
    """[(kind, detail)] for an expired, not-yet-valid, self-signed or wrong-host certificate."""
    if certificate is None:
        return []
    x509 = getattr(certificate, "original", certificate)
    issues = []
    try:
        not_after = _parse(x509.get_notAfter())
        not_before = _parse(x509.get_notBefore())
        now = datetime.now(timezone.utc)
        if not_after and not_after < now:
            issues.append(("tls_expired", f"certificate expired on {not_after.date().isoformat()}"))
        if not_before and not_before > now:
            issues.append(("tls_not_yet_valid", f"certificate valid only from {not_before.date().isoformat()}"))
        subject, issuer = x509.get_subject(), x509.get_issuer()
        if subject.der() == issuer.der():
            issues.append(("tls_self_signed", f"self-signed certificate for {subject.commonName}"))
        names = _names(x509)
        if names and not any(_host_matches(hostname, n) for n in names):
            issues.append(("tls_wrong_host", f"certificate is for {', '.join(sorted(names))}, not {hostname}"))
    except Exception as exc:  # an unreadable certificate is itself worth reporting
        issues.append(("tls_unreadable", f"{type(exc).__name__}: {exc}"))
    return issues


def _parse(stamp: bytes | None) -> datetime | None:
    if not stamp:
        return None
    return datetime.strptime(stamp.decode("ascii"), "%Y%m%d%H%M%SZ").replace(tzinfo=timezone.utc)


def _names(x509) -> set[str]:
    from cryptography import x509 as cx

    cert = x509.to_cryptography()
    try:
        names = set(cert.extensions.get_extension_for_class(cx.SubjectAlternativeName).value
                    .get_values_for_type(cx.DNSName))
    except cx.ExtensionNotFound:
        names = set()
    if not names and x509.get_subject().commonName:
        names.add(x509.get_subject().commonName)
    return {n.lower() for n in names}


def _host_matches(host: str, pattern: str) -> bool:
    host = host.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and host.count(".") == pattern.count(".")
    return host == pattern
