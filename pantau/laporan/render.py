"""One template, two forms: a self-contained HTML file (`pantau report --html`) and a page in `pantau serve`.

The forms differ only in where evidence links point (`FileLinks` / `ServeLinks`); everything else is the
same view of a `Report`.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from extractors.model import COMPONENT_SPECS
from pantau.archive import screenshot_in, screenshot_relative
from pantau.laporan.data import Report, band_ranges, unit_of_url
from pantau.laporan.labels import LANGS, TEXT, component_labels

TEMPLATES = Path(__file__).resolve().parent / "templates"
EVIDENCE_SHOWN = 3  # findings listed per component; the rest are counted ("+4 more")
THUMB_WIDTH = 240
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


class ServeLinks:
    """Links inside `pantau serve`: the archived-copy and screenshot routes (pantau_evidence plugin), Datasette's
    finding rows. PATH turns an app path into a URL (Datasette's `urls.path`, which honours its base_url)."""

    standalone = False

    def __init__(self, database: str, archive_dir: str | Path, path: Callable[[str], str] = lambda p: p):
        self.database, self.archive_dir, self.path = database, Path(archive_dir), path

    def archive(self, finding: dict) -> str | None:
        return self.path(f"/arsip/{int(finding['id'])}") if finding.get("warc_file") else None

    def screenshot(self, finding: dict) -> str | None:
        shot = finding.get("screenshot")
        return self.path("/tangkapan/" + quote(screenshot_relative(self.archive_dir, shot))) if shot else None

    def screenshot_full(self, finding: dict) -> str | None:
        return self.screenshot(finding)

    def finding(self, finding: dict) -> str | None:
        return self.path(f"/{quote(self.database)}/findings/{int(finding['id'])}") if self.database else None

    def home(self) -> str:
        return self.path(f"/{quote(self.database)}")

    def report(self, pemda_id: str, lang: str, run_id: int | None = None) -> str | None:
        query = "&".join(p for p in (f"lang={lang}" if lang != "id" else "", f"run={run_id}" if run_id else "") if p)
        return self.path(f"/laporan/{quote(pemda_id)}") + (f"?{query}" if query else "")


class FileLinks:
    """Links in a standalone file: screenshots embedded as small thumbnails; archived copies point at a
    `pantau serve` at BASE_URL when one is given, else the WARC file and offset are named as text."""

    standalone = True

    def __init__(self, archive_dir: str | Path, base_url: str | None = None):
        self.archive_dir = Path(archive_dir)
        base = (base_url or "").rstrip("/")
        self.serve = ServeLinks("", archive_dir, lambda p: base + p) if base_url else None

    def archive(self, finding: dict) -> str | None:
        return self.serve.archive(finding) if self.serve else None

    def screenshot(self, finding: dict) -> str | None:
        shot = finding.get("screenshot")
        found = screenshot_in(self.archive_dir, screenshot_relative(self.archive_dir, shot)) if shot else None
        return thumbnail_data_uri(str(found)) if found else None

    def screenshot_full(self, finding: dict) -> str | None:
        return self.serve.screenshot(finding) if self.serve else None

    def finding(self, finding: dict) -> str | None:
        return None

    def report(self, pemda_id: str, lang: str, run_id: int | None = None) -> str | None:
        return None


@lru_cache(maxsize=256)
def thumbnail_data_uri(path: str) -> str | None:
    """The top of a screenshot as a small JPEG data: URI (a file must carry its images), None if unreadable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image = image.convert("RGB")
            top = image.crop((0, 0, image.width, min(image.height, image.width * 3 // 4)))
            top.thumbnail((THUMB_WIDTH, THUMB_WIDTH))
            out = io.BytesIO()
            top.save(out, "JPEG", quality=70, optimize=True)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def render_report(report: Report, links: ServeLinks | FileLinks, lang: str = "id",
                  database_label: str = "") -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    env = _environment()
    return env.get_template("laporan.html").render(**view(report, links, lang), database_label=database_label)


def view(report: Report, links: ServeLinks | FileLinks, lang: str) -> dict[str, Any]:
    """The template's variables: the report with labels, evidence links and the score worked out."""
    text = TEXT[lang]
    names = component_labels(lang)
    config = report.config
    service_components = [s.key for s in COMPONENT_SPECS if s.key in config.service_components]
    run = report.run
    units = [_unit_view(u, report, links, service_components) for u in report.units]
    weights = config.unit_weights
    weight_total = sum(weights.values()) or 1.0
    component_total = sum(config.service_components.values()) or 1.0
    return {
        "lang": lang, "t": text, "names": names, "links": links, "run": run, "pemda": report.pemda,
        "score": report.score, "zone": report.zone, "letter": report.letter, "graded": report.graded,
        "zones": band_ranges(config.zones), "letters": band_ranges(config.letters) if config.letters_enabled else [],
        # a letter's colour: the zone of its band's middle (A/B hijau, C kuning, D/E merah with Ombudsman's cut-offs)
        "zone_of_letter": {name: config.zone_for((low + high) / 2) for name, low, high in band_ranges(config.letters)},
        "service_components": service_components,
        "units": units, "reached": [u for u in report.units if u["pages_ok"]], "unreachable": report.unreachable,
        "pages": report.pages, "pages_ok": report.pages_ok, "errors_by_kind": report.errors_by_kind,
        "broken": report.broken, "site_issues": report.site_issues, "flags": report.flags,
        "component_points": {c: 100.0 * w / component_total for c, w in config.service_components.items()},
        "unit_weights": {k: 100.0 * v / weight_total for k, v in weights.items()},
        "unit_rule": text.get(f"rule_{config.pemda_units}", config.pemda_units),
        "pengaduan_inherits": config.unit_pengaduan_counts,
        "counted": [u for u in units if u["counted"]], "pemda_points": report.pemda_points,
        "other_lang": "en" if lang == "id" else "id",
    }


def _unit_view(unit: dict, report: Report, links, service_components: list[str]) -> dict:
    evidence = unit.get("evidence") or {}
    services = []
    for s in unit["services"]:
        cells = []
        for c in service_components:
            ids = (s.get("evidence") or {}).get(c) or []
            inherited = c in (s.get("inherited") or [])
            cells.append({"key": c, "ok": bool((s.get("components") or {}).get(c)), "inherited": inherited,
                          "points": (s.get("points") or {}).get(c, 0.0),
                          "findings": _evidence([] if inherited else ids, report, links)})
        shots = _screenshots([f for cell in cells for f in cell["findings"]["shown"]], links)
        services.append({**s, "cells": cells, "anchor": _anchor(unit["unit"], s.get("key") or s["name"]),
                         "screenshots": shots})
    parts = {c: _evidence(evidence.get(c) or [], report, links) for c in ("maklumat", "pengaduan")}
    shots = _screenshots([f for p in parts.values() for f in p["shown"]], links)
    return {**unit, "services": services, "unit_evidence": parts, "unit_screenshots": shots,
            "anchor": _anchor(unit["unit"])}


def _evidence(ids: list, report: Report, links) -> dict:
    findings = [report.findings[i] for i in ids if i in report.findings]
    shown = [{**f, "archive_href": links.archive(f), "finding_href": links.finding(f)}
             for f in findings[:EVIDENCE_SHOWN]]
    return {"shown": shown, "more": len(findings) - len(shown)}


def _screenshots(findings: list[dict], links) -> list[dict]:
    """One thumbnail per page among the findings, in order."""
    seen, out = set(), []
    for f in findings:
        if not f.get("screenshot") or f["screenshot"] in seen:
            continue
        seen.add(f["screenshot"])
        src = links.screenshot(f)
        if src:
            out.append({"src": src, "href": links.screenshot_full(f), "url": f["url"]})
    return out


def _anchor(*parts: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else "-" for ch in p.lower()).strip("-") for p in parts)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))
    env.filters["num"] = _number
    env.filters["date"] = _date
    env.filters["pct"] = lambda value, lang="id": _number(value, lang).rstrip("0").rstrip(".,")
    env.filters["basename"] = lambda path: Path(path or "").name
    env.filters["unit"] = unit_of_url
    env.filters["web"] = _web_url
    return env


def _number(value: Any, lang: str = "id") -> str:
    if value is None:
        return "–"
    text = f"{float(value):.2f}"
    return text.replace(".", ",") if lang == "id" else text


def _date(iso: str | None, lang: str = "id") -> str:
    if not iso:
        return "–"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{moment.day} {months[moment.month - 1]} {moment.year}, {moment:%H:%M} UTC"


def _web_url(url: str | None) -> str:
    """URLs from crawled pages become links only when they are http(s): never `javascript:` or `data:`."""
    return url if isinstance(url, str) and urlsplit(url).scheme in ("http", "https") else "#"
