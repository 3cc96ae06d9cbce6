"""Serve a pantau database with Datasette, with pantau's metadata (descriptions, facets, canned queries).

Datasette names a database after its file (`pantau.db` -> `pantau`) and keys metadata by that name, so the
packaged `pantau/datasette/metadata.yaml` (written for a database called `pantau`) is rendered for the
actual file name into a JSON file that Datasette reads, with the settings pantau's own plugins need
(`pantau/datasette/plugins`: evidence routes and cell rendering; `templates`: their pages).

Labels are in Bahasa Indonesia by default, English on request: every user-facing text in metadata.yaml that has
both languages is written `{id: "…", en: "…"}`, and metadata_for resolves those mappings (and nothing else)
to one language before Datasette sees them.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from pantau.laporan.labels import LANGS  # the reports' languages, the first the default
from pantau.recorder import archive_dir_for

DATASETTE_DIR = Path(__file__).resolve().parent / "datasette"
METADATA_FILE = DATASETTE_DIR / "metadata.yaml"
PLUGINS_DIR = DATASETTE_DIR / "plugins"  # evidence routes (/arsip, /tangkapan) and cell rendering
TEMPLATES_DIR = DATASETTE_DIR / "templates"
TEMPLATE_DATABASE = "pantau"


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the database file (its stem)."""
    return Path(db_path).stem


def is_bilingual(node) -> bool:
    """A text written in both languages: a mapping with exactly the keys id and en."""
    return isinstance(node, dict) and set(node) == set(LANGS)


def localise(node, lang: str):
    """NODE with every bilingual text replaced by its LANG version; everything else (SQL, facets, plugin
    settings) is returned as it was."""
    if is_bilingual(node):
        return node[lang]
    if isinstance(node, dict):
        return {key: localise(value, lang) for key, value in node.items()}
    if isinstance(node, list):
        return [localise(value, lang) for value in node]
    return node


def metadata_for(db_path: str | Path, lang: str = "id") -> dict:
    """pantau's Datasette metadata in LANG (id or en), keyed by the database name Datasette will use for DB_PATH."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    metadata = localise(yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8")), lang)
    databases = metadata.get("databases") or {}
    if TEMPLATE_DATABASE in databases:
        databases = {database_name(db_path): databases[TEMPLATE_DATABASE]}
    metadata["databases"] = databases
    plugins = metadata.setdefault("plugins", {})
    # what pantau's own plugins need to find the evidence of this database
    plugins["pantau"] = {"database": database_name(db_path),
                         "archive_dir": str(archive_dir_for(Path(db_path).resolve())),
                         "lang": lang}  # /laporan/<domain> speaks the served language unless ?lang= says otherwise
    for dashboard in (plugins.get("datasette-dashboards") or {}).values():
        for chart in (dashboard.get("charts") or {}).values():
            if chart.get("db") == TEMPLATE_DATABASE:
                chart["db"] = database_name(db_path)
    return metadata


def write_metadata(db_path: str | Path, directory: str | Path | None = None, lang: str = "id") -> Path:
    """Write metadata_for(DB_PATH, LANG) as JSON into DIRECTORY (default: a pantau folder in the temp dir).
    The file is named after the language too, so one language's file is never served for the other."""
    metadata = metadata_for(db_path, lang)
    directory = Path(directory) if directory is not None else Path(tempfile.gettempdir()) / "pantau-datasette"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"metadata-{database_name(db_path)}-{lang}.json"
    target.write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def datasette_command(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
                      metadata_path: str | Path | None = None, lang: str = "id") -> list[str]:
    """The `python -m datasette serve …` command line for DB_PATH (writes the metadata file in LANG if none given)."""
    if metadata_path is None:
        metadata_path = write_metadata(db_path, lang=lang)
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--metadata", str(metadata_path),
        "--plugins-dir", str(PLUGINS_DIR),
        "--template-dir", str(TEMPLATES_DIR),
        "--host", str(host),
        "--port", str(int(port)),
        "--setting", "sql_time_limit_ms", "5000",
    ]


def bring_up_to_date(db_path: str | Path) -> str | None:
    """Add what a database an older pantau wrote lacks (today's columns, and the views that name them) before
    Datasette reads it: pantau's facets and canned queries name today's columns (`findings.method`). A file that
    is no pantau database is not touched. Returns a warning to print when the database stays as it was."""
    import sqlite3

    from pantau.storage import Store, StoreError

    try:
        with Store(db_path, readonly=True) as store:
            stale = store.lacks_columns()
    except StoreError as exc:
        return str(exc)
    if not stale:
        return None
    try:
        Store(db_path).close()
    except (StoreError, sqlite3.Error, OSError) as exc:
        return (f"{db_path} was written by an older pantau and could not be brought up to date ({exc}): "
                "tables and queries that name newer columns will fail")
    return None


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, lang: str = "id") -> int:
    """Run Datasette in the foreground until it exits, labelled in LANG; Ctrl-C or SIGTERM stop it. Returns its
    exit code."""
    with tempfile.TemporaryDirectory(prefix="pantau-datasette-") as directory:
        command = datasette_command(db_path, host, port, metadata_path=write_metadata(db_path, directory, lang))
        process = subprocess.Popen(command)
        in_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate()) if in_main else None
        try:
            while True:
                try:
                    return process.wait()
                except KeyboardInterrupt:  # the child got the Ctrl-C too; make sure it goes, then wait
                    process.terminate()
        finally:
            if in_main:
                signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.kill()
                process.wait()
