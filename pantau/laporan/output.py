"""The per-pemda report written as one file (`pantau report --html FILE`)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pantau.laporan.data import ReportError, connect_readonly, find_run, load_report
from pantau.laporan.render import FileLinks, render_report
from pantau.recorder import archive_dir_for


def write_html_report(db: str | Path, target: str, run_id: int | None = None, domain: str | None = None,
                      lang: str = "id", base_url: str | None = None) -> str:
    """Write the report of a run (RUN_ID, else DOMAIN's latest, else the latest) to TARGET ('-': stdout).
    Returns one line saying what was written; every problem is a ReportError."""
    conn = connect_readonly(db)
    try:
        report = load_report(conn, find_run(conn, run_id=run_id, domain=domain))
    finally:
        conn.close()
    html = render_report(report, FileLinks(archive_dir_for(db), base_url), lang, database_label=Path(db).name)
    if target == "-":
        sys.stdout.write(html)
    else:
        try:
            _write_atomically(Path(target), html)
        except OSError as exc:
            raise ReportError(f"cannot write {target}: {exc.strerror or exc}") from None
    grade = f"score {report.score:.2f} {report.zone}" if report.graded else f"not graded ({report.run['status']})"
    return f"{target}: {report.pemda.get('name') or report.pemda['id']}, run {report.run['id']}, {grade}"


def _write_atomically(path: Path, text: str) -> None:
    """A half-written report never replaces a good one (the file is renamed into place when complete)."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
