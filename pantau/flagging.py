"""Gathers what scoring/flags.py's rules read of one stored run (findings, scored services, page texts,
dead standard links, site issues) and returns the run's flags as `flags` rows. Reads only; Store.score_run
writes the rows, so flags are replaced whenever a run is (re)scored."""

from __future__ import annotations

import importlib
import json
from datetime import date, datetime, timezone

from pantau.storage import loads_or
from scoring.flags import KINDS, MAX_TEXT_CHARS, Flag, RunFacts, flags_for_run

# The modules each kind needs beyond scoring/flags.py (other parts of pantau): a tree without one skips
# that kind instead of failing the scoring of a whole night.
NEEDS = {
    "fee_where_law_says_free": ("scoring.catalogue", "scoring.legal"),
    "stale_standard": ("scoring.legal",),
    "link_to_missing_standard": ("pantau.standard_links",),
}


def available_kinds() -> tuple[str, ...]:
    out = []
    for kind in KINDS:
        try:
            for module in NEEDS.get(kind, ()):
                importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name not in NEEDS.get(kind, ()):
                raise
            continue
        out.append(kind)
    return tuple(out)


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def run_facts(db, run_id: int, run: dict, kinds: tuple[str, ...]) -> RunFacts:
    """RunFacts of RUN_ID from the sqlite-utils database DB (after the run was scored)."""
    started = run.get("started_at") or datetime.now(timezone.utc).isoformat()
    try:
        run_date = date.fromisoformat(started[:10])
    except ValueError:
        run_date = datetime.now(timezone.utc).date()
    findings = [
        {**r, "value": loads_or(r["value"])}
        for r in db.query(
            "select id, page_id, unit, service, service_key, catalogue_id, component, value, snippet, url "
            "from findings where run_id = ? order by id", [run_id])
    ]
    catalogue = {(f["unit"], f["service_key"]): f["catalogue_id"] for f in findings if f["catalogue_id"]}
    first_url = {}
    for f in findings:
        first_url.setdefault((f["unit"], f["service_key"]), f["url"])
    services = [
        {"unit": r["unit"], "service": r["service"], "service_key": r["service_key"],
         "catalogue_id": catalogue.get((r["unit"], r["service_key"])),
         "url": first_url.get((r["unit"], r["service_key"])), "components": _mapping(loads_or(r["components"]))}
        for r in db.query("select unit, service, service_key, components from scores "
                          "where run_id = ? and level = 'service' order by id", [run_id])
    ]
    pages = []
    if "stale_standard" in kinds:
        pages = list(db.query(
            # only the head the rule reads: a night's page texts never all sit in memory
            "select p.id, p.url, p.unit, substr(p.text, 1, ?) as text from pages p where p.run_id = ? "
            "and p.text is not null and exists (select 1 from findings f where f.page_id = p.id) order by p.id",
            [MAX_TEXT_CHARS, run_id]))
    missing_links = []
    if "link_to_missing_standard" in kinds:
        from pantau.standard_links import missing_standard_links

        missing_links = missing_standard_links(db, run_id)
    issues = list(db.query("select unit, kind, detail, url from site_issues where run_id = ? order by id", [run_id]))
    return RunFacts(pemda_id=run["pemda_id"], run_date=run_date, findings=findings, services=services, pages=pages,
                    missing_links=missing_links, site_issues=issues)


def run_flags(db, run_id: int, run: dict) -> list[Flag]:
    kinds = available_kinds()
    return flags_for_run(run_facts(db, run_id, run, kinds), kinds=kinds)


def flag_rows(run_id: int, pemda_id: str, flags: list[Flag], at: str) -> list[dict]:
    return [
        {"run_id": run_id, "pemda_id": pemda_id, "unit": f.unit, "service": f.service, "catalogue_id": f.catalogue_id,
         "kind": f.kind, "severity": f.severity, "findings": json.dumps(list(f.findings)),
         "evidence": json.dumps(list(f.evidence), ensure_ascii=False, default=str),
         "message_id": f.message_id, "message_en": f.message_en, "at": at}
        for f in flags
    ]
