"""The national registry of pemda (config/pemda.yaml): who is audited, under which domains.

    entries = load_registry()                        # every entry, validated
    select(entries, province="Lampung")              # a province's entries
    find(entries, "dpmptsp.lampungtimurkab.go.id")   # the entry owning a domain or subdomain

A bad entry is a `RegistryError` naming the file and the line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pantau.paths import config_file

LEVELS = ("provinsi", "kabupaten", "kota")
REQUIRED = ("id", "name", "level", "province", "domain")
OPTIONAL = ("verified", "domains", "start_urls", "opd_subdomains", "render_js", "max_pages", "notes")
_HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


class RegistryError(ValueError):
    """A registry file or entry that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class PemdaEntry:
    id: str
    name: str
    level: str
    province: str
    domain: str
    verified: bool = False
    domains: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    opd_subdomains: tuple[str, ...] = ()
    render_js: bool = False
    max_pages: int | None = None
    notes: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def all_domains(self) -> tuple[str, ...]:
        return (self.domain, *[d for d in self.domains if d != self.domain])


def _entries_with_lines(text: str, where: str) -> list[tuple[dict, int]]:
    """Parse YAML keeping each entry's starting line (from the node tree), so errors can point at it."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{where}: not valid YAML: {exc}") from None
    if isinstance(data, dict) and "pemda" in data:
        data = data["pemda"]
        root = next(v for k, v in root.value if k.value == "pemda")
    if not isinstance(data, list):
        raise RegistryError(f"{where}: expected a list of pemda entries")
    return [(entry, node.start_mark.line + 1) for entry, node in zip(data, root.value)]


def _entry(raw: object, where: str, line: int) -> PemdaEntry:
    at = f"{where}:{line}"
    if not isinstance(raw, dict):
        raise RegistryError(f"{at}: an entry must be a mapping of fields")
    unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise RegistryError(f"{at}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    missing = [k for k in REQUIRED if raw.get(k) in (None, "")]
    if missing:
        raise RegistryError(f"{at}: missing {', '.join(missing)}")
    if raw["level"] not in LEVELS:
        raise RegistryError(f"{at}: level {raw['level']!r} is not one of {', '.join(LEVELS)}")
    if "verified" in raw and not isinstance(raw["verified"], bool):
        raise RegistryError(f"{at}: verified must be true or false")
    domains = [str(raw["domain"]).lower(), *[str(d).lower() for d in raw.get("domains") or []]]
    for domain in domains:
        if not _HOSTNAME.match(domain):
            raise RegistryError(f"{at}: {domain!r} is not a hostname")
    for url in raw.get("start_urls") or []:
        if not str(url).startswith(("http://", "https://")):
            raise RegistryError(f"{at}: start URL {url!r} must start with http:// or https://")
    max_pages = raw.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise RegistryError(f"{at}: max_pages must be a positive whole number")
    return PemdaEntry(
        id=str(raw["id"]), name=str(raw["name"]), level=raw["level"], province=str(raw["province"]),
        domain=domains[0], verified=bool(raw.get("verified", False)), domains=tuple(domains[1:]),
        start_urls=tuple(raw.get("start_urls") or ()), opd_subdomains=tuple(raw.get("opd_subdomains") or ()),
        render_js=bool(raw.get("render_js", False)), max_pages=max_pages, notes=raw.get("notes"), line=line,
    )


def load_registry(path: str | Path | None = None) -> list[PemdaEntry]:
    path = Path(path) if path else config_file("pemda.yaml")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"cannot read registry {path}: {exc}") from None
    entries = [_entry(raw, str(path), line) for raw, line in _entries_with_lines(text, str(path))]
    seen_ids: dict[str, int] = {}
    seen_domains: dict[str, int] = {}
    for e in entries:
        if e.id in seen_ids:
            raise RegistryError(f"{path}:{e.line}: id {e.id} is already used on line {seen_ids[e.id]}")
        seen_ids[e.id] = e.line
        for d in e.all_domains:
            if d in seen_domains:
                raise RegistryError(f"{path}:{e.line}: domain {d} is already used on line {seen_domains[d]}")
            seen_domains[d] = e.line
    provinces = {e.province.lower() for e in entries if e.level == "provinsi"}
    for e in entries:
        if e.level != "provinsi" and provinces and e.province.lower() not in provinces:
            raise RegistryError(f"{path}:{e.line}: province {e.province!r} has no provinsi entry")
    return entries


def select(entries: list[PemdaEntry], province: str | None = None, level: str | None = None,
           ids: list[str] | None = None) -> list[PemdaEntry]:
    """Entries of a province (case-insensitive), a level, and/or given ids or domains."""
    out = entries
    if province:
        out = [e for e in out if e.province.lower() == province.lower()]
    if level:
        out = [e for e in out if e.level == level]
    if ids:
        wanted = {i.lower() for i in ids}
        out = [e for e in out if e.id.lower() in wanted or wanted & set(e.all_domains)]
    return out


def find(entries: list[PemdaEntry], domain_or_id: str) -> PemdaEntry | None:
    """The entry with this id, or whose domains include this host or a parent of it."""
    key = domain_or_id.lower().rstrip(".")
    for e in entries:
        if e.id == key or any(key == d or key.endswith("." + d) for d in e.all_domains):
            return e
    return None
