"""--screenshots renders each archived page with findings in Debian's chromium and links the PNG."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pantau.sample_server import SampleSite
from pantau.sample_site import load_expected
from tests.helpers import rows, run_pantau

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium not installed (./dev setup)")


def test_pages_with_findings_get_a_screenshot(tmp_path):
    db = tmp_path / "shots.db"
    with SampleSite() as site:
        resolve = [a for host, addr in site.resolve_map().items() for a in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", "http://disdukcapil.lampungtimurkab.go.id/", "--db", str(db), "--delay", "0",
                            "--quiet", "--json", "--screenshots", "--max-pages", "12", *resolve, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    html_pages = {p["id"] for p in rows(db, "pages", "content_type like 'text/html%' and warc_file is not null")}
    findings = rows(db, "findings", "page_id in (select id from pages where content_type like 'text/html%')")
    assert html_pages and findings
    for finding in findings:
        shot = Path(finding["screenshot"])
        assert shot.is_file(), finding
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000  # a real, non-blank render
    assert rows(db, "errors", "kind = 'screenshot'") == []
