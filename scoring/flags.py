"""Flags: what one run's findings say beyond the score, as rules over rows (pure: rows in, Flag values out).

    flags_for_run(RunFacts(...)) -> [Flag(kind="fee_where_law_says_free", severity="high", ...), ...]

Kinds (config/flags.yaml holds severities, thresholds and the sentences; docs/flags.md the rationale):
- fee_where_law_says_free   a fee > 0 on a service that a rule of config/legal.yaml makes free;
- conflicting_values        one service of one pemda with two fees or two times on two pages;
- stale_standard            the standard's decree is older than the legal limit, or cites only repealed rules;
- missing_component         a published service without some of the six delivery components;
- link_to_missing_standard  a link to a standard / SOP / maklumat that leads to nothing readable;
- site_integrity            injected spam, hidden link farms or cloaking on a host.
Every flag carries the ids of the findings that raise it and its evidence ({url, snippet, value}).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import yaml
from pantau_config import read_text

from extractors.model import SERVICE_COMPONENTS, SPEC_BY_KEY

CONFIG_NAME = "flags.yaml"
KINDS = ("fee_where_law_says_free", "conflicting_values", "stale_standard", "missing_component",
         "link_to_missing_standard", "site_integrity")
MAX_EVIDENCE = 10  # evidence items per flag: a flag is read by a person
MAX_SNIPPET = 300
MAX_TEXT_CHARS = 200_000  # of a page's text searched for decrees (a decree is named near the top)


@dataclass(frozen=True)
class Flag:
    kind: str
    severity: str  # high | medium | low
    unit: str | None
    service: str | None
    catalogue_id: str | None
    findings: tuple[int, ...]
    evidence: tuple[dict, ...]  # {url, snippet, value}
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


@dataclass
class RunFacts:
    """What the rules read of one run (pantau/flagging.py gathers it from the database)."""

    pemda_id: str
    run_date: date  # the run's day: a decree's age is counted from it
    # {id, page_id, unit, service, service_key, catalogue_id, component, value (dict), snippet, url}
    findings: list[dict] = field(default_factory=list)
    # the run's scored services: {unit, service, service_key, catalogue_id, components {component: bool}}
    services: list[dict] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)  # pages holding findings: {id, url, unit, text}
    missing_links: list[dict] = field(default_factory=list)  # missing_standard_links() rows
    site_issues: list[dict] = field(default_factory=list)  # {unit, kind, detail, url}


class FlagsConfigError(ValueError):
    """config/flags.yaml is malformed."""


@lru_cache(maxsize=1)
def load_flags_config() -> dict[str, Any]:
    data = yaml.safe_load(read_text(CONFIG_NAME))
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise FlagsConfigError(f"{CONFIG_NAME}: needs a 'kinds' mapping")
    missing = [k for k in KINDS if k not in data["kinds"]]
    if missing:
        raise FlagsConfigError(f"{CONFIG_NAME}: no settings for {', '.join(missing)}")
    return data


def severity_rank(severity: str | None) -> int:
    """0 for the most serious severity; unknown severities last."""
    order = load_flags_config().get("severities") or ["high", "medium", "low"]
    return order.index(severity) if severity in order else len(order)


# -- words for values ------------------------------------------------------------------------------------


def _word(key: str, lang: str) -> str:
    return (load_flags_config().get("words") or {}).get(key, {}).get(lang, key)


def format_fee(amount: float | None, lang: str = "id") -> str:
    """"Rp 50.000" (Indonesian thousands dots), "gratis"/"free" for 0, "-" when unknown."""
    if amount is None:
        return "-"
    if amount == 0:
        return _word("free", lang)
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def format_days(days: float | None, lang: str = "id") -> str:
    if days is None:
        return "-"
    if days == 0:
        return _word("on_the_spot", lang)
    text = f"{days:g}" if days >= 1 else f"{days:.2f}".rstrip("0")
    return f"{text.replace('.', ',') if lang == 'id' else text} {_word('day' if days == 1 else 'days', lang)}"


def format_time(value: dict, lang: str = "id") -> str:
    """A waktu value as published: "3 hari kerja", "1 jam", "selesai di tempat"."""
    unit = value.get("unit")
    if unit == "on_the_spot" or value.get("amount") is None:
        return _word("on_the_spot", lang)
    amount = value["amount"]
    word = _word(unit, lang)
    return f"{amount:g} {word[:-1] if lang == 'en' and amount == 1 and word.endswith('s') else word}"


MAX_VALUE_CHARS = 500  # of one value put into a sentence: a page's service name or link text can be anything


class _Blank(dict):
    def __missing__(self, key):  # a template naming a value this flag lacks stays readable
        return "?"


def _fmt(template: str, **values: Any) -> str:
    short = {k: (v[: MAX_VALUE_CHARS - 1] + "…" if isinstance(v, str) and len(v) > MAX_VALUE_CHARS else v)
             for k, v in values.items()}
    return template.format_map(_Blank(short))


def _messages(kind_cfg: dict, key: str = "message", **values: Any) -> tuple[str, str]:
    m = kind_cfg[key]
    return _fmt(m["id"], **values), _fmt(m["en"], **values)


def _evidence(f: dict, value: Any = None) -> dict:
    return {"url": f.get("url"), "snippet": (f.get("snippet") or "")[:MAX_SNIPPET],
            "value": f.get("value") if value is None else value}


def _service_label(f: dict) -> str:
    """The service as published, else its catalogue name (a fee stated for the page's one service)."""
    if f.get("service"):
        return f["service"]
    if f.get("catalogue_id"):
        from scoring.catalogue import entry

        found = entry(f["catalogue_id"])
        return found.name if found else f["catalogue_id"]
    return "?"


def _has_word(text: str, words: Iterable[str]) -> bool:
    rx = _words_regex(tuple(words))
    return bool(rx and rx.search(text.casefold()))


@lru_cache(maxsize=32)
def _words_regex(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a word list, whole words only ("per hari" but not "super hari"; "/lembar" after a digit)."""
    if not words:
        return None

    def one(word: str) -> str:
        w = word.casefold().strip()
        return (r"(?<!\w)" if w[:1].isalnum() else "") + re.escape(w) + (r"(?!\w)" if w[-1:].isalnum() else "")

    return re.compile("|".join(one(w) for w in words if w.strip()) or r"(?!x)x")


# -- fee_where_law_says_free -----------------------------------------------------------------------------


def _free_rule(catalogue_id: str | None):
    """The free rule of a catalogue entry (scoring/legal.py), or None."""
    if not catalogue_id:
        return None
    from scoring.catalogue import entry
    from scoring.legal import free_rule_for

    found = entry(catalogue_id)
    return free_rule_for(found) if found else None


def _fee_amount(f: dict, not_a_fee: Iterable[str]) -> float | None:
    """The concrete fee of a biaya finding: amount > 0, not a fine or an outside charge; else None."""
    value = f.get("value") or {}
    amount = value.get("amount") if isinstance(value, dict) else None
    if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount <= 0 or value.get("free"):
        return None
    if _has_word(f"{value.get('text') or ''} {f.get('snippet') or ''}", not_a_fee):
        return None
    return float(amount)


def fee_where_law_says_free(facts: RunFacts, cfg: dict) -> list[Flag]:
    kind_cfg = cfg["kinds"]["fee_where_law_says_free"]
    rules: dict[str, Any] = {}
    groups: dict[tuple[str, str], list[tuple[dict, float]]] = {}
    for f in facts.findings:
        catalogue_id = f.get("catalogue_id")
        if f.get("component") != "biaya" or not catalogue_id:
            continue
        if catalogue_id not in rules:
            rules[catalogue_id] = _free_rule(catalogue_id)
        rule = rules[catalogue_id]
        if rule is None:
            continue
        not_a_fee = (*(kind_cfg.get("not_a_fee_words") or ()), *(getattr(rule, "not_a_fee", None) or ()))
        amount = _fee_amount(f, not_a_fee)
        if amount is not None:
            groups.setdefault((f["unit"], catalogue_id), []).append((f, amount))
    out = []
    for (unit, catalogue_id), hits in sorted(groups.items()):
        rule = rules[catalogue_id]
        hits = hits[:MAX_EVIDENCE]
        first, amount = hits[0]
        fees = sorted({a for _, a in hits})
        mid, men = _messages(kind_cfg, service=_service_label(first), unit=unit,
                             fee=", ".join(format_fee(a) for a in fees), citation=rule.citation,
                             rule_id=rule.text_id, rule_en=rule.text_en)
        out.append(Flag("fee_where_law_says_free", kind_cfg["severity"], unit, _service_label(first), catalogue_id,
                        tuple(f["id"] for f, _ in hits), tuple(_evidence(f) for f, _ in hits), mid, men))
    return out


# -- conflicting_values ----------------------------------------------------------------------------------

# "1-3", "1 – 3", "1 s.d. 3", "1 s/d 3", "1 sampai dengan 3", "1 hingga 3"
_TO = r"(?:-|–|—|s\s?[./]?\s?d\b\.?|sampai(?:\s+dengan)?|hingga)"
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:" + _TO + r"|atau|/)\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)
_DAYS_PER = {"days": 1.0, "working_days": 1.0, "hours": 1 / 24, "minutes": 1 / 1440}
_CONVERTED_SCALES = (1.0, 7.0, 30.0)  # waktu converts weeks and months to days (config/vocabulary.yaml)
WORKING_TO_CALENDAR = 7 / 5  # N working days span at most N * 7/5 calendar days


def days_interval(value: dict) -> tuple[float, float] | None:
    """A waktu value as [least, most] calendar days: ranges keep both ends, working days may span weekends,
    on the spot is within the day."""
    if not isinstance(value, dict):
        return None
    unit, amount = value.get("unit"), value.get("amount")
    if unit == "on_the_spot":
        return 0.0, 1.0
    if unit not in _DAYS_PER or not isinstance(amount, (int, float)):
        return None
    per = _DAYS_PER[unit]
    low = high = float(amount)
    m = _RANGE.search(str(value.get("text") or ""))
    if m:  # the extractor keeps a range's upper end; the text still holds the lower one
        a, b = (float(x.replace(",", ".")) for x in m.groups())
        # in the text's own unit: "1-2 minggu" was converted to 14 days, so the lower end is 1 week
        scale = high / b if b else 0
        if a < b and scale in _CONVERTED_SCALES:
            low = a * scale
    high_days = high * per * (WORKING_TO_CALENDAR if unit == "working_days" else 1)
    return low * per, high_days


# A fee range as written: "Rp 10.000 s.d. Rp 50.000", "Rp 5.000 - 25.000" (not "/" or "atau": a rate, a choice)
_RUPIAH = r"(\d{1,3}(?:[.,]\d{3})+|\d+)(?:,-|,00)?"
_FEE_RANGE = re.compile(_RUPIAH + r"\s*" + _TO + r"\s*(?:rp\.?\s*)?" + _RUPIAH, re.IGNORECASE)


def fee_interval(value: dict) -> tuple[float, float] | None:
    """A biaya value as [least, most] Rupiah. The extractor keeps a range's lower end; the text still holds the
    upper one, so "Rp 10.000 s.d. Rp 50.000" is [10000, 50000] and agrees with a page saying Rp 50.000."""
    amount = value.get("amount") if isinstance(value, dict) else None
    if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount < 0:
        return None
    low = high = float(amount)
    for m in _FEE_RANGE.finditer(str(value.get("text") or "")[:MAX_SNIPPET]):
        a, b = (float(re.sub(r"[.,]", "", x)) for x in m.groups())
        if a == low and b > a:
            high = b
            break
    return low, high


def _group_key(f: dict) -> str | None:
    """Findings of the same service: the same catalogue entry, or (unmatched) the same service name."""
    if f.get("catalogue_id"):
        return f"catalogue:{f['catalogue_id']}"
    return f"name:{f['service_key']}" if f.get("service_key") else None


def _fee_conflicts(findings: list[dict], kind_cfg: dict) -> list[tuple[dict, dict]]:
    """Per basis (a total, or a rate per item), the two fees on different pages furthest apart."""
    per_item_words = kind_cfg.get("per_item_words") or ()
    by_basis: dict[str, list[tuple[tuple[float, float], dict]]] = {}
    for f in findings:
        interval = fee_interval(f.get("value"))
        if interval is not None:
            basis = "per_item" if _has_word(str(f["value"].get("text") or ""), per_item_words) else "total"
            by_basis.setdefault(basis, []).append((interval, f))
    pairs = [_most_apart(items, 0.0) for _, items in sorted(by_basis.items())]
    return [p for p in pairs if p]


def _time_conflict(findings: list[dict], tolerance: float) -> tuple[dict, dict] | None:
    """Two times on different pages whose day intervals are more than TOLERANCE days apart."""
    return _most_apart([(iv, f) for f in findings if (iv := days_interval(f.get("value"))) is not None], tolerance)


MAX_COMPARED = 50  # values of one service compared pairwise: a hostile site may publish thousands


def _most_apart(items: list[tuple[tuple[float, float], dict]], tolerance: float) -> tuple[dict, dict] | None:
    """The two findings on different pages whose [low, high] intervals are furthest apart, lower one first,
    when the gap exceeds TOLERANCE. Overlapping intervals (a range and a value inside it) never conflict; two
    values on one page are a table of tiers or classes, not a conflict."""
    best, best_gap = None, tolerance
    items = items[:MAX_COMPARED]
    for i, (a, fa) in enumerate(items):
        for b, fb in items[i + 1:]:
            if fa.get("url") == fb.get("url"):
                continue
            gap = max(a[0], b[0]) - min(a[1], b[1])  # > 0: the intervals are apart
            if gap > best_gap:
                best, best_gap = ((fa, fb) if a[0] <= b[0] else (fb, fa)), gap
    return best


def _show_fee(f: dict, lang: str) -> str:
    low, high = fee_interval(f.get("value")) or (None, None)
    return format_fee(low, lang) if low == high else f"{format_fee(low, lang)}–{format_fee(high, lang)}"


def _show_time(f: dict, lang: str) -> str:
    return format_time(f.get("value") or {}, lang)


def conflicting_values(facts: RunFacts, cfg: dict) -> list[Flag]:
    kind_cfg = cfg["kinds"]["conflicting_values"]
    groups: dict[tuple[str, str], list[dict]] = {}
    for f in facts.findings:
        key = _group_key(f)
        if key and f.get("component") in ("biaya", "waktu"):
            groups.setdefault((key, f["component"]), []).append(f)
    out = []
    for (key, component), findings in sorted(groups.items()):
        if component == "biaya":
            pairs, show, what = _fee_conflicts(findings, kind_cfg), _show_fee, ("fee", "fee")
        else:
            pair = _time_conflict(findings, float(kind_cfg.get("days_tolerance") or 0))
            pairs, show, what = ([pair] if pair else []), _show_time, ("time", "time")
        for a, b in pairs:
            service = _service_label(a if a.get("service") else b)
            units = sorted({a["unit"], b["unit"]})
            mid = _fmt(kind_cfg["message"]["id"], what_id=_word(what[0], "id"), service=service,
                       a=show(a, "id"), b=show(b, "id"), url_a=a.get("url"), url_b=b.get("url"))
            men = _fmt(kind_cfg["message"]["en"], what_en=_word(what[1], "en"), service=service,
                       a=show(a, "en"), b=show(b, "en"), url_a=a.get("url"), url_b=b.get("url"))
            out.append(Flag("conflicting_values", kind_cfg["severity"], units[0] if len(units) == 1 else None,
                            service, a.get("catalogue_id") or b.get("catalogue_id"), (a["id"], b["id"]),
                            (_evidence(a), _evidence(b)), mid, men))
    return out


# -- stale_standard --------------------------------------------------------------------------------------


def stale_standard(facts: RunFacts, cfg: dict) -> list[Flag]:
    """scoring/legal.py's verdict over the text of each page holding findings, one flag per unit and reason."""
    from scoring.legal import stale_standard as stale_verdict

    kind_cfg = cfg["kinds"]["stale_standard"]
    by_page: dict[Any, list[dict]] = {}
    for f in facts.findings:
        by_page.setdefault(f.get("page_id"), []).append(f)
    seen: set[tuple] = set()
    out = []
    for page in facts.pages:
        text = (page.get("text") or "")[:MAX_TEXT_CHARS]
        held = by_page.get(page.get("id")) or []
        if not text or not held:
            continue
        verdict = stale_verdict(text, facts.run_date)
        if verdict is None:
            continue
        d = verdict.decree
        key = (page.get("unit"), verdict.reasons, (d.kind, d.number, d.year) if d else None,
               tuple(c.label for c in verdict.repealed))
        if key in seen:  # the same decree on several pages of one unit: one flag
            continue
        seen.add(key)
        services = {f.get("service") for f in held if f.get("service")}
        catalogue = {f.get("catalogue_id") for f in held if f.get("catalogue_id")}
        mid, men = _messages(kind_cfg, unit=page.get("unit"), detail_id=verdict.detail_id,
                             detail_en=verdict.detail_en)
        evidence = tuple({"url": page.get("url"), "snippet": (e.get("snippet") or "")[:MAX_SNIPPET],
                          "value": e.get("value")} for e in verdict.evidence[:MAX_EVIDENCE])
        out.append(Flag("stale_standard", kind_cfg["severity"], page.get("unit"),
                        services.pop() if len(services) == 1 else None,
                        catalogue.pop() if len(catalogue) == 1 else None,
                        tuple(f["id"] for f in held[:MAX_EVIDENCE]), evidence, mid, men))
    return out


# -- missing_component -----------------------------------------------------------------------------------


def _component_label(key: str, lang: str) -> str:
    spec = SPEC_BY_KEY.get(key)
    return (spec.label_en if lang == "en" else spec.label_id).lower() if spec else key


def _services_by_catalogue(services: list[dict]) -> list[tuple[dict, dict, list]]:
    """(service, components, service keys) per service of a unit: the services one catalogue entry matches
    are one service ("Akta Kelahiran" and "Akta Kelahiran (ringkas)", a tariff page, publish one standard
    between them); the named service is the one publishing the most components."""
    groups: dict[tuple, list[dict]] = {}
    for s in services:
        key = ("catalogue", s["catalogue_id"]) if s.get("catalogue_id") else ("name", s.get("service_key"))
        groups.setdefault((s.get("unit"), key), []).append(s)
    out = []
    for group in groups.values():
        def published(s: dict) -> int:
            return sum(bool((s.get("components") or {}).get(c)) for c in SERVICE_COMPONENTS)

        main = max(group, key=published)  # the first of the most complete
        union = {c: any((s.get("components") or {}).get(c) for s in group) for c in SERVICE_COMPONENTS}
        out.append((main, union, list(dict.fromkeys(s.get("service_key") for s in [main, *group]))))
    return out


def missing_component(facts: RunFacts, cfg: dict) -> list[Flag]:
    kind_cfg = cfg["kinds"]["missing_component"]
    order = [c for c in kind_cfg.get("fix_order") or () if c in SERVICE_COMPONENTS]
    order += [c for c in SERVICE_COMPONENTS if c not in order]
    bands = sorted(kind_cfg["severity_by_missing"], key=lambda b: -int(b["missing"]))
    published: dict[tuple, list[dict]] = {}  # (unit, service key) -> its findings, looked up once per service
    for f in facts.findings:
        if f.get("service_key"):
            published.setdefault((f.get("unit"), f["service_key"]), []).append(f)
    out = []
    for s, components, keys in _services_by_catalogue(facts.services):
        if not any(components.get(c) for c in SERVICE_COMPONENTS):
            continue  # nothing published: not a published standard, nothing to complete
        missing = [c for c in order if not components.get(c)]
        if not missing:
            continue
        severity = next((b["severity"] for b in bands if len(missing) >= int(b["missing"])), "low")
        labels = {lang: [_component_label(c, lang) for c in missing] for lang in ("id", "en")}
        mid = _fmt(kind_cfg["message"]["id"], service=s.get("service"), unit=s.get("unit"), count=len(missing),
                   missing=", ".join(labels["id"]), first=labels["id"][0])
        men = _fmt(kind_cfg["message"]["en"], service=s.get("service"), unit=s.get("unit"), count=len(missing),
                   missing=", ".join(labels["en"]), first=labels["en"][0])
        present = [f for key in keys for f in published.get((s.get("unit"), key), [])][:MAX_EVIDENCE]
        # evidence: where the incomplete standard is published (what is there), and what is missing
        evidence = tuple(_evidence(f) for f in present) or ({"url": s.get("url"), "snippet": "", "value": None},)
        evidence = ({**evidence[0], "value": {"missing": missing, "published": evidence[0]["value"]}},) + evidence[1:]
        out.append(Flag("missing_component", severity, s.get("unit"), s.get("service"), s.get("catalogue_id"),
                        tuple(f["id"] for f in present), evidence, mid, men))
    return out


# -- link_to_missing_standard ----------------------------------------------------------------------------


def link_to_missing_standard(facts: RunFacts, cfg: dict) -> list[Flag]:
    kind_cfg = cfg["kinds"]["link_to_missing_standard"]
    problems = kind_cfg.get("problems") or {}
    per_unit: dict[str, int] = {}
    seen: set[tuple] = set()
    out = []
    for link in facts.missing_links:
        unit, target = link.get("unit"), link.get("target")
        key = (unit, target)
        if key in seen or per_unit.get(unit, 0) >= int(kind_cfg.get("max_per_unit") or 20):
            continue
        seen.add(key)
        per_unit[unit] = per_unit.get(unit, 0) + 1
        problem = str(link.get("problem") or "")
        name, _, detail = problem.partition(":")
        words = problems.get(name) or problems.get("error") or {}
        text = (link.get("text") or "").strip()[:120]
        mid = _fmt(kind_cfg["message"]["id"], unit=unit, text=text, target=target,
                   problem=_fmt(words.get("id", problem), detail=detail or problem))
        men = _fmt(kind_cfg["message"]["en"], unit=unit, text=text, target=target,
                   problem=_fmt(words.get("en", problem), detail=detail or problem))
        out.append(Flag("link_to_missing_standard", kind_cfg["severity"], unit, None, None, (),
                        ({"url": link.get("url"), "snippet": text, "value": {"target": target, "problem": problem}},),
                        mid, men))
    return out


# -- site_integrity --------------------------------------------------------------------------------------


def site_integrity(facts: RunFacts, cfg: dict) -> list[Flag]:
    kind_cfg = cfg["kinds"]["site_integrity"]
    kinds = tuple(kind_cfg.get("issue_kinds") or ())
    labels = kind_cfg.get("kind_labels") or {}
    limit = int(kind_cfg.get("max_examples") or 5)
    by_unit: dict[str, list[dict]] = {}
    for issue in facts.site_issues:
        if issue.get("kind") in kinds:
            by_unit.setdefault(issue.get("unit"), []).append(issue)
    out = []
    for unit, issues in sorted(by_unit.items(), key=lambda x: x[0] or ""):
        present = [k for k in kinds if any(i["kind"] == k for i in issues)]
        examples = []
        for i in issues:
            if i.get("url") and i["url"] not in examples:
                examples.append(i["url"])
        examples = examples[:limit]
        values = {
            "unit": unit, "count": len(issues), "examples": ", ".join(examples) or "-",
            "kinds_id": ", ".join(labels.get(k, {}).get("id", k) for k in present),
            "kinds_en": ", ".join(labels.get(k, {}).get("en", k) for k in present),
        }
        mid, men = _messages(kind_cfg, **values)
        evidence = tuple({"url": i.get("url"), "snippet": (i.get("detail") or "")[:MAX_SNIPPET],
                          "value": {"kind": i["kind"]}} for i in issues[:limit])
        out.append(Flag("site_integrity", kind_cfg["severity"], unit, None, None, (), evidence, mid, men))
    return out


RULES = {
    "fee_where_law_says_free": fee_where_law_says_free,
    "conflicting_values": conflicting_values,
    "stale_standard": stale_standard,
    "missing_component": missing_component,
    "link_to_missing_standard": link_to_missing_standard,
    "site_integrity": site_integrity,
}


def flags_for_run(facts: RunFacts, config: dict | None = None, kinds: Iterable[str] = KINDS) -> list[Flag]:
    """Every flag of one run, most serious first."""
    cfg = config or load_flags_config()
    out: list[Flag] = []
    for kind in kinds:
        out.extend(RULES[kind](facts, cfg))
    return sorted(out, key=lambda f: (severity_rank(f.severity), KINDS.index(f.kind), f.unit or "", f.service or ""))
