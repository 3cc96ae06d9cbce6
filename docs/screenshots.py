"""Regenerate the README's screenshots: the per-pemda report (docs/img/laporan.png) and the dashboard in
`pantau serve` (docs/img/dasbor.png).

    .venv/bin/python docs/screenshots.py

Builds the demo database in a temporary folder (`pantau demo --screenshots`), writes its report with
`pantau report --html`, serves the database (`pantau serve`) and photographs both in Debian's chromium, which
can reach nothing but 127.0.0.1. The PNGs are reduced to a palette so that they stay small in the repository.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.*: the CLI runner and the serve and browser set-up the browser tests use

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from crawler.rendering import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.helpers import run_pantau  # noqa: E402
from tests.serve_fixtures import GUARD_ARGS, pantau_serve  # noqa: E402

IMAGES = ROOT / "docs" / "img"
REPORT_VIEW = {"width": 1000, "height": 1500}  # the header, both scales, coverage and the first OPD's evidence
DASHBOARD_VIEW = {"width": 1100, "height": 900}
CHARTS = "#chart-zona_nasional svg, #chart-zona_nasional canvas"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pantau-screenshot-") as tmp:
        db, report = Path(tmp) / "demo.db", Path(tmp) / "laporan.html"
        for args in (("demo", "--db", str(db), "--json", "--screenshots"),
                     ("report", "lampungtimurkab.go.id", "--db", str(db), "--html", str(report))):
            result = run_pantau(*args, timeout=600)
            if result.returncode != 0:
                print(result.stderr[-2000:], file=sys.stderr)
                return 1
        with pantau_serve(db, Path(tmp) / "serve.log") as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *GUARD_ARGS])
            try:
                page = browser.new_page(viewport=REPORT_VIEW)
                page.goto(report.as_uri(), wait_until="load")
                _save(page.screenshot(), IMAGES / "laporan.png", colors=64)
                page = browser.new_page(viewport=DASHBOARD_VIEW)
                page.goto(f"{base}/-/dashboards/ringkasan")
                page.wait_for_selector(CHARTS, timeout=30_000)
                page.wait_for_timeout(1000)  # the other charts finish drawing
                _save(page.screenshot(full_page=True), IMAGES / "dasbor.png", colors=256)
            finally:
                browser.close()
    return 0


def _save(png: bytes, target: Path, colors: int) -> None:
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=colors).save(target, optimize=True)
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    sys.exit(main())
