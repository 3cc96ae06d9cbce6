"""Golden test: an audit of the bundled sample site gives exactly the findings and scores recorded in
tests/golden/sample_site.json.

It pins behaviour across refactors: a change that is not meant to alter what pantau finds must leave this
green. When extractor rules or scoring change on purpose, regenerate the snapshot and review its diff:

    PANTAU_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Compared: per finding (unit, component, service, normalised value, url, source), and per score row (level,
unit, service key, score, zone, letter, counted). Not compared: ids, timestamps, snippets' whitespace.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pantau.sample_server import SampleSite
from pantau.sample_site import load_expected
from tests.helpers import rows, run_pantau

GOLDEN = Path(__file__).resolve().parent / "golden" / "sample_site.json"
REGENERATE = os.environ.get("PANTAU_REGEN_GOLDEN") == "1"


def _findings(db) -> list[dict]:
    keep = ("unit", "component", "service", "value", "url", "source")
    found = [{k: f[k] for k in keep} | {"value": json.loads(f["value"])} for f in rows(db, "findings")]
    return sorted(found, key=lambda f: json.dumps(f, sort_keys=True, ensure_ascii=False))


def _scores(db) -> list[dict]:
    keep = ("level", "unit", "service_key", "zone", "letter", "counted")
    scored = [{k: s[k] for k in keep} | {"score": round(s["score"], 4)} for s in rows(db, "scores")]
    return sorted(scored, key=lambda s: json.dumps(s, sort_keys=True, ensure_ascii=False))


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("golden") / "pantau.db"
    with SampleSite() as site:
        resolve = [arg for host, addr in site.resolve_map().items() for arg in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", load_expected()["start_url"], "--db", str(db), "--delay", "0", "--json",
                            *resolve)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"findings": _findings(db), "scores": _scores(db)}


def test_sample_site_audit_matches_the_golden_snapshot(snapshot):
    assert snapshot["findings"], "the audit found nothing: a broken run must never become the golden snapshot"
    if REGENERATE:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip(f"regenerated {GOLDEN}")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    # Compared separately so a failure names the side that moved.
    missing = [f for f in golden["findings"] if f not in snapshot["findings"]]
    extra = [f for f in snapshot["findings"] if f not in golden["findings"]]
    assert (missing, extra) == ([], []), "findings differ from tests/golden/sample_site.json (missing, extra)"
    assert snapshot["findings"] == golden["findings"]  # and as many of each
    assert snapshot["scores"] == golden["scores"]
