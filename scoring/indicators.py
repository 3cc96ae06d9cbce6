"""PEKPPP publication indicators per unit, as a website shows them (pure: rows in, indicators out).

PermenPANRB 29/2022 counts the media on which a unit publishes its standard's service-delivery components and
asks whether its maklumat pelayanan is published. pantau sees only the unit's website, so each unit gets:
the media it can observe (config/indicators.yaml `media`: website page with a standard, document, image,
SIPPN link, social-media link, app link), a 0-5 value for the media count, a 0-5 value for the maklumat, and
their weighted mean as an index with PEKPPP's letter category. It is a proxy, and labelled as one.

    config = load_indicator_config()
    for unit in unit_indicators(findings, pages, config): ...

findings: dicts {unit, service, component, source, url} (service_key, when given, tells services apart);
pages: dicts {unit, url, outlinks (list or JSON)}.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from pantau_config import read_text

CONFIG_NAME = "indicators.yaml"


class IndicatorConfigError(ValueError):
    """config/indicators.yaml is missing a key or holds a value that cannot be used."""


@dataclass(frozen=True)
class Medium:
    name: str
    sources: frozenset[str] = frozenset()  # findings of a standard from these sources
    outlinks: frozenset[str] = frozenset()  # or outlinks of these kinds


@dataclass(frozen=True)
class IndicatorConfig:
    label: str
    label_en: str
    standard_components: frozenset[str]
    media: tuple[Medium, ...]
    media_scale: tuple[tuple[int, float], ...]  # (min count, value), highest min first
    maklumat_published: float
    maklumat_missing: float
    weight_media: float
    weight_maklumat: float
    categories: tuple[tuple[float, str], ...]  # (min index, name), highest min first
    max_evidence: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IndicatorConfig:
        try:
            media = tuple(Medium(str(name), frozenset(map(str, spec.get("sources") or ())),
                                 frozenset(map(str, spec.get("outlinks") or ())))
                          for name, spec in data["media"].items())
            scale = tuple(sorted(((int(r["min"]), float(r["value"])) for r in data["media_scale"]), reverse=True))
            categories = tuple(sorted(((float(r["min"]), str(r["name"])) for r in data["categories"]), reverse=True))
            config = cls(
                label=str(data["label"]), label_en=str(data["label_en"]),
                standard_components=frozenset(map(str, data["standard_components"])),
                media=media, media_scale=scale,
                maklumat_published=float(data["maklumat_values"]["published"]),
                maklumat_missing=float(data["maklumat_values"]["missing"]),
                weight_media=float(data["weights"]["media"]), weight_maklumat=float(data["weights"]["maklumat"]),
                categories=categories, max_evidence=int(data.get("max_evidence", 3)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise IndicatorConfigError(f"{CONFIG_NAME}: missing or bad value ({type(exc).__name__}: {exc})") from None
        if not scale or scale[-1][0] > 0:
            raise IndicatorConfigError(f"{CONFIG_NAME}: media_scale needs a row with min 0")
        if not categories or config.weight_media + config.weight_maklumat <= 0:
            raise IndicatorConfigError(f"{CONFIG_NAME}: categories and a positive weight are required")
        return config


@cache
def load_indicator_config() -> IndicatorConfig:
    return IndicatorConfig.from_dict(yaml.safe_load(read_text(CONFIG_NAME)) or {})


@dataclass(frozen=True)
class UnitIndicators:
    unit: str
    media: dict[str, bool]  # medium -> observed, in config order
    maklumat: bool
    all_components: bool  # some service publishes all the standard components (LKE item "seluruh 6 komponen")
    media_count: int
    media_value: float
    maklumat_value: float
    index: float
    category: str
    evidence: dict[str, list[str]] = field(default_factory=dict)  # medium (and "maklumat") -> URLs


def _source(source: str | None) -> str:
    return (source or "").split("+", 1)[0]


def _outlinks(raw: Any) -> list[dict]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    return [o for o in raw if isinstance(o, dict)] if isinstance(raw, list) else []


def _value(count: int, scale: tuple[tuple[int, float], ...]) -> float:
    return next(value for minimum, value in scale if count >= minimum)


def category_of(index: float, config: IndicatorConfig) -> str:
    return next((name for minimum, name in config.categories if index >= minimum), config.categories[-1][1])


def unit_indicators(findings: Iterable[Mapping], pages: Iterable[Mapping],
                    config: IndicatorConfig | None = None) -> list[UnitIndicators]:
    """One UnitIndicators per unit that has a page or a finding, sorted by unit."""
    config = config or load_indicator_config()
    seen: dict[str, dict[str, list[str]]] = {}  # unit -> medium -> evidence URLs
    components: dict[tuple[str, str], set[str]] = {}  # (unit, service) -> standard components published

    def note(unit: str, medium: str, url: str | None) -> None:
        urls = seen.setdefault(unit, {}).setdefault(medium, [])
        if url and url not in urls and len(urls) < config.max_evidence:
            urls.append(url)

    for page in pages:
        unit = page.get("unit") or ""
        seen.setdefault(unit, {})
        for link in _outlinks(page.get("outlinks")):
            kind = link.get("kind")
            for medium in config.media:
                if isinstance(kind, str) and kind in medium.outlinks:
                    note(unit, medium.name, link.get("url") if isinstance(link.get("url"), str) else None)
    for f in findings:
        unit = f.get("unit") or ""
        seen.setdefault(unit, {})
        if f.get("component") == "maklumat":
            note(unit, "maklumat", f.get("url"))
            continue
        if f.get("component") not in config.standard_components or not f.get("service"):
            continue  # a unit-wide complaints channel is not a published standard
        service = str(f.get("service_key") or f.get("service"))
        components.setdefault((unit, service), set()).add(str(f.get("component")))
        for medium in config.media:
            if _source(f.get("source")) in medium.sources:
                note(unit, medium.name, f.get("url"))
    complete_units = {u for (u, _), found in components.items() if found >= config.standard_components}
    out = []
    for unit in sorted(seen):
        evidence = seen[unit]
        media = {m.name: m.name in evidence for m in config.media}
        count = sum(media.values())
        maklumat = "maklumat" in evidence
        media_value = _value(count, config.media_scale)
        maklumat_value = config.maklumat_published if maklumat else config.maklumat_missing
        index = round((media_value * config.weight_media + maklumat_value * config.weight_maklumat)
                      / (config.weight_media + config.weight_maklumat), 2)
        out.append(UnitIndicators(unit, media, maklumat, unit in complete_units, count, media_value, maklumat_value, index,
                                  category_of(index, config), evidence))
    return out
