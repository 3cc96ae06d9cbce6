"""A real audit of the bundled sample site: real HTTP on 127.0.0.1, real Scrapy, real SQLite.

The crawl runs once per module through the `pantau audit` CLI, as a user runs it; each test checks one thing
that must hold in the database against `pantau/sample_site/expected.yaml`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils

from pantau.evaluate import biaya_matches, names_match, waktu_matches
from pantau.sample_server import SampleSite
from pantau.sample_site import load_expected
from tests.helpers import rows, run_pantau

REPO = Path(__file__).resolve().parent.parent
EXPECTED = load_expected()


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    db = tmp_path_factory.mktemp("audit") / "pantau.db"
    with SampleSite() as site:
        resolve = [arg for host, addr in site.resolve_map().items() for arg in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", EXPECTED["start_url"], "--db", str(db), "--delay", "0", "--json", *resolve)
        log = site.requests_log
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": db, "summary": json.loads(result.stdout), "log": log, "stderr": result.stderr}


def _findings(db, where="1=1", params=()):
    return rows(db, "findings", where, list(params))


def test_every_reachable_page_is_stored_once(audit):
    stored = [p["url"] for p in rows(audit["db"], "pages", "content_type not like 'image/%'")]
    assert len(stored) == len(set(stored))
    assert set(stored) == set(EXPECTED["reachable_urls"])


def test_robots_disallowed_pages_are_never_requested(audit):
    requested = {(h, p) for h, p, _ in audit["log"]}
    for url in EXPECTED["disallowed_urls"]:
        parts = urlsplit(url)
        assert (parts.hostname, parts.path) not in requested, url
    kinds = {(e["url"], e["kind"]) for e in rows(audit["db"], "errors")}
    for url in EXPECTED["disallowed_urls"]:
        assert (url, "robots") in kinds


def test_offsite_links_are_never_followed(audit):
    served = set(EXPECTED["units"]) | {a for u in EXPECTED["units"].values() for a in u.get("aliases", [])}
    assert {h for h, _, _ in audit["log"]} <= served
    touched = {r["url"] for r in rows(audit["db"], "pages")} | {r["url"] for r in rows(audit["db"], "errors")}
    assert not touched & set(EXPECTED["offsite_urls"])


def test_images_that_look_like_standards_are_fetched_for_ocr_and_logos_are_not(audit):
    images = {p["url"] for p in rows(audit["db"], "pages", "content_type like 'image/%'")}
    assert images == {"http://dinkes.lampungtimurkab.go.id/wp-content/uploads/2023/08/alur-pelayanan-labkesda.png"}
    # The flow chart is boxes without words: OCR reads nothing, so it publishes nothing.
    assert _findings(audit["db"], "url in (select url from pages where content_type like 'image/%')") == []


def test_sitemap_only_pages_are_found(audit):
    stored = {p["url"] for p in rows(audit["db"], "pages")}
    assert set(EXPECTED["sitemap_only_urls"]) <= stored


def test_broken_links_are_recorded_as_404_errors(audit):
    errors = {(e["url"], e["kind"]) for e in rows(audit["db"], "errors")}
    for url in EXPECTED["broken_urls"]:
        assert (url, "http_404") in errors


def test_news_posts_publish_nothing(audit):
    for url in EXPECTED["news_urls"]:
        assert _findings(audit["db"], "url = ?", [url]) == [], url


def test_every_finding_carries_its_evidence(audit):
    findings = _findings(audit["db"])
    assert findings
    for f in findings:
        assert f["snippet"].strip() and f["url"].startswith("http://") and f["locator"], f
        assert f["unit"] == urlsplit(f["url"]).hostname.removeprefix("www.")


def _unit_findings(db, unit, component):
    return _findings(db, "unit = ? and component = ?", [unit, component])


@pytest.mark.parametrize("unit", sorted(EXPECTED["units"]))
def test_unit_level_maklumat_and_pengaduan_match_the_site(audit, unit):
    truth = EXPECTED["units"][unit]
    assert bool(_unit_findings(audit["db"], unit, "maklumat")) == truth["maklumat"]
    assert bool(_unit_findings(audit["db"], unit, "pengaduan")) == truth["pengaduan"]


def _services_found(db, unit):
    found: dict[str, dict] = {}
    for s in rows(db, "services", "unit = ?", [unit]):
        comps = {c for c, on in json.loads(s["components"]).items() if on}
        found.setdefault(s["name"], set()).update(comps)
    return found


@pytest.mark.parametrize("unit", sorted(EXPECTED["units"]))
def test_services_and_components_match_what_the_site_publishes(audit, unit):
    expected = EXPECTED["units"][unit]["services"]
    found = _services_found(audit["db"], unit)
    for service in expected:
        matches = [name for name in found if names_match(name, service["name"])]
        assert matches, f"{unit}: service {service['name']!r} not found among {sorted(found)}"
        assert found[matches[0]] == set(service["components"]), f"{unit}: {service['name']}"
    extra = [name for name in found if not any(names_match(name, s["name"]) for s in expected)]
    assert not extra, f"{unit}: services the site does not publish: {extra}"


@pytest.mark.parametrize(
    "unit,service",
    [(u, s) for u, data in sorted(EXPECTED["units"].items()) for s in data["services"] if s.get("values")],
    ids=lambda v: v if isinstance(v, str) else v["name"],
)
def test_fee_and_duration_values_are_normalised(audit, unit, service):
    findings = [f for f in _findings(audit["db"], "unit = ?", [unit]) if names_match(f["service"] or "", service["name"])]
    values = service["values"]
    for component, check in (("biaya", biaya_matches), ("waktu", waktu_matches)):
        if component in values:
            got = [json.loads(f["value"]) for f in findings if f["component"] == component]
            assert check(got, values[component]), f"{service['name']} {component}: {got} != {values[component]}"


def test_scores_are_written_and_traceable(audit):
    db = sqlite_utils.Database(audit["db"])
    pemda = list(db["scores"].rows_where("level = 'pemda'"))
    assert len(pemda) == 1 and pemda[0]["zone"] in {"hijau", "kuning", "merah"}
    finding_ids = {f["id"] for f in db["findings"].rows}
    for score in db["scores"].rows_where("level = 'service'"):
        evidence = json.loads(score["evidence"])
        ids = {i for ids in evidence.values() for i in ids}
        assert ids and ids <= finding_ids
    summary = audit["summary"]
    assert summary["zone"] == pemda[0]["zone"] and summary["score"] == pemda[0]["score"]


def test_a_second_audit_adds_a_run_and_leaves_the_first_intact(audit, tmp_path):
    db = tmp_path / "twice.db"
    db.write_bytes(Path(audit["db"]).read_bytes())
    before = rows(db, "findings", "run_id = 1")
    with SampleSite() as site:
        resolve = [arg for host, addr in site.resolve_map().items() for arg in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", EXPECTED["start_url"], "--db", str(db), "--delay", "0", "--quiet", "--json",
                            "--max-pages", "5", *resolve)
    assert result.returncode == 0, result.stderr[-2000:]
    runs = rows(db, "runs")
    assert [r["id"] for r in runs] == [1, 2]
    assert rows(db, "findings", "run_id = 1") == before
    assert len(rows(db, "pages", "run_id = 2")) <= 5


def test_scrapy_crawl_writes_to_the_same_database(tmp_path):
    db = tmp_path / "scrapy.db"
    with SampleSite() as site:
        resolve = ",".join(f"{host}={addr}" for host, addr in site.resolve_map().items())
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "pemda", "-a", "domain=http://dinsos.lampungtimurkab.go.id/",
             "-a", "max_pages=10", "-s", f"PANTAU_DB={db}", "-s", f"PANTAU_RESOLVE={resolve}",
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "PANTAU_PROGRESS=off"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = rows(db, "runs")
    assert len(runs) == 1 and runs[0]["status"] == "finished"
    assert any(f["component"] == "persyaratan" for f in rows(db, "findings"))
