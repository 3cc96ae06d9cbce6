"""Links that say "Standar Pelayanan" / "SOP" / "Maklumat" and what their target turned out to be in the same run.

A unit that links its standard from the menu and serves a 404, an empty page or a broken PDF there has not
published it, whatever the link says. The crawler keeps such links per page (`pages.outlinks`, kind
`standard_link`, crawler/outlinks.py); this module looks each target up among the run's pages and errors:

    fate            problem?  when
    ok              no        a page with text was stored for the target
    http_404        yes       HTTP 404/410 (config/links.yaml fates.missing_statuses)
    empty           yes       a web page was stored but holds no text (a 0-byte body, an empty HTML document)
    unreadable      yes       pantau fetched the file but cannot read it (malformed PDF, .doc, too large, a scan
                              or image no text could be read from …)
    error:<kind>    yes       another failure of the target (HTTP 5xx, timeout, connection …)
    not_checked     no        pantau chose not to fetch it (budget, robots.txt, spider trap)
    not_fetched     no        the crawl never reached it (page budget spent first): nothing is known

`missing_standard_links` returns the problems only, one per (unit, target), for FLAGS'
`link_to_missing_standard` flags; `standard_link_fates` returns every link with its fate.
A redirect is not followed back: a target that redirected elsewhere counts as not_fetched (pages keep the
final URL only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils
import yaml
from pantau_config import read_text

from crawler.outlinks import CONFIG_NAME, STANDARD_LINK

PROBLEMS = ("http_404", "empty", "unreadable")  # and every "error:<kind>"
NOT_PROBLEMS = ("ok", "not_checked", "not_fetched")


@dataclass(frozen=True)
class FateRules:
    missing_statuses: frozenset[int]
    unreadable_kinds: frozenset[str]
    not_checked_kinds: frozenset[str]


@cache
def fate_rules() -> FateRules:
    fates = (yaml.safe_load(read_text(CONFIG_NAME)) or {}).get("fates") or {}
    return FateRules(frozenset(int(s) for s in fates.get("missing_statuses") or (404, 410)),
                     frozenset(str(k) for k in fates.get("unreadable_kinds") or ()),
                     frozenset(str(k) for k in fates.get("not_checked_kinds") or ()))


def is_problem(fate: str) -> bool:
    return fate in PROBLEMS or fate.startswith("error:")


def _database(store_or_db) -> sqlite_utils.Database:
    if isinstance(store_or_db, sqlite_utils.Database):
        return store_or_db
    if hasattr(store_or_db, "db"):  # pantau.storage.Store
        return store_or_db.db
    return sqlite_utils.Database(Path(store_or_db))


def _key(url: str) -> str:
    """`http://www.x.go.id/a#b` and `http://x.go.id/a` are one target (the spider treats them as one page)."""
    url = url.split("#", 1)[0]
    host = urlsplit(url).hostname or ""
    if host.startswith("www."):
        url = url.replace("www.", "", 1)
    return url


def _outlinks(raw: str | None) -> list[dict]:
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [o for o in value if isinstance(o, dict)] if isinstance(value, list) else []


def standard_link_fates(store_or_db, run_id: int) -> list[dict]:
    """Every standard_link of the run's pages, one per (unit, target), shallowest page first:
    {unit, url, text, target, page_id, seen_on (pages holding the link), fate, detail}. The page named is the
    shallowest holding the link (the start page before the pages it links to), whichever the extraction workers
    stored first."""
    db = _database(store_or_db)
    links: dict[tuple[str, str], dict] = {}
    for page in db.query("select id, url, unit, outlinks from pages where run_id = ? and outlinks like ? "
                         "order by depth is null, depth, id", [run_id, f"%{STANDARD_LINK}%"]):
        for link in _outlinks(page["outlinks"]):
            if link.get("kind") != STANDARD_LINK or not isinstance(link.get("url"), str):
                continue
            key = (page["unit"], _key(link["url"]))
            if key in links:
                links[key]["seen_on"] += 1
                continue
            links[key] = {"unit": page["unit"], "url": page["url"], "text": str(link.get("text") or ""),
                          "target": link["url"], "page_id": page["id"], "seen_on": 1}
    if not links:
        return []
    pages = {_key(p["url"]): p for p in db.query(
        "select url, status, size, content_type, (text is null or trim(text) = '') as blank from pages "
        "where run_id = ?", [run_id])}
    errors: dict[str, list[tuple[str, str]]] = {}
    for e in db.query("select url, kind, message from errors where run_id = ? and url is not null order by id",
                      [run_id]):
        errors.setdefault(_key(e["url"]), []).append((e["kind"], e["message"] or ""))
    rules = fate_rules()
    for link in links.values():
        key = _key(link["target"])
        link["fate"], link["detail"] = _fate(pages.get(key), errors.get(key, []), rules)
    return list(links.values())


def missing_standard_links(store_or_db, run_id: int) -> list[dict]:
    """The standard_links whose target is missing, empty, unreadable or failed, for `link_to_missing_standard`
    flags: {unit, url (the page holding the link), text, target, problem, page_id, seen_on, detail}. Targets the
    crawl never fetched (budget) are not problems and are left out."""
    out = []
    for link in standard_link_fates(store_or_db, run_id):
        fate = link.pop("fate")
        if is_problem(fate):
            out.append({**link, "problem": fate})
    return out


def _fate(page: dict | None, errors: list[tuple[str, str]], rules: FateRules) -> tuple[str, str]:
    """(fate, detail) of one target from its stored page (or None) and its error rows (kind, message)."""
    for kind, message in errors:
        status = _http_status(kind)
        if status in rules.missing_statuses:
            return "http_404", f"HTTP {status}"
    if page is not None:
        status = page["status"] or 0
        if status in rules.missing_statuses:
            return "http_404", f"HTTP {status}"
        if status >= 500:
            return f"error:http_{status}", f"HTTP {status}"
        unreadable = [(k, m) for k, m in errors if k in rules.unreadable_kinds]
        if page["blank"] and not page["size"]:
            return "empty", "the response is empty (0 bytes)"
        if page["blank"] and _is_web_page(page["content_type"]) and all(m.lower().startswith("empty")
                                                                        for _, m in unreadable):
            # An empty page fails extraction too ("empty HTML document"): it is empty, not a bad file.
            return "empty", "the page holds no text"
        if unreadable:
            kind, message = unreadable[0]
            return "unreadable", f"{kind}: {message}"[:300]
        if page["blank"]:  # a scanned PDF without OCR, an image OCR read nothing from: pantau cannot read it
            return "unreadable", f"no text could be read from this {page['content_type'] or 'file'}"
        return "ok", ""
    for kind, message in errors:
        if kind in rules.unreadable_kinds:  # e.g. too_large: fetched (in part) but never stored
            return "unreadable", f"{kind}: {message}"[:300]
    for kind, message in errors:
        if kind in rules.not_checked_kinds:
            return "not_checked", f"{kind}: {message}"[:300]
    if errors:
        kind, message = errors[0]
        return f"error:{kind}", message[:300]
    return "not_fetched", "not fetched in this run (page budget or depth reached first)"


def _is_web_page(content_type: str | None) -> bool:
    return (content_type or "").startswith(("text/html", "application/xhtml", "text/plain"))


def _http_status(kind: str) -> int | None:
    if kind.startswith("http_") and kind[5:].isdigit():
        return int(kind[5:])
    return None
