"""The scoring configuration: `config/scoring.yaml` (package `pantau_config`) read into a validated object."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Mapping

import yaml

from extractors.model import SERVICE_COMPONENTS

from pantau_config import locate

UNIT_PARTS = ("services", "maklumat", "pengaduan")
UNIT_RULES = ("fetched", "with_findings", "with_services", "all")


class ScoringConfigError(ValueError):
    """The scoring configuration is missing a key or holds a value that cannot be used."""


@dataclass(frozen=True)
class Band:
    name: str
    min: float


@dataclass(frozen=True)
class ScoringConfig:
    service_components: dict[str, float]  # component -> weight (> 0)
    unit_pengaduan_counts: bool
    unit_weights: dict[str, float]  # services / maklumat / pengaduan -> weight
    pengaduan_from_services: bool
    pemda_units: str  # one of UNIT_RULES
    exclude_units: tuple[str, ...]
    min_confidence: float
    zones: tuple[Band, ...]  # highest min first
    letters_enabled: bool
    letters: tuple[Band, ...]  # highest min first
    raw: Mapping[str, Any]  # the data it was built from (for overrides and for the record)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ScoringConfig":
        try:
            service, unit, pemda = data["service"], data["unit"], data["pemda"]
            components = {str(k): _number(v, f"service.components.{k}") for k, v in service["components"].items()}
            weights = {str(k): _number(v, f"unit.weights.{k}") for k, v in unit["weights"].items()}
            cfg = cls(
                service_components=components,
                unit_pengaduan_counts=bool(service["unit_pengaduan_counts"]),
                unit_weights=weights,
                pengaduan_from_services=bool(unit["pengaduan_from_services"]),
                pemda_units=str(pemda["units"]),
                exclude_units=tuple(str(h).lower() for h in (pemda.get("exclude_units") or ())),
                min_confidence=_number(data["findings"]["min_confidence"], "findings.min_confidence"),
                zones=_bands(data["zones"], "zones"),
                letters_enabled=bool(data["letters"]["enabled"]),
                letters=_bands(data["letters"]["bands"], "letters.bands"),
                raw=copy.deepcopy(dict(data)),
            )
        except KeyError as exc:
            raise ScoringConfigError(f"scoring config: missing key {exc.args[0]!r}") from None
        except (TypeError, AttributeError) as exc:
            raise ScoringConfigError(f"scoring config: malformed ({exc})") from None
        cfg._validate()
        return cfg

    def _validate(self) -> None:
        if not self.service_components or any(w <= 0 for w in self.service_components.values()):
            raise ScoringConfigError("scoring config: service.components needs at least one component, weights > 0")
        unknown = set(self.service_components) - set(SERVICE_COMPONENTS)
        if unknown:  # a typo would silently weigh nothing
            raise ScoringConfigError(f"scoring config: service.components has unknown keys {sorted(unknown)}; "
                                     f"known: {', '.join(SERVICE_COMPONENTS)}")
        if set(self.unit_weights) != set(UNIT_PARTS):
            raise ScoringConfigError(f"scoring config: unit.weights must have exactly {', '.join(UNIT_PARTS)}")
        if any(w < 0 for w in self.unit_weights.values()) or sum(self.unit_weights.values()) <= 0:
            raise ScoringConfigError("scoring config: unit.weights must be >= 0 and not all 0")
        if self.pemda_units not in UNIT_RULES:
            raise ScoringConfigError(f"scoring config: pemda.units must be one of {', '.join(UNIT_RULES)}")
        for label, bands in (("zones", self.zones), ("letters.bands", self.letters)):
            if not bands or bands[-1].min > 0:
                raise ScoringConfigError(f"scoring config: {label} must cover 0 (the lowest band needs min: 0)")

    def with_overrides(self, overrides: Mapping[str, Any]) -> "ScoringConfig":
        """A new config: this one's data with OVERRIDES deep-merged on top (nested dicts merge, rest replaces)."""
        return ScoringConfig.from_dict(_deep_merge(self.raw, overrides))

    def zone_for(self, score: float) -> str:
        return _band_for(self.zones, score)

    def letter_for(self, score: float) -> str | None:
        return _band_for(self.letters, score) if self.letters_enabled else None


def default_config_path() -> Traversable:
    """scoring.yaml in $PANTAU_CONFIG_DIR, else the packaged copy (see `pantau_config.locate`)."""
    return locate("scoring.yaml")


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> ScoringConfig:
    """Read the scoring YAML (default: `default_config_path()`), with optional overrides."""
    path = Path(path) if path is not None else default_config_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScoringConfigError(f"cannot read scoring config {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ScoringConfigError(f"scoring config {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ScoringConfigError(f"scoring config {path} must be a mapping")
    if overrides:
        data = _deep_merge(data, overrides)
    return ScoringConfig.from_dict(data)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScoringConfigError(f"scoring config: {where} must be a number, not {value!r}")
    return float(value)


def _bands(items: Any, where: str) -> tuple[Band, ...]:
    bands = []
    for item in items or ():
        if not isinstance(item, Mapping) or "name" not in item or "min" not in item:
            raise ScoringConfigError(f"scoring config: each of {where} needs name and min")
        bands.append(Band(str(item["name"]), _number(item["min"], f"{where}.{item['name']}.min")))
    return tuple(sorted(bands, key=lambda b: b.min, reverse=True))


def _band_for(bands: tuple[Band, ...], score: float) -> str:
    for band in bands:
        if score >= band.min:
            return band.name
    return bands[-1].name


def _deep_merge(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
