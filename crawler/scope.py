"""What belongs to one pemda: its domain and every subdomain (OPD sites), nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.addresses import normalise_host


class TargetError(ValueError):
    """A TARGET that is neither a domain nor an http(s) URL."""


def pemda_domain(host: str) -> str:
    """The pemda's registrable domain: `dpmptsp.lampungtimurkab.go.id` -> `lampungtimurkab.go.id`.

    Indonesian government domains are `{name}.go.id`, so three labels are kept under .go.id; elsewhere
    (tests, legacy domains) the host without a leading `www.` is the scope.
    """
    host = normalise_host(host)
    labels = host.split(".")
    if host.endswith(".go.id") and len(labels) > 3:
        return ".".join(labels[-3:])
    return host[4:] if host.startswith("www.") else host


def parse_target(target: str) -> tuple[str, list[str]]:
    """TARGET (a domain or a start URL) -> (pemda domain, start URLs).

    A bare domain starts at https:// and falls back to http:// (the spider does that on failure).
    """
    target = target.strip()
    if not target:
        raise TargetError("empty TARGET: give a pemda domain (lampungtimurkab.go.id) or a start URL")
    if "://" in target:
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TargetError(f"{target!r}: only http:// and https:// URLs can be audited")
        return pemda_domain(parts.hostname), [target]
    if "/" in target or " " in target or "." not in target:
        raise TargetError(f"{target!r} is not a domain; give e.g. lampungtimurkab.go.id or https://…/")
    host = normalise_host(target)
    return pemda_domain(host), [f"https://{host}/"]


def in_scope(host: str | None, domain: str) -> bool:
    if not host:
        return False
    host = normalise_host(host)
    return host == domain or host.endswith("." + domain)
