"""Everything a per-pemda report shows, read from the database for one run. Reads only: a report never writes.

Works on a plain sqlite3 connection, so the CLI (read-only file connection) and `pantau serve` (Datasette's
`execute_fn`) share it. A run not scored yet is scored in memory with the run's own scoring config.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scoring import ScoringConfig, load_config, score_pemda
from scoring.config import Band

# Runs that get no grade: nothing of the site was read, so a score would say nothing of what it publishes.
UNGRADED_STATUSES = ("unreachable", "failed")
# Files a pemda publishes its standard, SK or maklumat as.
DOCUMENT_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|odt|ods|rtf|jpe?g|png)$", re.IGNORECASE)


class ReportError(Exception):
    """The report cannot be made: no such database, run or pemda."""


@dataclass
class Report:
    run: dict
    pemda: dict
    score: float
    zone: str
    letter: str | None
    config: ScoringConfig
    units: list[dict]  # PemdaScore.to_dict()["units"] shape, plus pages/pages_ok
    pemda_points: dict[str, float]  # counted unit -> its share of the pemda score
    findings: dict[int, dict]  # id -> finding row
    unreachable: list[dict]  # {unit, errors: {kind: n}}
    broken: list[dict]  # error rows on links to standard documents and pages
    errors_by_kind: dict[str, int]
    site_issues: list[dict]
    pages: int = 0
    pages_ok: int = 0
    flags: list[dict] = field(default_factory=list)  # scoring/flags.py's flags of the run, most serious first

    @property
    def graded(self) -> bool:
        return self.run["status"] not in UNGRADED_STATUSES and self.pages_ok > 0


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write; a missing or non-SQLite file is a ReportError."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"no database at {path}")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        conn.execute("select count(*) from runs").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ReportError(f"{path} is not a pantau database ({exc})") from None
    return conn


def find_run(conn: sqlite3.Connection, run_id: int | None = None, domain: str | None = None) -> int:
    """The run to report: RUN_ID, else DOMAIN's latest finished run (its latest run if none finished), else
    the database's latest run."""
    if run_id is not None:
        row = conn.execute("select pemda_id from runs where id = ?", [run_id]).fetchone()
        if not row:
            raise ReportError(f"no run {run_id} in the database")
        if domain is not None and row[0] != normalise_domain(domain):
            raise ReportError(f"run {run_id} is an audit of {row[0]}, not of {normalise_domain(domain)}")
        return int(run_id)
    if domain is not None:
        pemda = normalise_domain(domain)
        row = conn.execute(
            "select coalesce(max(case when status = 'finished' then id end), max(id)) from runs where pemda_id = ?",
            [pemda]).fetchone()
        if not row or row[0] is None:
            raise ReportError(f"no run of {pemda} in the database")
        return int(row[0])
    row = conn.execute("select max(id) from runs").fetchone()
    if not row or row[0] is None:
        raise ReportError("the database holds no run yet: run `pantau audit DOMAIN` or `pantau demo` first")
    return int(row[0])


def normalise_domain(domain: str) -> str:
    """`https://www.Foo.go.id/` -> `foo.go.id`: what users paste, as pemda ids are stored."""
    text = domain.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname or text
    return host.removeprefix("www.")


def load_report(conn: sqlite3.Connection, run_id: int) -> Report:
    try:
        return _load(conn, run_id)
    except sqlite3.DatabaseError as exc:  # e.g. a database from an older pantau, not migrated yet
        raise ReportError(f"cannot read run {run_id}: {exc}") from None


def _load(conn: sqlite3.Connection, run_id: int) -> Report:
    run = _one(conn, "select * from runs where id = ?", [run_id])
    if run is None:
        raise ReportError(f"no run {run_id} in the database")
    pemda = _one(conn, "select * from pemda where id = ?", [run["pemda_id"]]) or {"id": run["pemda_id"]}
    config = _run_config(run)
    page_counts = {r["unit"]: r for r in _all(
        conn, "select unit, count(*) as pages, sum(status >= 200 and status < 400) as pages_ok "
              "from pages where run_id = ? group by unit", [run_id])}
    findings = {f["id"]: f for f in _all(conn, "select * from findings where run_id = ? order by id", [run_id])}
    scored = _stored_scores(conn, run_id) or _scored_in_memory(run["pemda_id"], page_counts, findings, config)
    errors = _all(conn, "select * from errors where run_id = ? order by id", [run_id])
    for unit in scored["units"]:
        counts = page_counts.get(unit["unit"]) or {}
        unit["pages"], unit["pages_ok"] = counts.get("pages") or 0, counts.get("pages_ok") or 0
    unreachable = _unreachable(errors, page_counts)
    by_kind: dict[str, int] = {}
    for e in errors:
        by_kind[e["kind"]] = by_kind.get(e["kind"], 0) + 1
    return Report(
        run=run, pemda=pemda, score=scored["score"], zone=scored["zone"], letter=scored["letter"], config=config,
        units=scored["units"], pemda_points=scored["points"], findings=findings, unreachable=unreachable,
        broken=[e for e in errors if _is_broken_standard_link(e)],
        errors_by_kind=dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
        site_issues=_all(conn, "select * from site_issues where run_id = ? order by unit, kind", [run_id]),
        pages=sum(c["pages"] or 0 for c in page_counts.values()),
        pages_ok=sum(c["pages_ok"] or 0 for c in page_counts.values()),
        flags=_flags(conn, run_id),
    )


def _flags(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """The run's flags with their evidence; none in a database from a pantau before flags."""
    if not conn.execute("select 1 from sqlite_master where type = 'table' and name = 'flags'").fetchone():
        return []
    rows = _all(conn, "select * from flags where run_id = ? order by id", [run_id])
    for r in rows:
        r["evidence"] = [e for e in _loads(r["evidence"], []) or [] if isinstance(e, dict)]
    return rows


def band_ranges(bands: tuple[Band, ...]) -> list[tuple[str, float, float]]:
    """(name, low, high) per band, highest first: a band ends 0.01 below the next one's min (scores have two
    decimals), the top one at 100."""
    out, high = [], 100.0
    for band in bands:  # highest min first
        out.append((band.name, band.min, high))
        high = round(band.min - 0.01, 2)
    return out


def unit_of_url(url: str | None) -> str:
    from crawler.spiders.pemda import unit_of  # the crawler's own meaning of a unit

    return unit_of(urlsplit(url or "").hostname or "")


def _is_broken_standard_link(error: dict) -> bool:
    """A dead link to a document or page that looks like a standard, SK, SOP or maklumat (the 404 on an SP PDF)."""
    from crawler.spiders.pemda import STANDARD_IMAGE  # the words the crawler reads as "a standard lives here"
    from pantau.outcome import fetch_failure  # the kinds that mean "no usable answer"

    kind, url = error["kind"] or "", error["url"] or ""
    if not (kind.startswith("http_") or fetch_failure(kind)):
        return False
    path = urlsplit(url).path
    return bool(DOCUMENT_SUFFIX.search(path) or STANDARD_IMAGE.search(path))


def _unreachable(errors: list[dict], page_counts: dict[str, dict]) -> list[dict]:
    """OPD sites the crawl heard of (a link failed) but never got a good page from."""
    by_unit: dict[str, dict[str, int]] = {}
    for e in errors:
        unit = unit_of_url(e["url"])
        if not unit or (page_counts.get(unit) or {}).get("pages_ok"):
            continue
        kinds = by_unit.setdefault(unit, {})
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    return [{"unit": u, "errors": k} for u, k in sorted(by_unit.items())]


def _run_config(run: dict) -> ScoringConfig:
    """The scoring config the run was scored with (stored with it), else today's."""
    raw = _loads(run.get("scoring_config"), None)
    if isinstance(raw, dict):
        try:
            return ScoringConfig.from_dict(raw)
        except ValueError:
            pass
    return load_config()


def _stored_scores(conn: sqlite3.Connection, run_id: int) -> dict | None:
    """The run's `scores` rows in PemdaScore.to_dict() shape; None when the run is not scored."""
    rows = _all(conn, "select * from scores where run_id = ? order by case level when 'pemda' then 0 "
                      "when 'unit' then 1 else 2 end, score desc, unit, service_key", [run_id])
    top = next((r for r in rows if r["level"] == "pemda"), None)
    if top is None:
        return None
    units: dict[str, dict] = {}
    for r in rows:
        parts = {k: _loads(r[k], {}) for k in ("components", "points", "evidence")}
        if r["level"] == "unit":
            units[r["unit"]] = {"unit": r["unit"], "score": r["score"], "zone": r["zone"], "letter": r["letter"],
                                "counted": bool(r["counted"]), **parts, "services": []}
        elif r["level"] == "service" and r["unit"] in units:
            units[r["unit"]]["services"].append({
                "name": r["service"], "key": r["service_key"], "score": r["score"], "zone": r["zone"],
                "letter": r["letter"], **parts, "inherited": _loads(r["inherited"], []) or []})
    ordered = sorted(units.values(), key=lambda u: (-u["score"], u["unit"]))
    return {"score": top["score"], "zone": top["zone"], "letter": top["letter"],
            "points": _loads(top["points"], {}), "units": ordered}


def _scored_in_memory(pemda_id: str, page_counts: dict[str, dict], findings: dict[int, dict],
                      config: ScoringConfig) -> dict:
    result = score_pemda(pemda_id, [dict(c) for c in page_counts.values()], findings.values(), config).to_dict()
    result["units"].sort(key=lambda u: (-u["score"], u["unit"]))
    return result


def _one(conn: sqlite3.Connection, sql: str, params: list) -> dict | None:
    rows = _all(conn, sql, params)
    return rows[0] if rows else None


def _all(conn: sqlite3.Connection, sql: str, params: list) -> list[dict]:
    cursor = conn.cursor()  # rows as dicts without changing the connection (Datasette shares its own)
    cursor.row_factory = sqlite3.Row
    return [dict(r) for r in cursor.execute(sql, params).fetchall()]


def _loads(text: Any, default: Any) -> Any:
    if not isinstance(text, str):
        return default if text is None else text
    try:
        return json.loads(text)
    except ValueError:
        return default
