"""Serve a pantau database with Datasette, with pantau's metadata (descriptions, facets, canned queries).

Datasette names a database after its file (`pantau.db` -> `pantau`) and keys metadata by that name, so the
packaged `pantau/datasette/metadata.yaml` (written for a database called `pantau`) is rendered for the
actual file name into a JSON file that Datasette reads, with the settings pantau's own plugins need
(`pantau/datasette/plugins`: evidence routes and cell rendering; `templates`: their pages).
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

from pantau.recorder import archive_dir_for

DATASETTE_DIR = Path(__file__).resolve().parent / "datasette"
METADATA_FILE = DATASETTE_DIR / "metadata.yaml"
PLUGINS_DIR = DATASETTE_DIR / "plugins"  # evidence routes (/arsip, /tangkapan) and cell rendering
TEMPLATES_DIR = DATASETTE_DIR / "templates"
TEMPLATE_DATABASE = "pantau"


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the database file (its stem)."""
    return Path(db_path).stem


def metadata_for(db_path: str | Path) -> dict:
    """pantau's Datasette metadata, keyed by the database name Datasette will use for DB_PATH."""
    metadata = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    databases = metadata.get("databases") or {}
    if TEMPLATE_DATABASE in databases:
        databases = {database_name(db_path): databases[TEMPLATE_DATABASE]}
    metadata["databases"] = databases
    plugins = metadata.setdefault("plugins", {})
    # what pantau's own plugins need to find the evidence of this database
    plugins["pantau"] = {"database": database_name(db_path),
                         "archive_dir": str(archive_dir_for(Path(db_path).resolve()))}
    for dashboard in (plugins.get("datasette-dashboards") or {}).values():
        for chart in (dashboard.get("charts") or {}).values():
            if chart.get("db") == TEMPLATE_DATABASE:
                chart["db"] = database_name(db_path)
    return metadata


def write_metadata(db_path: str | Path, directory: str | Path | None = None) -> Path:
    """Write metadata_for(DB_PATH) as JSON into DIRECTORY (default: a pantau folder in the temp dir)."""
    directory = Path(directory) if directory is not None else Path(tempfile.gettempdir()) / "pantau-datasette"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"metadata-{database_name(db_path)}.json"
    target.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def datasette_command(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
                      metadata_path: str | Path | None = None) -> list[str]:
    """The `python -m datasette serve …` command line for DB_PATH (writes the metadata file if none given)."""
    if metadata_path is None:
        metadata_path = write_metadata(db_path)
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--metadata", str(metadata_path),
        "--plugins-dir", str(PLUGINS_DIR),
        "--template-dir", str(TEMPLATES_DIR),
        "--host", str(host),
        "--port", str(int(port)),
        "--setting", "sql_time_limit_ms", "5000",
    ]


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette in the foreground until it exits; Ctrl-C or SIGTERM stop it. Returns its exit code."""
    with tempfile.TemporaryDirectory(prefix="pantau-datasette-") as directory:
        command = datasette_command(db_path, host, port, metadata_path=write_metadata(db_path, directory))
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
