"""Runs keep history: an unchanged site is carried over without re-extraction, a changed page shows up in
`pantau diff`, and the evidence in the WARC files reads back with warcio to the stored hashes."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from pantau.archive import read_record
from pantau.sample_server import SampleSite
from pantau.sample_site import HOSTS_DIR, load_expected
from tests.helpers import rows, run_pantau

START = load_expected()["start_url"]
AKTA = "http://disdukcapil.lampungtimurkab.go.id/layanan/akta-kelahiran.html"
BIAYA_ROW = "<tr><td>4</td><td>Biaya/Tarif</td><td>Tidak dipungut biaya (Rp 0,-).</td></tr>"


def audit(site, db):
    resolve = [arg for host, addr in site.resolve_map().items() for arg in ("--resolve", f"{host}={addr}")]
    result = run_pantau("audit", START, "--db", str(db), "--delay", "0", "--quiet", "--json", *resolve)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)["run_id"]


def published(db, run_id):
    return {(f["unit"], f["service_key"], f["component"]) for f in rows(db, "findings", "run_id = ?", [run_id])}


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("history")
    hosts = tmp / "hosts"
    shutil.copytree(HOSTS_DIR, hosts)
    db = tmp / "pantau.db"
    with SampleSite(root=hosts) as site:
        first = audit(site, db)
        second = audit(site, db)
        page = hosts / "disdukcapil.lampungtimurkab.go.id/layanan/akta-kelahiran.html"
        html = page.read_text(encoding="utf-8")
        assert BIAYA_ROW in html
        page.write_text(html.replace(BIAYA_ROW, ""), encoding="utf-8")
        third = audit(site, db)
    return {"db": db, "runs": (first, second, third)}


def test_an_unchanged_site_is_carried_over_without_re_extraction(history):
    db, (first, second, _) = history["db"], history["runs"]
    pages = rows(db, "pages", "run_id = ? and status in (200, 304)", [second])
    assert pages and all(p["carried_from"] for p in pages)
    assert {p["status"] for p in pages} == {304}  # conditional requests answered Not Modified
    assert published(db, second) == published(db, first)
    assert all(f["carried_over"] == 1 for f in rows(db, "findings", "run_id = ?", [second]))


def test_a_changed_page_is_re_extracted_and_shows_in_diff(history):
    db, (_, second, third) = history["db"], history["runs"]
    changed = rows(db, "pages", "run_id = ? and url = ?", [third, AKTA])[0]
    assert changed["status"] == 200 and changed["carried_from"] is None
    others = rows(db, "pages", "run_id = ? and url != ? and status in (200, 304)", [third, AKTA])
    assert all(p["carried_from"] for p in others)
    result = run_pantau("diff", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)[0]
    assert (diff["run_a"], diff["run_b"]) == (second, third)
    akta = [c for c in diff["changes"] if "akta kelahiran" in c["service"].lower()]
    assert akta and akta[0]["disappeared"] == ["biaya"] and akta[0]["appeared"] == []
    assert diff["score_change"] < 0
    view = rows(db, "component_changes", "run_b = ? and change = 'disappeared'", [third])
    assert [(r["unit"], r["component"]) for r in view] == [("disdukcapil.lampungtimurkab.go.id", "biaya")]


def test_warc_records_read_back_to_the_stored_hashes(history):
    db, (first, _, _) = history["db"], history["runs"]
    pages = rows(db, "pages", "run_id = ? and warc_file is not null", [first])
    with_findings = {f["page_id"] for f in rows(db, "findings", "run_id = ?", [first])}
    assert {p["id"] for p in pages} == with_findings  # every page with findings, and only those
    for page in pages:
        url, payload = read_record(page["warc_file"], page["warc_offset"])
        assert url == page["url"]
        assert hashlib.sha256(payload).hexdigest() == page["content_hash"]
    for finding in rows(db, "findings", "run_id = ?", [first]):
        assert finding["warc_file"] and finding["content_hash"]
