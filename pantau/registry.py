"""The national registry of pemda (config/pemda.yaml): who is audited, under which domains.

    entries = load_registry()                        # every entry, validated
    select(entries, province="Lampung")              # a province's entries (case-insensitive)
    find(entries, "dpmptsp.lampungtimurkab.go.id")   # the entry owning a domain, subdomain, URL or id

A bad entry is a `RegistryError` naming the file and the line the entry starts on. The format and how to
correct an entry are in docs/registry.md.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from crawler.public_suffix import is_public_suffix
from pantau_config import locate

LEVELS = ("provinsi", "kabupaten", "kota")
REQUIRED = ("id", "name", "level", "province", "domain")
OPTIONAL = ("verified", "evidence", "evidence_date", "domains", "start_urls", "opd_subdomains", "render_js",
            "max_pages", "notes")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{4,253}}$)(?:{_LABEL}\.)+[a-z]{{2,63}}$")
_SUBDOMAIN = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_ID = {"provinsi": re.compile(r"^\d{2}$"), "kabupaten": re.compile(r"^\d{2}\.\d{2}$"),
       "kota": re.compile(r"^\d{2}\.7\d$")}
_ID_HINT = {"provinsi": "two digits, e.g. \"18\"", "kabupaten": "province code, dot, two digits, e.g. \"18.07\"",
            "kota": "province code, dot, 7x, e.g. \"18.72\" (Kemendagri numbers kota from 71)"}
# PyYAML's C parser keeps node marks too and is several times faster on the full registry.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RegistryError(ValueError):
    """A registry file or entry that cannot be used; the message starts with `file:line:`."""


@dataclass(frozen=True)
class PemdaEntry:
    id: str  # Kemendagri code: "18" (provinsi), "18.07" (kabupaten), "18.72" (kota)
    name: str  # official name: "Provinsi Lampung", "Kabupaten Lampung Timur", "Kota Metro"
    level: str  # provinsi | kabupaten | kota
    province: str  # the province's name ("Lampung"), also on the provinsi entry itself
    domain: str  # main website domain
    verified: bool = False  # someone checked the live site (see notes for when and how)
    evidence: str | None = None  # a public page (stored copy) showing the domain is this pemda's
    evidence_date: str | None = None  # ISO date the evidence was checked, "2026-11-29"
    domains: tuple[str, ...] = ()  # further domains the pemda's sites live under
    start_urls: tuple[str, ...] = ()  # replace the default https://{domain}/ (+ OPD subdomains)
    opd_subdomains: tuple[str, ...] = ()  # e.g. ("dpmptsp", "disdukcapil"): also start at https://{sub}.{domain}/
    render_js: bool = False  # render every page in the browser
    max_pages: int | None = None  # page budget for this pemda (None: the run's default)
    notes: str | None = None
    line: int = field(default=0, compare=False)  # where the entry starts in its file

    @property
    def all_domains(self) -> tuple[str, ...]:
        """The main domain first, then the others."""
        return (self.domain, *[d for d in self.domains if d != self.domain])

    def owns(self, host: str) -> bool:
        """True if `host` is one of the entry's domains or a subdomain of one."""
        return _owning_domain(self, host) is not None


def load_registry(path: str | Path | None = None) -> list[PemdaEntry]:
    """Every entry of the registry file (default: config/pemda.yaml), validated, in file order."""
    path = Path(path) if path else locate("pemda.yaml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read registry {path}: {exc}") from None
    entries = [_entry(node, str(path)) for node in _entry_nodes(text, str(path))]
    _check_across(entries, str(path))
    return entries


def select(entries: list[PemdaEntry], province: str | None = None, level: str | None = None,
           ids: list[str] | None = None) -> list[PemdaEntry]:
    """Entries of a province (case-insensitive; "Provinsi Lampung" works too), of a level, and/or the
    given ids, domains, subdomains or URLs (as `find`). Order is the registry's. An id or domain that
    matches no entry is a RegistryError, so a typo on the command line is not silently a smaller run."""
    out = list(entries)
    if province:
        wanted = _province_key(province)
        out = [e for e in out if _province_key(e.province) == wanted]
    if level:
        if level not in LEVELS:
            raise RegistryError(f"level {level!r} is not one of {', '.join(LEVELS)}")
        out = [e for e in out if e.level == level]
    if ids:
        chosen = set()
        unmatched = []
        for key in ids:
            hit = find(entries, key)
            if hit is None:
                unmatched.append(key)
            else:
                chosen.add(hit.id)
        if unmatched:
            raise RegistryError(f"no registry entry has the id or domain {', '.join(map(repr, unmatched))}")
        out = [e for e in out if e.id in chosen]
    return out


def find(entries: list[PemdaEntry], domain_or_id: str) -> PemdaEntry | None:
    """The entry with this id, or owning this host (a domain of the entry or a subdomain of one; a URL
    works too). If domains nest (jakarta.go.id, selatan.jakarta.go.id) the most specific one wins."""
    key = domain_or_id.strip().lower()
    for e in entries:
        if e.id == key:
            return e
    host = _host(key)
    best, best_len = None, -1
    for e in entries:
        domain = _owning_domain(e, host)
        if domain is not None and len(domain) > best_len:
            best, best_len = e, len(domain)
    return best


def domain_problem(domain: str) -> str | None:
    """Why DOMAIN cannot be a pemda's domain, or None. A public suffix (go.id, desa.id, co.id, id…) would make
    every site registered under it the pemda's: crawled, scored and stored as its own."""
    if _SUBDOMAIN.match(domain) and is_public_suffix(domain):
        return (f"{domain!r} is a public suffix (anyone may register a site under it), not a pemda's domain; "
                f"write the pemda's own, e.g. lampungtimurkab.go.id")
    if not _HOSTNAME.match(domain):
        return f"{domain!r} is not a hostname (write lampungtimurkab.go.id: no scheme, path or port)"
    return None


# ---- parsing with line numbers -------------------------------------------------------------------------

def _entry_nodes(text: str, where: str) -> list[yaml.MappingNode]:
    """The entries' YAML nodes (which carry their line numbers). Top level: a list, or {pemda: list}."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}:{mark.line + 1}" if mark else where
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark:
            context += f" started on line {context_mark.line + 1},"
        problem = " ".join(filter(None, [context, getattr(exc, "problem", None)])) or exc
        raise RegistryError(f"{at}: not valid YAML: {problem}") from None
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if k.value == "pemda"), None)
    if not isinstance(root, yaml.SequenceNode):
        raise RegistryError(f"{where}: expected a list of pemda entries (or `pemda:` holding one)")
    for node in root.value:
        if not isinstance(node, yaml.MappingNode):
            raise RegistryError(f"{where}:{_line(node)}: an entry must be a mapping of fields (id:, name:, …)")
    return root.value


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _values(node: yaml.MappingNode, at: str) -> dict:
    """An entry's fields as Python values (YAML 1.1 safe types)."""
    try:
        value = yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{exc}") from None
    except ValueError as exc:  # a date-like value that is no date (2026-13-01): YAML's own error is bare
        raise RegistryError(f"{at}: a value that looks like a date is not one ({exc})") from None
    return value if isinstance(value, dict) else {}


def _entry(node: yaml.MappingNode, where: str) -> PemdaEntry:
    line = _line(node)
    at = f"{where}:{line}"

    def fail(message: str):
        raise RegistryError(f"{at}: {message}")

    seen: set = set()
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key in seen:
            fail(f"field {key!r} appears twice (line {_line(key_node)})")
        seen.add(key)
        if key not in REQUIRED and key not in OPTIONAL:
            fail(f"unknown field {key!r} (line {_line(key_node)}); known fields: {', '.join(REQUIRED + OPTIONAL)}")
    raw = _values(node, at)
    for key_node, value_node in node.value:
        # The id is taken as written: an unquoted 18.10 would otherwise become the float 18.1.
        if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode) and value_node.value:
            raw["id"] = value_node.value
    label = f"entry {raw['id']!r}" if isinstance(raw.get("id"), str) and raw["id"] else "entry"

    missing = [k for k in REQUIRED if raw.get(k) in (None, "")]
    if missing:
        fail(f"{label}: missing {', '.join(missing)}")
    for key in ("id", "name", "province", "notes"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            fail(f"{label}: {key} must be text")
    level = raw["level"]
    if level not in LEVELS:
        fail(f"{label}: level {level!r} is not one of {', '.join(LEVELS)}")
    if not _ID[level].match(raw["id"]):
        fail(f"{label}: id of a {level} must be the Kemendagri code: {_ID_HINT[level]}")
    for key in ("verified", "render_js"):
        if key in raw and not isinstance(raw[key], bool):
            fail(f"{label}: {key} must be true or false, not {raw[key]!r}")
    lists = {}
    for key in ("domains", "start_urls", "opd_subdomains"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(f"{label}: {key} must be a list of text, e.g. {key}: [a, b]")
        lists[key] = value
    if not isinstance(raw["domain"], str):
        fail(f"{label}: domain must be text")
    domains = [raw["domain"].strip().lower(), *[d.strip().lower() for d in lists["domains"]]]
    for domain in domains:
        problem = domain_problem(domain)
        if problem:
            fail(f"{label}: {problem}")
    if len(set(domains)) != len(domains):
        fail(f"{label}: a domain is listed twice")
    for sub in lists["opd_subdomains"]:
        if not _SUBDOMAIN.match(sub.lower()):
            fail(f"{label}: OPD subdomain {sub!r} must be a label such as dpmptsp (without the pemda's domain)")
    for url in lists["start_urls"]:
        parts = _http_url(url)
        if parts is None:
            fail(f"{label}: start URL {url!r} must be an http:// or https:// URL")
        if not any(parts.hostname == d or parts.hostname.endswith("." + d) for d in domains):
            fail(f"{label}: start URL {url!r} is outside the entry's domains ({', '.join(domains)})")
    evidence, evidence_date = _evidence(raw, fail, label)
    max_pages = raw.get("max_pages")
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
        fail(f"{label}: max_pages must be a positive whole number")
    name = raw["name"]
    if level != "provinsi" and not name.startswith(("Kabupaten " if level == "kabupaten" else "Kota ")):
        fail(f"{label}: the name of a {level} starts with {'Kabupaten' if level == 'kabupaten' else 'Kota'} "
             f"(got {name!r}); is the level right?")
    return PemdaEntry(
        id=raw["id"], name=name, level=level, province=raw["province"], domain=domains[0],
        verified=raw.get("verified", False), evidence=evidence, evidence_date=evidence_date,
        domains=tuple(domains[1:]), start_urls=tuple(lists["start_urls"]),
        opd_subdomains=tuple(s.lower() for s in lists["opd_subdomains"]), render_js=raw.get("render_js", False),
        max_pages=max_pages, notes=raw.get("notes"), line=line,
    )


def _evidence(raw: dict, fail, label: str) -> tuple[str | None, str | None]:
    """`evidence` (an http(s) URL) and `evidence_date` (an ISO date) come together: a source without the day it
    was seen cannot be re-checked, a date without a source says nothing."""
    url, day = raw.get("evidence"), raw.get("evidence_date")
    if url is None and day is None:
        return None, None
    if url is None or day is None:
        fail(f"{label}: evidence and evidence_date go together (the URL that shows the domain, and the day it was "
             f"checked)")
    if _http_url(url) is None:
        fail(f"{label}: evidence {url!r} must be an http:// or https:// URL")
    # Unquoted, YAML reads 2026-11-29 as a date already; quoted, it is text to parse.
    if isinstance(day, datetime.date) and not isinstance(day, datetime.datetime):
        return url, day.isoformat()
    try:
        if not isinstance(day, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise ValueError
        return url, datetime.date.fromisoformat(day).isoformat()
    except ValueError:
        fail(f"{label}: evidence_date {day!r} must be an ISO date such as 2026-11-29")


def _http_url(url):
    """The parts of an http(s) URL with a host, or None (for anything else, "http://[bad" included)."""
    if not isinstance(url, str) or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        return parts if parts.scheme in ("http", "https") and parts.hostname else None
    except ValueError:  # an unbalanced IPv6 bracket or a bad port
        return None


def _check_across(entries: list[PemdaEntry], where: str) -> None:
    """What no single entry can show: duplicate ids and domains, and each kab/kota's province."""
    seen_ids: dict[str, int] = {}
    seen_domains: dict[str, int] = {}
    provinces: dict[str, PemdaEntry] = {}
    for e in entries:
        if e.id in seen_ids:
            raise RegistryError(f"{where}:{e.line}: id {e.id!r} is already used by the entry on line {seen_ids[e.id]}")
        seen_ids[e.id] = e.line
        for d in e.all_domains:
            if d in seen_domains:
                raise RegistryError(f"{where}:{e.line}: domain {d} is already used by the entry on line "
                                    f"{seen_domains[d]}")
            seen_domains[d] = e.line
        if e.level == "provinsi":
            if e.province in provinces:
                raise RegistryError(f"{where}:{e.line}: province {e.province!r} already has a provinsi entry on "
                                    f"line {provinces[e.province].line}")
            provinces[e.province] = e
    for e in entries:
        if e.level == "provinsi":
            continue
        province = provinces.get(e.province)
        if province is None:
            close = [p for p in provinces if p.lower() == e.province.lower()]
            hint = f" (did you mean {close[0]!r}?)" if close else " (add its provinsi entry)"
            raise RegistryError(f"{where}:{e.line}: entry {e.id!r}: province {e.province!r} is not among the "
                                f"provinces of the registry{hint}")
        if e.id.split(".")[0] != province.id:
            raise RegistryError(f"{where}:{e.line}: entry {e.id!r}: its code does not start with the code of "
                                f"{province.name} ({province.id})")


def _province_key(name: str) -> str:
    key = " ".join(name.lower().split())
    return key[len("provinsi "):] if key.startswith("provinsi ") else key


def _host(key: str) -> str:
    if "://" in key:
        key = urlsplit(key).hostname or ""
    return key.split("/")[0].split(":")[0].rstrip(".")


def _owning_domain(entry: PemdaEntry, host: str) -> str | None:
    host = _host(host.lower())
    best = None
    for d in entry.all_domains:
        if (host == d or host.endswith("." + d)) and (best is None or len(d) > len(best)):
            best = d
    return best
