"""Findings -> per-service, per-unit and per-pemda scores. Pure: no I/O, the config is passed in.

Every point is traceable: each score's `evidence` maps each of its components to the ids of the findings
that earned that component's points (empty when it earned none).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from extractors import names
from scoring.config import ScoringConfig, load_config


def service_key(name: str | None, config: ScoringConfig | None = None) -> str:
    """Findings of one unit whose names have the same key are one service (extractors.names.service_key, the
    one meaning of "the same service"; `config` is accepted for callers that pass it)."""
    return names.service_key(name)


def _round(value: float) -> float:
    """Two decimals, halves rounded up (33.125 -> 33.13), as scores are usually reported."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass
class ServiceScore:
    unit: str
    key: str
    name: str
    score: float
    zone: str
    letter: str | None
    components: dict[str, bool]  # component -> published
    points: dict[str, float]  # component -> points it earned (sum = score, before rounding)
    evidence: dict[str, list[Any]]  # component -> finding ids that earned it
    inherited: list[str] = field(default_factory=list)  # components earned by unit-level findings
    names: list[str] = field(default_factory=list)  # every name the service was published under

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "service",
            "unit": self.unit,
            "key": self.key,
            "name": self.name,
            "names": list(self.names),
            "score": self.score,
            "zone": self.zone,
            "letter": self.letter,
            "components": dict(self.components),
            "points": dict(self.points),
            "evidence": {c: list(ids) for c, ids in self.evidence.items()},
            "inherited": list(self.inherited),
        }


@dataclass
class UnitScore:
    unit: str
    score: float
    zone: str
    letter: str | None
    counted: bool  # counted in the pemda mean (see pemda.units in the config)
    components: dict[str, Any]  # services: mean service score or None; maklumat/pengaduan: bool
    points: dict[str, float]
    evidence: dict[str, list[Any]]  # services: every id behind the service scores; maklumat; pengaduan
    services: list[ServiceScore] = field(default_factory=list)
    pages: int = 0
    pages_ok: int = 0

    @property
    def maklumat(self) -> bool:
        return bool(self.components.get("maklumat"))

    @property
    def pengaduan(self) -> bool:
        return bool(self.components.get("pengaduan"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "unit",
            "unit": self.unit,
            "score": self.score,
            "zone": self.zone,
            "letter": self.letter,
            "counted": self.counted,
            "pages": self.pages,
            "pages_ok": self.pages_ok,
            "components": dict(self.components),
            "points": dict(self.points),
            "evidence": {c: list(ids) for c, ids in self.evidence.items()},
            "services": [s.to_dict() for s in self.services],
        }


@dataclass
class PemdaScore:
    pemda_id: str | None
    score: float
    zone: str
    letter: str | None
    components: dict[str, float]  # counted unit -> its score
    points: dict[str, float]  # counted unit -> its share of the pemda score
    evidence: dict[str, list[Any]]  # counted unit -> every finding id behind its score
    units: list[UnitScore] = field(default_factory=list)
    unit_rule: str = "fetched"

    @property
    def counted_units(self) -> list[UnitScore]:
        return [u for u in self.units if u.counted]

    def unit(self, host: str) -> UnitScore:
        for u in self.units:
            if u.unit == host:
                return u
        raise KeyError(host)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": "pemda",
            "pemda_id": self.pemda_id,
            "score": self.score,
            "zone": self.zone,
            "letter": self.letter,
            "unit_rule": self.unit_rule,
            "components": dict(self.components),
            "points": dict(self.points),
            "evidence": {c: list(ids) for c, ids in self.evidence.items()},
            "units": [u.to_dict() for u in self.units],
        }


@dataclass
class _UnitInfo:
    host: str
    pages: int = 0
    pages_ok: int = 0


def _unit_infos(units: Iterable[str | Mapping[str, Any]]) -> dict[str, _UnitInfo]:
    """Units as given: a host string (taken as fetched) or {"unit", "pages", "pages_ok"}."""
    out: dict[str, _UnitInfo] = {}
    for item in units:
        if isinstance(item, str):
            info = _UnitInfo(item, 1, 1)
        else:
            pages = int(item.get("pages", 1) or 0)
            info = _UnitInfo(str(item["unit"]), pages, int(item.get("pages_ok", pages) or 0))
        out[info.host] = info
    return out


def _sorted_ids(ids: Iterable[Any]) -> list[Any]:
    return sorted(set(ids), key=lambda i: (str(type(i)), i))


def score_service(unit: str, key: str, findings: list[Mapping[str, Any]], unit_pengaduan: list[Any],
                  config: ScoringConfig) -> ServiceScore:
    """One service from its findings (all of one unit, one service key) and the unit-level pengaduan ids."""
    weights = config.service_components
    total = sum(weights.values())
    evidence: dict[str, list[Any]] = {c: [] for c in weights}
    for f in findings:
        if f["component"] in evidence:
            evidence[f["component"]].append(f["id"])
    inherited = []
    if "pengaduan" in evidence and not evidence["pengaduan"] and config.unit_pengaduan_counts and unit_pengaduan:
        evidence["pengaduan"] = list(unit_pengaduan)
        inherited.append("pengaduan")
    evidence = {c: _sorted_ids(ids) for c, ids in evidence.items()}
    points = {c: (100.0 * weights[c] / total if evidence[c] else 0.0) for c in weights}
    score = _round(sum(points.values()))
    names = Counter(f.get("service") or "" for f in findings)
    name = max(names, key=lambda n: (names[n], -list(names).index(n))) if names else key
    return ServiceScore(
        unit=unit, key=key, name=name, score=score, zone=config.zone_for(score), letter=config.letter_for(score),
        components={c: bool(evidence[c]) for c in weights}, points={c: _round(p) for c, p in points.items()},
        evidence=evidence, inherited=inherited, names=list(names),
    )


def score_unit(info: _UnitInfo, findings: list[Mapping[str, Any]], config: ScoringConfig) -> UnitScore:
    """One unit (OPD host) from all its counted findings."""
    by_service: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    maklumat, unit_pengaduan, service_pengaduan = [], [], []
    for f in findings:
        component, name = f["component"], f.get("service")
        if component == "maklumat":
            maklumat.append(f["id"])  # a maklumat is the unit's pledge, wherever on the page it sits
        elif component == "pengaduan" and not name:
            unit_pengaduan.append(f["id"])
        if name and component in config.service_components:
            by_service[service_key(name, config)].append(f)
            if component == "pengaduan":
                service_pengaduan.append(f["id"])
    unit_pengaduan = _sorted_ids(unit_pengaduan)
    services = [score_service(info.host, key, fs, unit_pengaduan, config) for key, fs in by_service.items()]
    services.sort(key=lambda s: (-s.score, s.key))
    pengaduan = unit_pengaduan + (service_pengaduan if config.pengaduan_from_services else [])

    weights = config.unit_weights
    total = sum(weights.values())
    mean = _round(sum(s.score for s in services) / len(services)) if services else None
    points = {
        "services": (mean or 0.0) * weights["services"] / total,
        "maklumat": 100.0 * weights["maklumat"] / total if maklumat else 0.0,
        "pengaduan": 100.0 * weights["pengaduan"] / total if pengaduan else 0.0,
    }
    score = _round(sum(points.values()))
    evidence = {
        "services": _sorted_ids(i for s in services for ids in s.evidence.values() for i in ids),
        "maklumat": _sorted_ids(maklumat),
        "pengaduan": _sorted_ids(pengaduan),
    }
    return UnitScore(
        unit=info.host, score=score, zone=config.zone_for(score), letter=config.letter_for(score), counted=False,
        components={"services": mean, "maklumat": bool(maklumat), "pengaduan": bool(pengaduan)},
        points={k: _round(v) for k, v in points.items()}, evidence=evidence, services=services,
        pages=info.pages, pages_ok=info.pages_ok,
    )


def _is_counted(unit: UnitScore, n_findings: int, config: ScoringConfig) -> bool:
    host = unit.unit.lower()
    if host in config.exclude_units or host.split(".")[0] in config.exclude_units:
        return False
    rule = config.pemda_units
    if rule == "all":
        return True
    if rule == "with_services":
        return bool(unit.services)
    if rule == "with_findings":
        return n_findings > 0
    return unit.pages_ok > 0 or n_findings > 0  # fetched


def score_pemda(pemda_id: str | None, units: Iterable[str | Mapping[str, Any]],
                findings: Iterable[Mapping[str, Any]], config: ScoringConfig | None = None) -> PemdaScore:
    """Score one pemda.

    units: the units (OPD hosts) crawled, as host strings (taken as fetched) or dicts
      {"unit": host, "pages": n, "pages_ok": n_with_status_below_400}; a unit that only appears in
      findings is added.
    findings: dicts with at least id, unit, service (None for unit-level), component; `confidence`
      (default 1.0) is compared with findings.min_confidence. Unknown components are ignored.
    config: a ScoringConfig; None reads the default config/scoring.yaml.
    """
    if config is None:
        config = load_config()
    infos = _unit_infos(units)
    by_unit: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for f in findings:
        confidence = f.get("confidence")
        if confidence is not None and float(confidence) < config.min_confidence:
            continue
        host = str(f["unit"])
        infos.setdefault(host, _UnitInfo(host))
        by_unit[host].append(f)
    unit_scores = []
    for host in sorted(infos):
        unit = score_unit(infos[host], by_unit.get(host, []), config)
        unit.counted = _is_counted(unit, len(by_unit.get(host, [])), config)
        unit_scores.append(unit)

    counted = [u for u in unit_scores if u.counted]
    score = _round(sum(u.score for u in counted) / len(counted)) if counted else 0.0
    return PemdaScore(
        pemda_id=pemda_id, score=score, zone=config.zone_for(score), letter=config.letter_for(score),
        components={u.unit: u.score for u in counted},
        points={u.unit: _round(u.score / len(counted)) for u in counted},
        evidence={u.unit: _sorted_ids(i for ids in u.evidence.values() for i in ids) for u in counted},
        units=unit_scores, unit_rule=config.pemda_units,
    )
