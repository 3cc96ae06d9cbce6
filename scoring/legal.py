"""The legal rules behind two flags, read from config/legal.yaml (validated) — pure apart from that read.

    free_rule_for(entry)          the free-of-charge rule covering a catalogue entry (fee_where_law_says_free)
    stale_after_years()           the age, in years, past which a standard's decree is stale
    cited_regulations(text)       the regulations of config/legal.yaml that `text` cites (extractors.legal finds)
    stale_standard(text, run_date)  whether the standard published in `text` is stale, why, with evidence

See docs/legal.md for each rule, its citation and the sources it was checked against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Mapping
from typing import Any, Protocol

import yaml

from extractors.legal import Citation, Decree, RegulationSpec, decrees_in, match_regulations
from pantau_config import locate

CONFIG_NAME = "legal.yaml"
STATUSES = ("in_force", "amended", "superseded", "repealed")
ROLES = ("standard_basis", "other")
CONFIDENCES = ("high", "medium", "low")


class LegalConfigError(ValueError):
    """config/legal.yaml is missing a key or holds a value that cannot be used."""


class _Entry(Protocol):  # scoring.catalogue.CatalogueEntry, or anything with its id and tags
    id: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class FreeRule:
    """A rule that makes a service free of charge.

    not_a_fee: words that mark an amount as something else than a fee for the service (late-reporting fines
        under adminduk): an amount next to them must not raise the flag
    """

    key: str
    tags: tuple[str, ...]
    ids: tuple[str, ...]
    citation: str
    text_id: str
    text_en: str
    not_a_fee: tuple[str, ...] = ()
    confidence: str = "high"
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegalConfig:
    stale_after_years: int
    free_rules: tuple[FreeRule, ...]
    regulations: tuple[RegulationSpec, ...]


@dataclass(frozen=True)
class StaleStandard:
    """Why the standard published in a page is stale.

    reasons: "old_decree" (the decree setting it is older than stale_after_years) and/or "repealed_basis"
        (every public-service basis it lists under Dasar Hukum/Mengingat has been replaced)
    decree: the newest decree that sets the standard (None when the page names none)
    evidence: one {"snippet", "value"} per reason, ready for the flags table (the caller adds the url)
    """

    reasons: tuple[str, ...]
    decree: Decree | None
    age_years: int | None
    repealed: tuple[Citation, ...]
    evidence: tuple[dict[str, str], ...]
    detail_id: str
    detail_en: str


def _where() -> str:
    try:
        return str(locate(CONFIG_NAME))
    except FileNotFoundError as exc:  # a bad PANTAU_CONFIG_DIR
        raise LegalConfigError(str(exc)) from None


def _need(data: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    if not isinstance(data, Mapping) or key not in data or data[key] is None:
        raise LegalConfigError(f"{_where()}: {where}: missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise LegalConfigError(f"{_where()}: {where}.{key}: expected {getattr(kind, '__name__', kind)}, "
                               f"got {value!r}")
    if isinstance(value, str) and not value.strip():
        raise LegalConfigError(f"{_where()}: {where}.{key}: empty")
    return value


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LegalConfigError(f"{_where()}: {where}.{key}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _choice(data: Mapping[str, Any], key: str, where: str, choices: tuple[str, ...]) -> str:
    value = _need(data, key, where)
    if value not in choices:
        raise LegalConfigError(f"{_where()}: {where}.{key}: {value!r} is not one of {', '.join(choices)}")
    return value


def _free_rule(item: Any, where: str) -> FreeRule:
    rule = FreeRule(
        key=_need(item, "key", where), tags=_strings(item, "tags", where), ids=_strings(item, "ids", where),
        citation=_need(item, "citation", where), text_id=_need(item, "text_id", where).strip(),
        text_en=_need(item, "text_en", where).strip(), not_a_fee=_strings(item, "not_a_fee", where),
        confidence=_choice(item, "confidence", where, CONFIDENCES), sources=_strings(item, "sources", where))
    if not rule.tags and not rule.ids:
        raise LegalConfigError(f"{_where()}: {where}: needs at least one of tags, ids")
    return rule


def _regulation(item: Any, where: str) -> RegulationSpec:
    from extractors.legal import KINDS

    kinds = _strings(item, "kinds", where)
    unknown = sorted(set(kinds) - set(KINDS))
    if not kinds or unknown:
        raise LegalConfigError(f"{_where()}: {where}.kinds: {unknown or 'empty'}; known: {', '.join(KINDS)}")
    number = str(_need(item, "number", where, (str, int)))
    if not number.isdigit():
        raise LegalConfigError(f"{_where()}: {where}.number: {number!r} must be digits (the leading number)")
    year = _need(item, "year", where, int)
    status = _choice(item, "status", where, STATUSES)
    repealed_by = item.get("repealed_by")
    if status in ("superseded", "repealed") and not (isinstance(repealed_by, str) and repealed_by.strip()):
        raise LegalConfigError(f"{_where()}: {where}: status {status} needs repealed_by")
    return RegulationSpec(
        key=_need(item, "key", where), label=_need(item, "label", where), kinds=kinds, number=number,
        year=year, role=_choice(item, "role", where, ROLES), status=status,
        repealed_by=repealed_by.strip() if isinstance(repealed_by, str) else None,
        confidence=_choice(item, "confidence", where, CONFIDENCES), issuer=_strings(item, "issuer", where),
        amended_by=item.get("amended_by"))


def parse_config(data: Any) -> LegalConfig:
    """Build and validate the legal configuration from parsed YAML; LegalConfigError names file and key."""
    if not isinstance(data, Mapping):
        raise LegalConfigError(f"{_where()}: expected a mapping at the top level")
    years = _need(data, "stale_after_years", "top level", int)
    if years < 1:
        raise LegalConfigError(f"{_where()}: stale_after_years: must be at least 1, got {years}")
    rules, regs = data.get("free_of_charge"), data.get("regulations")
    if not isinstance(rules, list) or not isinstance(regs, list):
        raise LegalConfigError(f"{_where()}: free_of_charge and regulations must be lists")
    free = tuple(_free_rule(item, f"free_of_charge[{i}]") for i, item in enumerate(rules))
    specs = tuple(_regulation(item, f"regulations[{i}]") for i, item in enumerate(regs))
    for name, keys in (("free_of_charge", [r.key for r in free]), ("regulations", [s.key for s in specs])):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise LegalConfigError(f"{_where()}: {name}: duplicate key {', '.join(dupes)}")
    return LegalConfig(stale_after_years=years, free_rules=free, regulations=specs)


@lru_cache(maxsize=1)
def load_config() -> LegalConfig:
    """config/legal.yaml, read and validated once per process."""
    try:
        text = locate(CONFIG_NAME).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise LegalConfigError(f"{CONFIG_NAME}: cannot be read ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LegalConfigError(f"{_where()}: not valid YAML ({exc})") from None
    return parse_config(data)


def regulations() -> tuple[RegulationSpec, ...]:
    return load_config().regulations


def cited_regulations(text: str, regulations: tuple[RegulationSpec, ...] | None = None) -> list[Citation]:
    """The regulations config/legal.yaml lists (or REGULATIONS) that TEXT cites, one Citation each, page order."""
    return match_regulations(text, decrees_in(text), load_config().regulations if regulations is None else regulations)


def stale_after_years() -> int:
    return load_config().stale_after_years


def free_rule_for(entry: _Entry | None) -> FreeRule | None:
    """The first free-of-charge rule covering the catalogue entry (by id or by tag), else None."""
    if entry is None:
        return None
    tags = set(getattr(entry, "tags", ()) or ())
    for rule in load_config().free_rules:
        if entry.id in rule.ids or tags & set(rule.tags):
            return rule
    return None


def stale_standard(text: str, run_date: dt.date, config: LegalConfig | None = None) -> StaleStandard | None:
    """Whether the standard published in `text` is stale on `run_date`, else None.

    Stale when (a) the newest decree that SETS the standard is more than stale_after_years older than the
    run, or (b) the page lists public-service bases under Dasar Hukum/Mengingat and every one of them has
    been superseded or repealed (KepmenPAN 63/2003 as the only basis). Decrees merely cited (UU 25/2009 in a
    news post) never make a page stale; low-confidence repeals are ignored.
    """
    config = config or load_config()
    decrees = decrees_in(text)
    reasons: list[str] = []
    evidence: list[dict[str, str]] = []
    detail_id: list[str] = []
    detail_en: list[str] = []

    setting = [d for d in decrees if d.sets_standard and d.year <= run_date.year]
    newest = max(setting, key=lambda d: d.year) if setting else None
    age = run_date.year - newest.year if newest else None
    if newest is not None and age is not None and age > config.stale_after_years:
        reasons.append("old_decree")
        evidence.append({"snippet": newest.snippet, "value": str(newest.year)})
        detail_id.append(f"keputusan penetapannya tahun {newest.year} ({age} tahun, batas "
                         f"{config.stale_after_years} tahun)")
        detail_en.append(f"the decree setting it dates from {newest.year} ({age} years; limit "
                         f"{config.stale_after_years})")

    citations = match_regulations(text, decrees, config.regulations)
    # a repeal we could not confirm (confidence low) neither counts as current nor as replaced
    basis = [c for c in citations if c.role == "standard_basis" and c.in_basis_list
             and not (c.repealed_by and c.confidence == "low")]
    replaced = [c for c in basis if c.repealed_by]
    if replaced and len(replaced) == len(basis):
        reasons.append("repealed_basis")
        for c in replaced:
            evidence.append({"snippet": c.snippet, "value": c.label})
        names = "; ".join(f"{c.label} (diganti {c.repealed_by})" for c in replaced)
        names_en = "; ".join(f"{c.label} (replaced by {c.repealed_by})" for c in replaced)
        detail_id.append(f"dasar hukumnya hanya peraturan yang sudah diganti: {names}")
        detail_en.append(f"its only legal basis has been replaced: {names_en}")

    if not reasons:
        return None
    return StaleStandard(reasons=tuple(reasons), decree=newest, age_years=age,
                         repealed=tuple(replaced) if "repealed_basis" in reasons else (),
                         evidence=tuple(evidence), detail_id="; ".join(detail_id),
                         detail_en="; ".join(detail_en))
