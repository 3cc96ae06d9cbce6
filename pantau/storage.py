"""The one module that owns pantau's SQLite schema and every write (via sqlite-utils).

Tables: pemda, runs, pages, services, findings, scores, errors (see SCHEMA). Every write runs in one
transaction (`Database.atomic()`), the database is in WAL mode, so a crawl killed between two pages leaves
every earlier page whole and the database readable; Datasette can read while a crawl writes.

A run is one audit of one pemda: re-auditing adds a run and never touches earlier ones. Inside a run a page
is keyed by its URL: recording the same URL again replaces the page's row, services and findings.
Scores are derived data: `score_run` recomputes them from the run's findings and replaces the run's rows.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.error_kinds import FLAGS
from crawler.records import Document, PageRecord, PriorPage
from extractors.model import Extraction
from pantau.archive import WarcRef
from pantau.outcome import run_outcome
from scoring import PemdaScore, ScoringConfig, load_config, score_pemda, service_key

SCHEMA_VERSION = 1
# Values a page states once for the one service it publishes (findings.catalogue_id, _finding_catalogue_id).
PAGE_SERVICE_VALUES = ("biaya", "waktu")
# partial: the site stopped answering part-way; unreachable: no page fetched at all (never scored, never ranked).
RUN_STATUSES = ("running", "finished", "partial", "unreachable", "failed", "interrupted")

# table -> (columns, foreign keys (column, other table, other column)); every table has an integer `id` pk
# except pemda, whose id is its main domain.
SCHEMA: dict[str, tuple[dict[str, type], list[tuple[str, str, str]]]] = {
    "pemda": ({"id": str, "name": str, "level": str, "province": str, "updated_at": str}, []),
    "runs": (
        {"id": int, "pemda_id": str, "target": str, "started_at": str, "finished_at": str, "status": str,
         "close_reason": str, "options": str, "pages_count": int, "findings_count": int, "errors_count": int,
         "resumed": int, "scored_at": str, "scoring_config": str, "batch_id": str,
         "cause": str},  # why a run is unreachable or partial: dns / refused / timeout / tls / http / ...
        [("pemda_id", "pemda", "id")],
    ),
    "pages": (
        {"id": int, "run_id": int, "url": str, "unit": str, "status": int, "content_type": str, "fetched_at": str,
         "content_hash": str, "title": str, "text": str, "size": int, "source": str, "depth": int,
         # incremental crawls: validators for conditional requests, the in-scope links (to follow a 304),
         # and the page of an earlier run this one was carried over from
         "etag": str, "last_modified": str, "links": str, "carried_from": int,
         # evidence links as JSON [{url, text, kind}]: standard_link, sippn, social, app, lapor (crawler/outlinks.py)
         "outlinks": str,
         # evidence: where the response is archived
         "warc_file": str, "warc_offset": int, "warc_record_id": str},
        [("run_id", "runs", "id")],
    ),
    "services": (
        {"id": int, "run_id": int, "page_id": int, "unit": str, "name": str, "service_key": str,
         "components": str,
         # the service catalogue (config/layanan.yaml) entry the name matched: id None when unmatched, with
         # the best candidate and its score kept for review
         "catalogue_id": str, "catalogue_candidate": str, "catalogue_score": float},
        [("run_id", "runs", "id"), ("page_id", "pages", "id")],
    ),
    "findings": (
        {"id": int, "run_id": int, "page_id": int, "pemda_id": str, "unit": str, "service": str,
         "service_key": str, "component": str, "value": str, "snippet": str, "url": str, "locator": str,
         "confidence": float, "source": str, "carried_over": int, "content_hash": str, "warc_file": str,
         "warc_offset": int, "warc_record_id": str, "screenshot": str,
         "catalogue_id": str,  # the service's catalogue entry (as services.catalogue_id): compares pemda
         # rule / learned (extractors/blockcat.py); empty on findings an older pantau stored
         "method": str},
        [("run_id", "runs", "id"), ("page_id", "pages", "id"), ("pemda_id", "pemda", "id")],
    ),
    "scores": (
        {"id": int, "run_id": int, "pemda_id": str, "level": str, "unit": str, "service": str, "service_key": str,
         "score": float, "zone": str, "letter": str, "counted": int, "components": str, "points": str,
         "evidence": str, "inherited": str},
        [("run_id", "runs", "id"), ("pemda_id", "pemda", "id")],
    ),
    "errors": (
        {"id": int, "run_id": int, "url": str, "kind": str, "message": str, "at": str},
        [("run_id", "runs", "id")],
    ),
    # Problems of a site as a whole (a bad TLS certificate, injected gambling spam): not about one service,
    # but worth showing an assessor. One row per (run, unit, kind).
    "site_issues": (
        {"id": int, "run_id": int, "unit": str, "kind": str, "detail": str, "url": str, "at": str},
        [("run_id", "runs", "id")],
    ),
    # PEKPPP publication indicators per unit, a website-only proxy (scoring/indicators.py, config/indicators.yaml):
    # the media observed (0/1 each), the maklumat, their 0-5 values, the index and its category; evidence: JSON
    # {medium: [urls]}. Derived data: replaced whenever the run is scored.
    "unit_indicators": (
        {"id": int, "run_id": int, "pemda_id": str, "unit": str, "website": int, "document": int, "image": int,
         "sippn": int, "social": int, "app": int, "maklumat": int, "all_components": int, "media_count": int,
         "media_value": float,
         "maklumat_value": float, "index_value": float, "category": str, "evidence": str, "label": str},
        [("run_id", "runs", "id"), ("pemda_id", "pemda", "id")],
    ),
    # What a run's findings say beyond the score (scoring/flags.py): a fee the law forbids, two values that
    # disagree, an old decree, missing components, a dead link to a standard, a hijacked site. Derived data:
    # replaced whenever the run is scored. findings: JSON list of finding ids; evidence: JSON list of
    # {url, snippet, value}.
    "flags": (
        {"id": int, "run_id": int, "pemda_id": str, "unit": str, "service": str, "catalogue_id": str, "kind": str,
         "severity": str, "findings": str, "evidence": str, "message_id": str, "message_en": str, "at": str},
        [("run_id", "runs", "id"), ("pemda_id", "pemda", "id")],
    ),
}
INDEXES: dict[str, list[list[str]]] = {
    "runs": [["pemda_id"], ["status"], ["batch_id"]],
    "pages": [["unit"], ["content_hash"]],  # (run_id, url) is the unique index below
    "services": [["run_id"], ["page_id"], ["unit"], ["service_key"], ["catalogue_id"]],
    "findings": [["run_id"], ["page_id"], ["unit"], ["component"], ["pemda_id"], ["service_key"], ["catalogue_id"]],
    "scores": [["run_id"], ["pemda_id", "level"], ["unit"], ["zone"]],
    "errors": [["run_id"], ["kind"]],
    "site_issues": [["run_id"], ["unit"], ["kind"]],
    "unit_indicators": [["run_id"], ["unit"]],
    "flags": [["run_id"], ["pemda_id"], ["kind"], ["catalogue_id"]],
}
FTS: dict[str, list[str]] = {"findings": ["snippet", "service"], "pages": ["title", "text"]}

# History for Datasette: a pemda's score by run, and what each run changed against the run before it.
VIEWS: dict[str, str] = {
    "pemda_trend": """
        select r.pemda_id, p.name as pemda_name, r.id as run_id, r.batch_id, r.started_at, r.status,
               s.score, s.zone, s.letter
        from runs r join scores s on s.run_id = r.id and s.level = 'pemda' left join pemda p on p.id = r.pemda_id
        order by r.pemda_id, r.id""",
    "component_changes": """
        with runs_ranked as (
            select id, pemda_id, lag(id) over (partition by pemda_id order by id) as previous_id
            from runs where status in ('finished', 'interrupted')),
        published as (
            select distinct run_id, unit, coalesce(service_key, '(unit)') as service, component from findings)
        select rr.pemda_id, rr.previous_id as run_a, rr.id as run_b, 'appeared' as change, b.unit, b.service, b.component
        from runs_ranked rr join published b on b.run_id = rr.id
        where rr.previous_id is not null and not exists (select 1 from published a where a.run_id = rr.previous_id
              and a.unit = b.unit and a.service = b.service and a.component = b.component)
        union all
        select rr.pemda_id, rr.previous_id, rr.id, 'disappeared', a.unit, a.service, a.component
        from runs_ranked rr join published a on a.run_id = rr.previous_id
        where not exists (select 1 from published b where b.run_id = rr.id
              and b.unit = a.unit and b.service = a.service and b.component = a.component)""",
    # The latest finished, scored run of each pemda, and its scores and findings: what Datasette shows first,
    # so that tables holding every run are not read as one (two runs would count every finding twice).
    "latest_runs": """
        select r.pemda_id, max(r.id) as run_id from runs r
        where r.status = 'finished' and exists (select 1 from scores s where s.run_id = r.id and s.level = 'pemda')
        group by r.pemda_id""",
    "latest_scores": """
        select s.id, s.run_id, s.pemda_id, p.name as pemda_name, p.province, s.level, s.unit, s.service, s.score,
               s.zone, s.letter, s.counted, s.components, s.points, s.evidence
        from latest_runs l join scores s on s.run_id = l.run_id left join pemda p on p.id = l.pemda_id""",
    "latest_findings": """
        select f.id, f.run_id, f.pemda_id, f.unit, f.service, f.component, f.snippet, f.url, f.value, f.locator,
               f.confidence, f.method, f.source, f.carried_over, f.warc_file, f.screenshot
        from latest_runs l join findings f on f.run_id = l.run_id""",
    # PEKPPP publication indicators per unit in the latest runs (a website-only proxy: docs/indicators.md).
    "publication_indicators": """
        select i.pemda_id, p.name as pemda_name, p.province, i.run_id, i.unit, i.website, i.document, i.image,
               i.sippn, i.social, i.app, i.media_count, i.media_value, i.maklumat, i.maklumat_value, i.index_value,
               i.category, i.all_components, i.evidence, i.label
        from latest_runs l join unit_indicators i on i.run_id = l.run_id left join pemda p on p.id = l.pemda_id""",
    "latest_flags": """
        select f.id, f.run_id, f.pemda_id, p.name as pemda_name, p.province, f.unit, f.service, f.catalogue_id,
               f.kind, f.severity, f.message_id, f.message_en, f.evidence, f.findings
        from latest_runs l join flags f on f.run_id = l.run_id left join pemda p on p.id = l.pemda_id""",
    # One row per pemda and catalogue service (config/layanan.yaml) in the latest runs: what `pantau compare`
    # shows. Fees in Rupiah, times in days (hours / 24, minutes / 1440, on the spot 0; working and calendar
    # days alike), channels: the complaints channel types of the OPDs publishing the service. A malformed
    # findings.value is left out (json_valid), never an error that hides every pemda.
    "perbandingan_layanan": """
        select l.pemda_id, p.name as pemda_name, p.province, l.run_id, s.catalogue_id,
               json_group_array(distinct s.name) as services, json_group_array(distinct s.unit) as units,
               (select json_group_array(distinct f.component) from findings f
                where f.run_id = l.run_id and f.catalogue_id = s.catalogue_id) as components,
               (select min(json_extract(f.value, '$.amount')) from findings f where f.run_id = l.run_id
                and f.catalogue_id = s.catalogue_id and f.component = 'biaya' and json_valid(f.value)) as fee_min,
               (select max(json_extract(f.value, '$.amount')) from findings f where f.run_id = l.run_id
                and f.catalogue_id = s.catalogue_id and f.component = 'biaya' and json_valid(f.value)) as fee_max,
               (select min(case json_extract(f.value, '$.unit') when 'minutes' then json_extract(f.value, '$.amount') / 1440.0
                       when 'hours' then json_extract(f.value, '$.amount') / 24.0 when 'on_the_spot' then 0
                       else json_extract(f.value, '$.amount') end) from findings f where f.run_id = l.run_id
                and f.catalogue_id = s.catalogue_id and f.component = 'waktu' and json_valid(f.value)) as days_min,
               (select max(case json_extract(f.value, '$.unit') when 'minutes' then json_extract(f.value, '$.amount') / 1440.0
                       when 'hours' then json_extract(f.value, '$.amount') / 24.0 when 'on_the_spot' then 0
                       else json_extract(f.value, '$.amount') end) from findings f where f.run_id = l.run_id
                and f.catalogue_id = s.catalogue_id and f.component = 'waktu' and json_valid(f.value)) as days_max,
               (select json_group_array(distinct case c.type when 'object' then json_extract(c.value, '$.type') end)
                from findings f, json_each(case when json_valid(f.value) and json_type(f.value, '$.channels') = 'array'
                                           then json_extract(f.value, '$.channels') end) c
                where f.run_id = l.run_id and f.component = 'pengaduan' and f.unit in (
                    select s2.unit from services s2 where s2.run_id = l.run_id and s2.catalogue_id = s.catalogue_id)
               ) as channels,
               (select json_group_array(distinct f.url) from findings f
                where f.run_id = l.run_id and f.catalogue_id = s.catalogue_id) as evidence
        from latest_runs l join services s on s.run_id = l.run_id and s.catalogue_id is not null
        left join pemda p on p.id = l.pemda_id
        group by l.pemda_id, l.run_id, s.catalogue_id""",
}


_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "FLOAT"}


def _create_sql(name: str, columns: dict[str, type], fks: list[tuple[str, str, str]]) -> str:
    """CREATE TABLE for SCHEMA[name]. Integer ids are AUTOINCREMENT: an id is never reused, so evidence that
    names a finding id can never come to point at another finding after a page is re-recorded."""
    parts = []
    for column, kind in columns.items():
        if column == "id":
            parts.append("[id] INTEGER PRIMARY KEY AUTOINCREMENT" if kind is int else "[id] TEXT PRIMARY KEY NOT NULL")
        else:
            parts.append(f"[{column}] {_SQL_TYPES[kind]}")
    parts += [f"FOREIGN KEY([{column}]) REFERENCES [{other}]([{other_col}])" for column, other, other_col in fks]
    return f"CREATE TABLE IF NOT EXISTS [{name}] (\n   " + ",\n   ".join(parts) + "\n)"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, default=str)


def _loads(value: str | None, default: Any = None) -> Any:
    return json.loads(value) if value else default


def loads_or(value: str | None, default: Any = None) -> Any:
    """A stored JSON column, or DEFAULT when it is empty or malformed: derived data (flags, findings' values,
    outlinks) that a reader shows or counts must not stop a report or a night over one bad row."""
    try:
        return json.loads(value) if value else default
    except (TypeError, ValueError):
        return default


def catalogue_columns(name: str | None) -> dict:
    """{catalogue_id, catalogue_candidate, catalogue_score} for a service name: its entry in the service
    catalogue (config/layanan.yaml), or id None with the best candidate. All None without a name."""
    if not name:
        return {"catalogue_id": None, "catalogue_candidate": None, "catalogue_score": None}
    try:
        from scoring.catalogue import match  # imported here: the catalogue is read once, on the first name
    except ModuleNotFoundError as exc:  # a tree without the catalogue: services stay unmatched
        if exc.name != "scoring.catalogue":
            raise
        return {"catalogue_id": None, "catalogue_candidate": None, "catalogue_score": None}
    found = match(name)
    return {"catalogue_id": found.id, "catalogue_candidate": found.candidate, "catalogue_score": found.score}


def _open_problem(exc: sqlite3.DatabaseError, readonly: bool) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return "not an SQLite database"
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return "cannot be opened for reading" if readonly else \
            "cannot be created or written (check that its folder exists and is writable)"
    return text


class StoreError(Exception):
    """A database pantau cannot use (missing, not SQLite, not writable), or a run it does not hold: the
    user's mistake, shown as one line."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownRun(StoreError, KeyError):
    """No run with this id (a KeyError too, for callers that look runs up like a mapping)."""


class Store:
    """pantau's database. `Store(path)` creates or migrates the schema; the methods are the only writers.

    `Store(path, readonly=True)` is for commands that only read (report, diff): the file is opened with SQLite's
    mode=ro, never created, migrated or scored into, so reading a database leaves it byte-identical.
    """

    def __init__(self, path: str | Path, config: ScoringConfig | None = None, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._config = config
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {_open_problem(exc, readonly)}") from None

    def _open(self) -> None:
        if self.readonly:
            if not self.path.is_file():
                raise StoreError(f"no database at {self.path}")
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA busy_timeout = 10000")
            if not self.db["runs"].exists():  # also reads the header: a non-database fails here
                raise StoreError(f"{self.path}: not a pantau database (it has no runs table)")
            return
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.enable_wal()
        # WAL + NORMAL: a killed process loses nothing committed; a power cut may lose the last pages, which a
        # resumed run fetches again. It spares an fsync per page (a tenth of the crawl's time at 60 pages/s).
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- schema ---------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self.db.atomic():
            for name, (columns, fks) in SCHEMA.items():
                table = self.db[name]
                if not table.exists():
                    self.db.execute(_create_sql(name, columns, fks))
                else:  # a database from an older pantau: add what is missing, never drop
                    for column, kind in columns.items():
                        if column not in table.columns_dict:
                            table.add_column(column, kind)
                            if column == "catalogue_id":
                                self._match_stored_services(name)
            self.db["pages"].create_index(["run_id", "url"], unique=True, if_not_exists=True)
            for name, indexes in INDEXES.items():
                for columns in indexes:
                    self.db[name].create_index(columns, if_not_exists=True)
            for name, columns in FTS.items():
                if not self.db[name].detect_fts():
                    self.db[name].enable_fts(columns, create_triggers=True)
            for name, sql in VIEWS.items():
                # a view whose definition changed since the database was made is replaced (views hold no data)
                have = self.db.execute("select sql from sqlite_master where type = 'view' and name = ?",
                                       [name]).fetchone()
                if have and have[0] != f"CREATE VIEW {name} as {sql}":
                    self.db.execute(f"drop view {name}")
                    have = None
                if not have:
                    self.db.execute(f"create view {name} as {sql}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def lacks_columns(self) -> bool:
        """A table or a column of today's SCHEMA is missing: an older pantau wrote the database, and _migrate
        (any Store opened for writing) would add it."""
        return any(not self.db[name].exists() or set(columns) - set(self.db[name].columns_dict)
                   for name, (columns, _) in SCHEMA.items())

    def _match_stored_services(self, table: str) -> None:
        """Fill the catalogue columns of the services or findings an older pantau stored, once, when the column
        is added: each distinct service name is matched once."""
        name_column = "name" if table == "services" else "service"
        for (name,) in self.db.execute(f"select distinct [{name_column}] from [{table}] where [{name_column}] is not null").fetchall():
            columns = catalogue_columns(name)
            if table == "findings":
                columns = {"catalogue_id": columns["catalogue_id"]}
            else:
                for column in ("catalogue_candidate", "catalogue_score"):
                    if column not in self.db[table].columns_dict:
                        self.db[table].add_column(column, SCHEMA[table][0][column])
            sets = ", ".join(f"[{c}] = ?" for c in columns)
            self.db.execute(f"update [{table}] set {sets} where [{name_column}] = ?", [*columns.values(), name])

    @property
    def config(self) -> ScoringConfig:
        if self._config is None:
            self._config = load_config()
        return self._config

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------------------

    def upsert_pemda(self, pemda_id: str, name: str | None = None, level: str | None = None,
                     province: str | None = None) -> None:
        """Add a pemda, or update the fields given (None leaves a stored value as it is)."""
        record = {k: v for k, v in {"name": name, "level": level, "province": province}.items() if v is not None}
        with self.db.atomic():
            self.db["pemda"].insert({"id": pemda_id, "updated_at": _now()}, ignore=True)
            self.db["pemda"].update(pemda_id, {**record, "updated_at": _now()})

    def start_run(self, pemda_id: str, target: str, options: dict | None = None, resumed: bool = False,
                  batch_id: str | None = None) -> int:
        with self.db.atomic():
            self.db["pemda"].insert({"id": pemda_id, "updated_at": _now()}, ignore=True)
            table = self.db["runs"].insert({
                "pemda_id": pemda_id, "target": target, "started_at": _now(), "status": "running",
                "options": _json(options or {}), "pages_count": 0, "findings_count": 0, "errors_count": 0,
                "resumed": int(bool(resumed)), "batch_id": batch_id,
            })
        return int(table.last_pk)

    def resume_run(self, run_id: int) -> None:
        """Mark an interrupted run as running again, and as resumed."""
        with self.db.atomic():
            self.db["runs"].update(run_id, {"status": "running", "resumed": 1, "finished_at": None})

    def record_page(self, run_id: int, page: PageRecord, doc: Document | None, warc: WarcRef | None = None) -> int:
        """Store one fetched page with its services and findings, in one transaction. Returns the page id.

        doc: what extraction made of the page, or None when extraction failed. The same URL recorded again in
        the same run replaces the earlier page row (same id), services and findings. A binary page (no doc, or
        text holding NUL bytes) stores no text.
        """
        text = doc.text if doc else None
        if text and "\x00" in text:
            text = None
        row = {
            "run_id": run_id, "url": page.url, "unit": page.unit, "status": page.status,
            "content_type": page.content_type, "fetched_at": page.fetched_at or _now(),
            "content_hash": page.body_hash, "title": (doc.title if doc else None) or None, "text": text,
            "size": page.size, "source": doc.source if doc else "binary", "depth": page.depth, "etag": page.etag,
            "last_modified": page.last_modified, "links": _json(list(page.links)), "carried_from": None,
            "outlinks": _json(list(page.outlinks)),
            "warc_file": warc.file if warc else None, "warc_offset": warc.offset if warc else None,
            "warc_record_id": warc.record_id if warc else None,
        }
        with self.db.atomic():
            pemda_id = self._run(run_id)["pemda_id"]
            page_id = self._replace_page(run_id, page.url, row)
            if doc:
                self._insert_extraction(run_id, page_id, pemda_id, page.unit, page.url, doc.extraction, row)
        return page_id

    def _replace_page(self, run_id: int, url: str, row: dict) -> int:
        """Insert the page row, or replace the run's earlier row for URL (same id, its services and findings
        dropped): one row per (run, URL). Call inside a transaction."""
        existing = self.db.execute("select id from pages where run_id = ? and url = ?", [run_id, url]).fetchone()
        if not existing:
            return int(self.db["pages"].insert(row).last_pk)
        page_id = existing[0]
        self.db["findings"].delete_where("page_id = ?", [page_id])
        self.db["services"].delete_where("page_id = ?", [page_id])
        self.db["pages"].update(page_id, row)
        return page_id

    def carry_over_page(self, run_id: int, previous_page_id: int, page: PageRecord) -> int:
        """Record an unchanged page in RUN_ID by copying an earlier run's page, services and findings.

        PAGE is this run's fetch (a 304, or the same bytes): its status, time and validators are kept.
        Nothing is re-extracted; the findings keep their evidence (snippet, WARC record, content hash) and
        are marked carried_over. Returns the new page id.
        """
        with self.db.atomic():
            old = next(iter(self.db.query("select * from pages where id = ?", [previous_page_id])))
            row = {k: v for k, v in old.items() if k != "id"}
            row.update(run_id=run_id, status=page.status, fetched_at=page.fetched_at or _now(),
                       carried_from=previous_page_id, etag=page.etag or old["etag"],
                       last_modified=page.last_modified or old["last_modified"])
            page_id = self._replace_page(run_id, old["url"], row)
            for table, extra in (("services", {}), ("findings", {"carried_over": 1})):
                copies = [
                    {**{k: v for k, v in r.items() if k != "id"}, "run_id": run_id, "page_id": page_id, **extra}
                    for r in self.db.query(f"select * from {table} where page_id = ?", [previous_page_id])
                ]
                if copies:
                    self.db[table].insert_all(copies)
        return page_id

    def page_site_issues(self, page_id: int, kinds: tuple[str, ...] = ("spam_page", "spam_links")) -> list[dict]:
        """The site_issues of KINDS its run recorded with page PAGE_ID as the example: what a page's own content
        showed (injected spam), which an unchanged copy of the page still shows."""
        marks = ", ".join("?" for _ in kinds)
        return list(self.db.query(
            f"select i.unit, i.kind, i.detail, i.url from site_issues i join pages p "
            f"on p.run_id = i.run_id and p.url = i.url where p.id = ? and i.kind in ({marks}) order by i.id",
            [page_id, *kinds]))

    def previous_pages(self, pemda_id: str, before_run: int) -> dict[str, PriorPage]:
        """The pages of the pemda's latest earlier run that got past the crawl (finished or interrupted), by
        URL: what an incremental crawl compares against."""
        row = self.db.execute(
            "select max(id) from runs where pemda_id = ? and id < ? and status in ('finished', 'interrupted')",
            [pemda_id, before_run]).fetchone()
        if not row or row[0] is None:
            return {}
        return self.pages_of_run(row[0])

    def pages_of_run(self, run_id: int) -> dict[str, PriorPage]:
        return {
            r["url"]: PriorPage(**{**r, "links": tuple(_loads(r["links"], []))})
            for r in self.db.query(
                "select id, url, status, content_hash, etag, last_modified, links from pages where run_id = ?",
                [run_id])
        }

    def latest_batch_id(self) -> str | None:
        row = self.db.execute("select batch_id from runs where batch_id is not null order by id desc limit 1").fetchone()
        return row[0] if row else None

    def batch_runs(self, batch_id: str) -> list[dict]:
        """The batch's runs with their pemda score (None until scored)."""
        return list(self.db.query(
            "select r.*, p.name as pemda_name, s.score, s.zone, s.letter, "
            "(select count(*) from findings f where f.run_id = r.id and f.carried_over = 1) as carried_over_count "
            "from runs r left join pemda p on p.id = r.pemda_id "
            "left join scores s on s.run_id = r.id and s.level = 'pemda' where r.batch_id = ? order by r.id",
            [batch_id]))

    def resumable_runs(self, batch_id: str | None = None) -> dict[str, int]:
        """{pemda_id: run_id} of the latest runs that did not finish (killed or interrupted)."""
        where = "status in ('running', 'interrupted')" + (" and batch_id = ?" if batch_id else "")
        out: dict[str, int] = {}
        for r in self.db.query(f"select id, pemda_id from runs where {where} order by id", [batch_id] if batch_id else []):
            out[r["pemda_id"]] = r["id"]
        return out

    def _insert_extraction(self, run_id: int, page_id: int, pemda_id: str, unit: str, url: str,
                           extraction: Extraction, page: dict) -> None:
        cfg = self.config
        self.db["services"].insert_all(
            {"run_id": run_id, "page_id": page_id, "unit": unit, "name": s.name,
             "service_key": service_key(s.name, cfg), "components": _json(s.components),
             **self._catalogue_columns(s.name)}
            for s in extraction.services
        )
        self.db["findings"].insert_all(
            {"run_id": run_id, "page_id": page_id, "pemda_id": pemda_id, "unit": unit, "service": f.service or None,
             "service_key": service_key(f.service, cfg) if f.service else None, "component": f.component,
             "value": _json(f.value), "snippet": f.snippet, "url": f.url or url, "locator": f.locator,
             "confidence": f.confidence, "source": f.source or extraction.source, "method": f.method,
             "carried_over": 0,
             "content_hash": page["content_hash"], "warc_file": page["warc_file"],
             "warc_offset": page["warc_offset"], "warc_record_id": page["warc_record_id"],
             "catalogue_id": self._finding_catalogue_id(f, extraction)}
            for f in extraction.findings
        )

    def _finding_catalogue_id(self, finding, extraction: Extraction) -> str | None:
        """The catalogue id of a finding's service. A fee or time stated for no service ("Biaya : Gratis" under
        the page's heading) on a page that publishes one catalogue service only is that service's."""
        if finding.service:
            return self._catalogue_columns(finding.service)["catalogue_id"]
        if finding.component not in PAGE_SERVICE_VALUES:
            return None
        # named services only: the page's unnamed values form a "service" named after the page itself
        ids = {self._catalogue_columns(s.name)["catalogue_id"] for s in extraction.services
               if any(f.service for f in s.findings)}
        return ids.pop() if len(ids) == 1 else None

    def _catalogue_columns(self, name: str) -> dict:
        """services' catalogue columns for a service NAME (scoring.catalogue.match), remembered per name: a
        site repeats its service names on many pages."""
        cache = self.__dict__.setdefault("_catalogue_cache", {})
        if name not in cache:
            if len(cache) > 20_000:  # a hostile site's endless names must not grow memory without bound
                cache.clear()
            cache[name] = catalogue_columns(name)
        return cache[name]

    def record_error(self, run_id: int, url: str | None, kind: str, message: str | None) -> None:
        """One row per (run, URL, kind): a resumed run that meets the same failure again adds nothing."""
        with self.db.atomic():
            if self.db.execute("select 1 from errors where run_id = ? and url is ? and kind = ?",
                               [run_id, url, kind]).fetchone():
                return
            self.db["errors"].insert({"run_id": run_id, "url": url, "kind": kind, "message": message, "at": _now()})

    def record_site_issue(self, run_id: int, unit: str, kind: str, detail: str, url: str | None = None) -> None:
        """Record a problem of a whole site once per run (later sightings of the same kind are dropped)."""
        with self.db.atomic():
            seen = self.db.execute("select 1 from site_issues where run_id = ? and unit = ? and kind = ?",
                                   [run_id, unit, kind]).fetchone()
            if not seen:
                self.db["site_issues"].insert({"run_id": run_id, "unit": unit, "kind": kind, "detail": detail,
                                               "url": url, "at": _now()})

    def finish_run(self, run_id: int, status: str = "finished", reason: str | None = None) -> None:
        """Close a run: status, finished_at and the page/finding/error counts.

        A status outside RUN_STATUSES (e.g. a raw Scrapy close reason such as "closespider_timeout") is stored
        as "interrupted", with the raw value kept in close_reason. A crawl that ran to its end ("finished")
        becomes "unreachable" when it stored no page, "partial" when its site stopped answering part-way
        (pantau/outcome.py), with the cause in `cause`.
        """
        if status not in RUN_STATUSES:
            reason, status = reason or status, "interrupted"
        with self.db.atomic():
            self._run(run_id)
            counts = {
                f"{table}_count": self.db.execute(f"select count(*) from {table} where run_id = ?", [run_id]).fetchone()[0]
                for table in ("pages", "findings", "errors")
            }
            cause = None
            if status == "finished":
                errors = [tuple(r) for r in self.db.execute("select url, kind from errors where run_id = ?", [run_id])]
                urls = [r[0] for r in self.db.execute("select url from pages where run_id = ?", [run_id])]
                status, cause = run_outcome(counts["pages_count"], errors, urls)
            self.db["runs"].update(run_id, {"status": status, "close_reason": reason, "cause": cause,
                                            "finished_at": _now(), **counts})

    def score_run(self, run_id: int, config: ScoringConfig | None = None) -> PemdaScore | None:
        """Score a run from its stored findings and units; replace the run's rows in `scores`. An unreachable
        run gets no score (None): a site that answered nothing is not graded."""
        config = config or self.config
        result, rows = self._score_rows(run_id, config)
        with self.db.atomic():
            self.db["scores"].delete_where("run_id = ?", [run_id])
            self.db["flags"].delete_where("run_id = ?", [run_id])
            self.db["unit_indicators"].delete_where("run_id = ?", [run_id])
            if result is not None:
                self.db["scores"].insert_all(rows)
                self.db["unit_indicators"].insert_all(self._indicator_rows(run_id))
                self.db["runs"].update(run_id, {"scored_at": _now(), "scoring_config": _json(config.raw)})
                self._record_flags(run_id)
        return result

    def _record_flags(self, run_id: int) -> None:
        """The run's flags (pantau/flagging.py over the scores just written). Call inside a transaction.

        A flag rule that fails costs the run its flags, never its score (nor the scoring of the night's other
        runs): the failure is an `errors` row of kind "flags"."""
        from pantau.flagging import flag_rows, run_flags

        run = self._run(run_id)
        try:
            rows = flag_rows(run_id, run["pemda_id"], run_flags(self.db, run_id, run), _now())
        except Exception as exc:  # noqa: BLE001 - any bug in a rule; recorded, not raised
            logging.getLogger(__name__).exception("flags of run %s failed", run_id)
            self.db["errors"].insert({"run_id": run_id, "url": None, "kind": FLAGS,
                                      "message": f"{type(exc).__name__}: {exc}"[:500], "at": _now()})
            return
        self.db["flags"].insert_all(rows)

    def _indicator_rows(self, run_id: int) -> list[dict]:
        """The run's `unit_indicators` rows (PEKPPP publication indicators, scoring/indicators.py)."""
        from scoring.indicators import load_indicator_config, unit_indicators

        config = load_indicator_config()
        pemda_id = self._run(run_id)["pemda_id"]
        findings = self.db.query(
            "select unit, service, service_key, component, source, url from findings where run_id = ?", [run_id])
        pages = self.db.query("select unit, url, outlinks from pages where run_id = ?", [run_id])
        return [{"run_id": run_id, "pemda_id": pemda_id, "unit": u.unit,
                 **{m: int(v) for m, v in u.media.items() if m in SCHEMA["unit_indicators"][0]},
                 "maklumat": int(u.maklumat), "all_components": int(u.all_components),
                 "media_count": u.media_count, "media_value": u.media_value,
                 "maklumat_value": u.maklumat_value, "index_value": u.index, "category": u.category,
                 "evidence": _json(u.evidence), "label": config.label}
                for u in unit_indicators(findings, pages, config)]

    def _score_rows(self, run_id: int, config: ScoringConfig) -> tuple[PemdaScore | None, list[dict]]:
        """The run's score and its `scores` rows, computed without writing."""
        run = self._run(run_id)
        if run["status"] == "unreachable":
            return None, []
        units = list(self.db.query(
            "select unit, count(*) as pages, sum(status >= 200 and status < 400) as pages_ok "
            "from pages where run_id = ? group by unit", [run_id]))
        findings = list(self.db.query(
            "select id, unit, service, component, confidence from findings where run_id = ? order by id", [run_id]))
        result = score_pemda(run["pemda_id"], units, findings, config)
        rows = [self._score_row(run_id, run["pemda_id"], "pemda", result)]
        for unit in result.units:
            rows.append(self._score_row(run_id, run["pemda_id"], "unit", unit, unit=unit.unit, counted=unit.counted))
            for service in unit.services:
                rows.append(self._score_row(run_id, run["pemda_id"], "service", service, unit=unit.unit,
                                            service=service.name, service_key=service.key,
                                            inherited=_json(service.inherited)))
        return result, rows

    @staticmethod
    def _score_row(run_id: int, pemda_id: str, level: str, score, **extra) -> dict:
        row = {"run_id": run_id, "pemda_id": pemda_id, "level": level, "unit": None, "service": None,
               "service_key": None, "score": score.score, "zone": score.zone, "letter": score.letter,
               "counted": None, "components": _json(score.components), "points": _json(score.points),
               "evidence": _json(score.evidence), "inherited": None}
        row.update(extra)
        if isinstance(row["counted"], bool):
            row["counted"] = int(row["counted"])
        return row

    # -- reads ----------------------------------------------------------------------------------------

    def get_run(self, run_id: int) -> dict:
        """The run's row; UnknownRun when the database has no such run."""
        rows = list(self.db.query("select * from runs where id = ?", [run_id]))
        if not rows:
            raise UnknownRun(f"no run {run_id} in {self.path}")
        return rows[0]

    _run = get_run

    def _stored_score_rows(self, run_id: int) -> list[dict]:
        return list(self.db.query(
            "select * from scores where run_id = ? order by case level when 'pemda' then 0 when 'unit' then 1 "
            "else 2 end, score desc, unit, service_key", [run_id]))

    def latest_run_id(self, pemda_id: str | None = None) -> int | None:
        if pemda_id is None:
            row = self.db.execute("select max(id) from runs").fetchone()
        else:
            row = self.db.execute("select max(id) from runs where pemda_id = ?", [pemda_id]).fetchone()
        return row[0] if row and row[0] is not None else None

    def run_summary(self, run_id: int) -> dict:
        """The run as the CLI shows it: run facts, pemda score and per-unit, per-service scores.

        {run_id, pemda_id, pemda_name, level, province, target, status, close_reason, started_at, finished_at,
         pages_count, findings_count, errors_count, resumed, cause, score, zone, letter, unit_rule,
         units: {host: {score, zone, letter, counted, maklumat, pengaduan, services_mean, evidence,
                        services: [{name, key, score, zone, letter, components {c: bool}, inherited, evidence}]}},
         errors_by_kind: {kind: n}, site_issues: [...],
         flags: [{kind, severity, unit, service, catalogue_id, message_id, message_en, evidence}] (most serious
         first; empty for a run scored only in memory)}
        A run not scored yet is scored first (scores are derived data; read-only, in memory). An unreachable
        run has no score: score, zone and letter are None and units empty.
        """
        run = self._run(run_id)
        rows = self._stored_score_rows(run_id)
        scoring_config = _loads(run["scoring_config"], {})
        if not rows and run["status"] != "unreachable":
            if self.readonly:
                rows, scoring_config = self._score_rows(run_id, self.config)[1], self.config.raw
                rows.sort(key=lambda r: ({"pemda": 0, "unit": 1}.get(r["level"], 2), -r["score"], r["unit"] or "",
                                         r["service_key"] or ""))
            else:
                self.score_run(run_id)
                run, rows = self._run(run_id), self._stored_score_rows(run_id)
                scoring_config = _loads(run["scoring_config"], {})
        pemda = next(iter(self.db.query("select * from pemda where id = ?", [run["pemda_id"]])), {})
        live = {  # counts for a run still running (finish_run stores them)
            f"{t}_count": self.db.execute(f"select count(*) from {t} where run_id = ?", [run_id]).fetchone()[0]
            for t in ("pages", "findings", "errors")
        }
        top = next((r for r in rows if r["level"] == "pemda"), {})
        units: dict[str, dict] = {}
        for r in rows:
            components, evidence = _loads(r["components"], {}), _loads(r["evidence"], {})
            if r["level"] == "unit":
                units[r["unit"]] = {
                    "score": r["score"], "zone": r["zone"], "letter": r["letter"], "counted": bool(r["counted"]),
                    "maklumat": bool(components.get("maklumat")), "pengaduan": bool(components.get("pengaduan")),
                    "services_mean": components.get("services"), "evidence": evidence, "services": [],
                }
            elif r["level"] == "service":
                units[r["unit"]]["services"].append({
                    "name": r["service"], "key": r["service_key"], "score": r["score"], "zone": r["zone"],
                    "letter": r["letter"], "components": components, "inherited": _loads(r["inherited"], []),
                    "evidence": evidence,
                })
        errors = {r["kind"]: r["n"] for r in self.db.query(
            "select kind, count(*) as n from errors where run_id = ? group by kind order by n desc", [run_id])}
        issues = list(self.db.query(
            "select unit, kind, detail, url from site_issues where run_id = ? order by unit, kind", [run_id]))
        flags = [{**r, "evidence": loads_or(r["evidence"], [])} for r in self.db.query(
            "select kind, severity, unit, service, catalogue_id, message_id, message_en, evidence from flags "
            "where run_id = ? order by id", [run_id])] if self.db["flags"].exists() else []
        return {
            "run_id": run["id"], "pemda_id": run["pemda_id"], "pemda_name": pemda.get("name"),
            "level": pemda.get("level"), "province": pemda.get("province"), "target": run["target"],
            "status": run["status"], "close_reason": run["close_reason"], "started_at": run["started_at"],
            "finished_at": run["finished_at"], **live, "resumed": bool(run["resumed"]), "cause": run.get("cause"),
            "score": top.get("score"), "zone": top.get("zone"), "letter": top.get("letter"),
            "unit_rule": ((scoring_config or {}).get("pemda") or {}).get("units"),
            "units": units, "errors_by_kind": errors, "site_issues": issues, "flags": flags,
        }
