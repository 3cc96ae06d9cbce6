"""`pantau export`: a dated snapshot of stored runs as CSV, XLSX or JSON, for people who work in spreadsheets.

Two tables, like GSA Site Scanning's snapshot files:
- findings ("temuan"): one row per pemda x unit x service x component, published or not, with the evidence
  (URL, normalised value, snippet) of the first finding that earned it; unit-wide components (maklumat,
  pengaduan) have a row per unit with an empty service;
- scores ("skor"): one row per pemda, unit and service with score, zone and letter.

The database is opened read-only (Store(readonly=True)): exporting never writes to it. Headers are in Bahasa
Indonesia by default (`lang="en"` for English); JSON keys are the stable English column keys.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from extractors.model import COMPONENT_SPECS
from pantau.storage import VIEWS, Store, StoreError, UnknownRun

FORMATS = ("csv", "xlsx", "json")

# (key, Bahasa Indonesia header, English header)
RUN_COLUMNS = (  # the columns both tables open with: which run, which pemda
    ("run_id", "Run", "Run"),
    ("pemda_id", "Domain pemda", "Pemda domain"),
    ("pemda_name", "Nama pemda", "Pemda name"),
    ("province", "Provinsi", "Province"),
    ("crawled_on", "Tanggal crawl", "Crawl date"),
)
FINDING_COLUMNS = RUN_COLUMNS + (
    ("unit", "Unit (OPD)", "Unit (OPD)"),
    ("service", "Layanan", "Service"),
    ("component", "Komponen", "Component"),
    ("published", "Dipublikasikan", "Published"),
    ("from_unit", "Berlaku dari unit", "Inherited from unit"),
    ("evidence_url", "URL bukti", "Evidence URL"),
    ("value", "Nilai", "Value"),
    ("snippet", "Cuplikan", "Snippet"),
    ("source", "Sumber", "Source"),
    ("method", "Metode (aturan / model)", "Method (rule / learned)"),
    ("finding_id", "ID temuan", "Finding id"),
    ("evidence_count", "Jumlah bukti", "Evidence count"),
)
SCORE_COLUMNS = RUN_COLUMNS + (
    ("level", "Tingkat", "Level"),
    ("unit", "Unit (OPD)", "Unit (OPD)"),
    ("service", "Layanan", "Service"),
    ("score", "Skor", "Score"),
    ("zone", "Zona", "Zone"),
    ("letter", "Kategori", "Category"),
)
WORDS = {
    "id": {"findings": "temuan", "scores": "skor", "about": "tentang", True: "ya", False: "tidak"},
    "en": {"findings": "findings", "scores": "scores", "about": "about", True: "yes", False: "no"},
}
SERVICE_KEYS = tuple(s.key for s in COMPONENT_SPECS if s.per_service)
UNIT_KEYS = tuple(s.key for s in COMPONENT_SPECS if s.per_unit)
# A cell starting with these is a formula to a spreadsheet program: CSV cells from crawled text are escaped.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(StoreError):
    """Nothing to export, or an output pantau cannot write: the user's mistake, one line."""


@dataclass
class Snapshot:
    date: str  # the latest crawl date among the runs, YYYY-MM-DD: the snapshot's name
    runs: list[int]
    findings: list[dict[str, Any]]
    scores: list[dict[str, Any]]
    generated_at: str


def snapshot(db: str | Path, run_ids: Iterable[int] = ()) -> Snapshot:
    """Read the runs (default: the latest finished, scored run of every pemda) without writing."""
    with Store(db, readonly=True) as store:
        run_ids = list(run_ids) or _latest_runs(store)
        if not run_ids:
            raise ExportError(f"{db} holds no finished, scored run to export: run `pantau audit DOMAIN` first")
        findings: list[dict] = []
        scores: list[dict] = []
        dates = []
        for run_id in run_ids:
            run = _run(store, run_id)
            dates.append(run["crawled_on"])
            rows = list(store.db.query(
                "select * from scores where run_id = ? order by case level when 'pemda' then 0 when 'unit' then 1 "
                "else 2 end, unit, service_key", [run_id]))
            if not rows:
                raise ExportError(f"run {run_id} has not been scored yet: `pantau report --run {run_id}` shows it")
            scores.extend({**run, "level": r["level"], "unit": r["unit"], "service": r["service"],
                           "score": r["score"], "zone": r["zone"], "letter": r["letter"]} for r in rows)
            findings.extend(_component_rows(store, run, rows))
    return Snapshot(date=max(dates), runs=run_ids, findings=findings, scores=scores,
                    generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def _latest_runs(store: Store) -> list[int]:
    """The latest finished, scored run of each pemda: the `latest_runs` view's own SQL, inlined, because a
    read-only database from an older pantau may not have the view yet."""
    return [r[0] for r in store.db.execute(f"select run_id from ({VIEWS['latest_runs']}) order by pemda_id")]


def _run(store: Store, run_id: int) -> dict:
    rows = list(store.db.query(
        "select r.id, r.pemda_id, r.started_at, p.name, p.province from runs r left join pemda p on p.id = r.pemda_id "
        "where r.id = ?", [run_id]))
    if not rows:
        raise UnknownRun(f"{store.path} holds no run {run_id}")
    r = rows[0]
    return {"run_id": r["id"], "pemda_id": r["pemda_id"], "pemda_name": r["name"], "province": r["province"],
            "crawled_on": (r["started_at"] or "")[:10]}


def _component_rows(store: Store, run: dict, score_rows: list[dict]) -> list[dict]:
    """One row per unit x service x component (service scores) and per unit x unit-wide component."""
    wanted = []
    for r in score_rows:
        if r["level"] not in ("service", "unit"):
            continue
        components, evidence = json.loads(r["components"] or "{}"), json.loads(r["evidence"] or "{}")
        inherited = set(json.loads(r["inherited"] or "[]"))
        keys = SERVICE_KEYS if r["level"] == "service" else UNIT_KEYS
        for key in keys:
            ids = evidence.get(key) or []
            wanted.append((r, key, bool(components.get(key)), key in inherited, ids))
    first_ids = [ids[0] for *_, ids in wanted if ids]
    # a database an older pantau wrote has no method column (export opens read-only and never migrates)
    method = "method" if "method" in store.db["findings"].columns_dict else "null as method"
    found = {}
    for chunk in range(0, len(first_ids), 500):
        part = first_ids[chunk:chunk + 500]
        found.update((f["id"], f) for f in store.db.query(
            f"select id, url, value, snippet, source, {method} from findings where id in ({','.join('?' * len(part))})", part))
    out = []
    # unit-wide rows first within each unit, then its services (scores come ordered by level)
    wanted.sort(key=lambda w: (w[0]["unit"] or "", w[0]["level"] == "service", w[0]["service_key"] or ""))
    for r, key, published, from_unit, ids in wanted:
        f = found.get(ids[0], {}) if ids else {}
        out.append({**run, "unit": r["unit"], "service": r["service"] if r["level"] == "service" else None,
                    "component": key, "published": published, "from_unit": from_unit,
                    "evidence_url": f.get("url"), "value": f.get("value"), "snippet": f.get("snippet"),
                    "source": f.get("source"), "method": f.get("method"), "finding_id": f.get("id"), "evidence_count": len(ids)})
    return out


# -- writing --------------------------------------------------------------------------------------------

def output_paths(snap: Snapshot, fmt: str, out: str | Path | None, lang: str = "id") -> dict[str, Path]:
    """Where each table goes. OUT is a folder (default: the current one; dated file names are made there) or,
    when it has a suffix and is no existing folder, a file name (CSV: the findings file; scores beside it)."""
    words = WORDS[lang]
    out = Path(out) if out else Path(".")
    if out.suffix and not out.is_dir():
        if fmt != "csv":
            return {"all": out}
        return {"findings": out, "scores": out.with_name(f"{out.stem}-{words['scores']}{out.suffix}")}
    stem = f"pantau-{snap.date}"
    if fmt != "csv":
        return {"all": out / f"{stem}.{fmt}"}
    return {"findings": out / f"{stem}-{words['findings']}.csv", "scores": out / f"{stem}-{words['scores']}.csv"}


def write(snap: Snapshot, fmt: str, out: str | Path | None = None, lang: str = "id") -> list[Path]:
    """Write the snapshot; returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    paths = output_paths(snap, fmt, out, lang)
    try:
        for path in paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            _write_csv(paths["findings"], FINDING_COLUMNS, snap.findings, lang)
            _write_csv(paths["scores"], SCORE_COLUMNS, snap.scores, lang)
        elif fmt == "xlsx":
            _write_xlsx(paths["all"], snap, lang)
        else:
            _write_json(paths["all"], snap, lang)
    except OSError as exc:
        raise ExportError(f"cannot write {exc.filename or ''}: {exc.strerror or exc}") from None
    return list(paths.values())


def _header(columns, lang: str) -> list[str]:
    return [c[1] if lang == "id" else c[2] for c in columns]


def _cell(value: Any, lang: str) -> Any:
    return WORDS[lang][value] if isinstance(value, bool) else value


def csv_text(value: Any) -> str:
    """A CSV cell: crawled text that starts like a formula is prefixed with ' (OWASP's CSV-injection advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_csv(path: Path, columns, rows: list[dict], lang: str) -> None:
    # utf-8-sig: spreadsheet programs read the BOM as "this is UTF-8" (Indonesian names, "—", "Rp")
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(_header(columns, lang))
        for row in rows:
            writer.writerow([csv_text(_cell(row[key], lang)) for key, *_ in columns])


def _write_xlsx(path: Path, snap: Snapshot, lang: str) -> None:
    with path.open("wb") as fh:  # opened first: an unwritable path fails before a workbook is built
        _fill_xlsx(openpyxl.Workbook(write_only=True), snap, lang).save(fh)


def _fill_xlsx(book, snap: Snapshot, lang: str):
    words = WORDS[lang]
    for name, columns, rows in (("findings", FINDING_COLUMNS, snap.findings), ("scores", SCORE_COLUMNS, snap.scores)):
        sheet = book.create_sheet(words[name].capitalize())
        header = []
        for text in _header(columns, lang):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_xlsx_cell(sheet, _cell(row[key], lang)) for key, *_ in columns])
    about = book.create_sheet(words["about"].capitalize())
    for key, value in _about(snap, lang).items():
        about.append([key, value])
    return book


def _xlsx_cell(sheet, value):
    """Text is always text: openpyxl would store a string starting with '=' as a formula."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _about(snap: Snapshot, lang: str) -> dict[str, str]:
    if lang == "id":
        return {"Snapshot": snap.date, "Run": ", ".join(map(str, snap.runs)), "Dibuat": snap.generated_at,
                "Sumber": "pantau — kepatuhan publikasi standar pelayanan (UU 25/2009 Pasal 21)"}
    return {"Snapshot": snap.date, "Runs": ", ".join(map(str, snap.runs)), "Generated": snap.generated_at,
            "Source": "pantau — publication of public-service standards (UU 25/2009 Pasal 21)"}


def _write_json(path: Path, snap: Snapshot, lang: str) -> None:
    body = {
        "snapshot": snap.date, "runs": snap.runs, "generated_at": snap.generated_at,
        "columns": {"findings": dict(zip((c[0] for c in FINDING_COLUMNS), _header(FINDING_COLUMNS, lang))),
                    "scores": dict(zip((c[0] for c in SCORE_COLUMNS), _header(SCORE_COLUMNS, lang)))},
        "findings": [{**row, "value": json.loads(row["value"]) if row["value"] else None} for row in snap.findings],
        "scores": snap.scores,
    }
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
