"""What changed between two runs of a pemda: services and components that appeared or disappeared, scores."""

from __future__ import annotations

import json


def _published(store, run_id: int) -> dict[tuple[str, str], set[str]]:
    """{(unit, service_key or "(unit)"): {components}} published in a run."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in store.db.query("select unit, coalesce(service_key, '(unit)') as service, component from findings "
                            "where run_id = ?", [run_id]):
        out.setdefault((r["unit"], r["service"]), set()).add(r["component"])
    return out


def _names(store, run_id: int) -> dict[tuple[str, str], str]:
    return {(r["unit"], r["service_key"]): r["service"] for r in store.db.query(
        "select distinct unit, service_key, service from findings where run_id = ? and service_key is not null",
        [run_id])}


def _score(store, run_id: int, level: str, unit: str | None = None) -> float | None:
    sql = "select score from scores where run_id = ? and level = ?" + (" and unit = ?" if unit else "")
    row = store.db.execute(sql, [run_id, level] + ([unit] if unit else [])).fetchone()
    return row[0] if row else None


def diff_runs(store, run_a: int, run_b: int) -> dict:
    """Changes from RUN_A (older) to RUN_B (newer). An unknown run id raises storage.UnknownRun."""
    store.get_run(run_a)
    pemda = store.get_run(run_b)["pemda_id"]
    a, b = _published(store, run_a), _published(store, run_b)
    names = {**_names(store, run_a), **_names(store, run_b)}
    changes = []
    for key in sorted(set(a) | set(b)):
        before, after = a.get(key, set()), b.get(key, set())
        if before == after:
            continue
        unit, service = key
        kind = "service appeared" if not before else "service disappeared" if not after else "components changed"
        changes.append({
            "unit": unit, "service": names.get(key, service), "change": kind,
            "appeared": sorted(after - before), "disappeared": sorted(before - after),
        })
    score_a, score_b = _score(store, run_a, "pemda"), _score(store, run_b, "pemda")
    return {
        "pemda_id": pemda, "run_a": run_a, "run_b": run_b, "score_a": score_a, "score_b": score_b,
        "score_change": None if score_a is None or score_b is None else round(score_b - score_a, 2),
        "changes": changes,
    }


def latest_pairs(store) -> list[tuple[int, int]]:
    """For every pemda, its last two runs that got past the crawl (finished or interrupted)."""
    pairs = []
    for r in store.db.query("select pemda_id, group_concat(id) as ids from (select pemda_id, id from runs "
                            "where status in ('finished', 'interrupted') order by id desc) group by pemda_id"):
        ids = [int(i) for i in r["ids"].split(",")][:2]
        if len(ids) == 2:
            pairs.append((ids[1], ids[0]))
    return sorted(pairs)


def format_diff(diff: dict) -> str:
    score = ""
    if diff["score_change"] is not None:
        score = f"  score {diff['score_a']:.2f} -> {diff['score_b']:.2f} ({diff['score_change']:+.2f})"
    lines = [f"{diff['pemda_id']}: run {diff['run_a']} -> {diff['run_b']}{score}"]
    if not diff["changes"]:
        lines.append("  no change in published components")
    for c in diff["changes"]:
        detail = ", ".join([f"+{x}" for x in c["appeared"]] + [f"-{x}" for x in c["disappeared"]])
        lines.append(f"  {c['unit']} · {c['service']}: {c['change']} ({detail})")
    return "\n".join(lines)


def as_json(diffs: list[dict]) -> str:
    return json.dumps(diffs, indent=2, ensure_ascii=False)
