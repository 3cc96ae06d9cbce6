"""The nightly job over several pemda sites served on 127.0.0.1 under real-looking hostnames: a second night
over unchanged sites re-extracts nothing, and a night killed half-way and resumed ends with exactly the
findings of an uninterrupted night."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from pantau.sample_server import SampleSite
from pantau.sample_site import HOSTS_DIR
from tests.helpers import rows, run_pantau

LAMTIM = "lampungtimurkab.go.id"
METRO = "metrokota.go.id"


def make_sites(root):
    """Two pemda: the bundled Lampung Timur site, and Kota Metro built from two of its OPD sites."""
    shutil.copytree(HOSTS_DIR, root)
    shutil.copytree(root / "dinsos.lampungtimurkab.go.id", root / f"dinsos.{METRO}")
    shutil.copytree(root / "disdukcapil.lampungtimurkab.go.id", root / METRO)
    return root


def write_registry(path, entries):
    path.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


REGISTRY = [
    {"id": "18.07", "name": "Kabupaten Lampung Timur", "level": "kabupaten", "province": "Lampung",
     "domain": LAMTIM, "verified": False, "start_urls": [f"http://{LAMTIM}/"]},
    {"id": "18.72", "name": "Kota Metro", "level": "kota", "province": "Lampung", "domain": METRO,
     "verified": False, "start_urls": [f"http://{METRO}/", f"http://dinsos.{METRO}/"]},
    {"id": "18", "name": "Provinsi Lampung", "level": "provinsi", "province": "Lampung", "domain": "lampungprov.go.id",
     "verified": False},
]


def nightly_args(site, registry, db, *extra):
    resolve = [a for host, addr in site.resolve_map().items() for a in ("--resolve", f"{host}={addr}")]
    return ["nightly", "--registry", str(registry), "--db", str(db), "--only", LAMTIM, "--only", METRO,
            "--quiet", "--json", *resolve, *extra]


def published(db, run_ids=None):
    where = "1=1" if run_ids is None else f"run_id in ({','.join(map(str, run_ids))})"
    return sorted((f["url"], f["component"], f["service"] or "", f["value"]) for f in rows(db, "findings", where))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nightly")
    hosts = make_sites(tmp / "hosts")
    registry = write_registry(tmp / "pemda.yaml", REGISTRY)
    with SampleSite(root=hosts) as site:
        yield {"tmp": tmp, "site": site, "registry": registry}


@pytest.fixture(scope="module")
def two_nights(world):
    db = world["tmp"] / "nights.db"
    nights = []
    for _ in range(2):
        result = run_pantau(*nightly_args(world["site"], world["registry"], db, "--delay", "0"))
        assert result.returncode == 0, result.stderr[-3000:]
        nights.append(json.loads(result.stdout))
    return {"db": db, "nights": nights}


def test_a_night_covers_every_selected_pemda_in_one_batch(two_nights):
    first = two_nights["nights"][0]
    assert {r["pemda_id"] for r in first["runs"]} == {LAMTIM, METRO}
    assert all(r["status"] == "finished" and r["score"] is not None for r in first["runs"])
    assert len({r["batch_id"] for r in first["runs"]}) == 1
    metro_units = {p["unit"] for p in rows(two_nights["db"], "pages", "run_id = ?", [first["runs"][1]["id"]])}
    assert metro_units == {METRO, f"dinsos.{METRO}"}  # links into the other pemda's sites are not followed


def test_a_second_night_over_unchanged_sites_re_extracts_nothing(two_nights):
    db = two_nights["db"]
    second_runs = [r["id"] for r in two_nights["nights"][1]["runs"]]
    first_runs = [r["id"] for r in two_nights["nights"][0]["runs"]]
    pages = rows(db, "pages", f"run_id in ({','.join(map(str, second_runs))}) and status in (200, 304)")
    assert pages and all(p["carried_from"] for p in pages)
    assert published(db, second_runs) == published(db, first_runs)
    assert {r["carried_over_count"] for r in two_nights["nights"][1]["runs"]} != {0}


def test_a_killed_night_resumes_to_the_same_findings(world, two_nights):
    reference = published(two_nights["db"], [r["id"] for r in two_nights["nights"][0]["runs"]])
    db = world["tmp"] / "killed.db"
    # Slow enough (a delay per host) that the kill lands mid-crawl.
    cmd = [sys.executable, "-m", "pantau.cli", *nightly_args(world["site"], world["registry"], db, "--delay", "0.4")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if db.exists() and len(rows(db, "pages")) >= 12:
                break
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGKILL)  # the crawler and its extraction workers, like a power cut
    finally:
        proc.wait(timeout=30)
    stored_before = len(rows(db, "pages"))
    assert 12 <= stored_before < len(rows(two_nights["db"], "pages", "run_id in (1, 2)"))
    assert {r["status"] for r in rows(db, "runs")} == {"running"}

    result = run_pantau(*nightly_args(world["site"], world["registry"], db, "--delay", "0", "--resume"))
    assert result.returncode == 0, result.stderr[-3000:]
    runs = rows(db, "runs")
    assert len(runs) == 2 and all(r["status"] == "finished" and r["resumed"] == 1 for r in runs)
    assert published(db) == reference


def test_resume_with_nothing_to_resume_is_a_clear_error(two_nights, world):
    result = run_pantau(*nightly_args(world["site"], world["registry"], two_nights["db"], "--resume"))
    assert result.returncode != 0 and "nothing to resume" in result.stderr


def test_robots_txt_holds_when_many_requests_wait_for_it(tmp_path):
    """The first contact with a host is a batch of links (one page linking to many pages of an OPD site): they
    all wait together for that host's robots.txt, and none of the forbidden ones is fetched."""
    hosts = tmp_path / "hosts"
    shutil.copytree(HOSTS_DIR, hosts)
    opd = f"http://disdukcapil.{LAMTIM}"
    forbidden = f"{opd}/internal/revisi-standar-pelayanan-2025.html"
    batch = [f"{opd}{p}" for p in ("/profil/", "/layanan/", "/maklumat/", "/pengaduan/",
                                   "/layanan/akta-kelahiran.html", "/layanan/akta-kematian.html")] + [forbidden]
    (hosts / LAMTIM / "semua-layanan.html").write_text(
        "<html><body><h1>Semua layanan</h1>" + "".join(f'<a href="{u}">{u}</a> ' for u in batch) + "</body></html>",
        encoding="utf-8")
    db = tmp_path / "race.db"
    with SampleSite(root=hosts) as site:
        resolve = [a for host, addr in site.resolve_map().items() for a in ("--resolve", f"{host}={addr}")]
        result = run_pantau("audit", f"http://{LAMTIM}/semua-layanan.html", "--db", str(db), "--delay", "0",
                            "--max-depth", "1", "--quiet", "--json", *resolve)
        requested = [p for h, p, _ in site.requests_log]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/layanan/akta-kelahiran.html" in requested  # the batch was crawled…
    assert not [p for p in requested if p.startswith("/internal/")]  # …but not what robots.txt forbids
    assert [e["kind"] for e in rows(db, "errors", "url = ?", [forbidden])] == ["robots"]
