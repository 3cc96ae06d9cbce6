"""`pantau export`: dated snapshots that open with openpyxl / csv / json and match the database, written
without touching it. Databases are real SQLite, built by the storage API (tests/storage_data.py) and, once,
by `pantau demo` (a real crawl of the sample site)."""

from __future__ import annotations

import csv
import hashlib
import json

import openpyxl
import pytest
import sqlite_utils

from pantau.export import FINDING_COLUMNS, SCORE_COLUMNS
from pantau.storage import Store
from tests import storage_data as data
from tests.storage_data import older_pantau
from tests.helpers import rows, run_pantau

EVIL = '=HYPERLINK("http://evil.example/","klik")'


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "pantau.db"
    with Store(path) as store:
        data.audit_good(store)
        # a second pemda whose snippet starts like a spreadsheet formula (crawled text is hostile)
        store.upsert_pemda("sedangkab.go.id", name="Kabupaten Sedang", level="kabupaten", province="Lampung")
        run = store.start_run("sedangkab.go.id", "sedangkab.go.id", {})
        host = "dinsos.sedangkab.go.id"
        ext = data.extraction(f"https://{host}/sp", {"Rekomendasi PBI": ["persyaratan", "biaya"]}, ["maklumat"],
                              snippets={"persyaratan": EVIL})
        ext.services[0].findings[0].method = "learned"  # the model's reading (extractors/blockcat.py)
        data.record(store, run, f"https://{host}/sp", host, ext)
        store.finish_run(run)
        store.score_run(run)
    return path


def _export(db, tmp_path, *args):
    out = tmp_path / "out"
    result = run_pantau("export", "--db", str(db), "--out", str(out), *args, timeout=120)
    assert result.returncode == 0, result.stderr
    return [p for p in map(str.strip, result.stdout.splitlines()) if p]


def _expected_component_rows(db) -> dict[tuple, dict]:
    """From the database, independently: (run, unit, service, component) -> published, first evidence id."""
    out = {}
    for s in rows(db, "scores", "level in ('service', 'unit')"):
        components, evidence = json.loads(s["components"]), json.loads(s["evidence"])
        keys = [k for k in components if k != "services"]
        for key in keys:
            ids = evidence.get(key) or []
            out[(s["run_id"], s["unit"], s["service"] if s["level"] == "service" else None, key)] = {
                "published": bool(components[key]), "finding": ids[0] if ids else None}
    return out


def test_xlsx_opens_with_openpyxl_and_matches_the_database(db, tmp_path):
    [path] = _export(db, tmp_path, "--format", "xlsx")
    assert path.endswith(".xlsx") and "pantau-20" in path
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Temuan", "Skor", "Tentang"]
    sheet = book["Temuan"]
    header = [c.value for c in sheet[1]]
    assert header == [c[1] for c in FINDING_COLUMNS]
    got = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip((c[0] for c in FINDING_COLUMNS), values))
        got[(row["run_id"], row["unit"], row["service"], row["component"])] = row
    expected = _expected_component_rows(db)
    assert set(got) == set(expected)
    findings = {f["id"]: f for f in rows(db, "findings")}
    for key, want in expected.items():
        row = got[key]
        assert row["published"] == ("ya" if want["published"] else "tidak"), key
        if want["finding"]:
            f = findings[want["finding"]]
            assert (row["finding_id"], row["evidence_url"], row["snippet"], row["value"]) == (
                f["id"], f["url"], f["snippet"], f["value"])
            assert row["component"] == f["component"] and row["unit"] == f["unit"]
    # every service-level finding in the database shows as published in the export
    for f in findings.values():
        if f["service"]:
            assert got[(f["run_id"], f["unit"], f["service"], f["component"])]["published"] == "ya"
    scores = [dict(zip((c[0] for c in SCORE_COLUMNS), v)) for v in book["Skor"].iter_rows(min_row=2, values_only=True)]
    db_scores = rows(db, "scores")
    assert sorted((s["run_id"], s["level"], s["unit"] or "", s["service"] or "", s["score"], s["zone"]) for s in scores) \
        == sorted((s["run_id"], s["level"], s["unit"] or "", s["service"] or "", s["score"], s["zone"]) for s in db_scores)


def test_text_that_looks_like_a_formula_stays_text(db, tmp_path):
    [xlsx] = _export(db, tmp_path, "--format", "xlsx")
    cells = [c for row in openpyxl.load_workbook(xlsx)["Temuan"].iter_rows() for c in row if c.value == EVIL]
    assert cells and all(c.data_type == "s" for c in cells)
    findings_csv, _ = _export(db, tmp_path, "--format", "csv")
    with open(findings_csv, encoding="utf-8-sig", newline="") as fh:
        snippets = [r["Cuplikan"] for r in csv.DictReader(fh)]
    assert "'" + EVIL in snippets and EVIL not in snippets


def test_csv_opens_and_matches_the_database(db, tmp_path):
    findings_csv, scores_csv = _export(db, tmp_path, "--format", "csv")
    assert findings_csv.endswith("-temuan.csv") and scores_csv.endswith("-skor.csv")
    with open(findings_csv, encoding="utf-8-sig", newline="") as fh:
        found = list(csv.DictReader(fh))
    assert list(found[0]) == [c[1] for c in FINDING_COLUMNS]
    expected = _expected_component_rows(db)
    assert len(found) == len(expected)
    published = {(int(r["Run"]), r["Unit (OPD)"], r["Layanan"] or None, r["Komponen"]) for r in found
                 if r["Dipublikasikan"] == "ya"}
    assert published == {k for k, v in expected.items() if v["published"]}
    with open(scores_csv, encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(rows(db, "scores"))


def test_json_in_english_matches_the_database(db, tmp_path):
    [path] = _export(db, tmp_path, "--format", "json", "--lang", "en")
    body = json.loads(open(path, encoding="utf-8").read())
    assert body["columns"]["findings"]["published"] == "Published"
    assert body["snapshot"] == rows(db, "runs")[-1]["started_at"][:10]
    assert sorted(body["runs"]) == sorted(r["id"] for r in rows(db, "runs"))
    expected = _expected_component_rows(db)
    got = {(r["run_id"], r["unit"], r["service"], r["component"]): r for r in body["findings"]}
    assert {k: v["published"] for k, v in got.items()} == {k: v["published"] for k, v in expected.items()}
    for r in body["findings"]:
        if r["finding_id"]:
            [stored] = rows(db, "findings", "id = ?", [r["finding_id"]])
            assert r["value"] == json.loads(stored["value"]) and r["method"] == stored["method"]
    assert sorted({r["method"] for r in body["findings"] if r["finding_id"]}) == ["learned", "rule"]


def test_english_headers_for_csv(db, tmp_path):
    findings_csv, scores_csv = _export(db, tmp_path, "--format", "csv", "--lang", "en")
    assert findings_csv.endswith("-findings.csv") and scores_csv.endswith("-scores.csv")
    with open(findings_csv, encoding="utf-8-sig", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert first["Published"] in ("yes", "no")


def test_latest_is_the_default_and_run_picks_one(db, tmp_path):
    with Store(db) as store:
        newer = data.audit_good(store)  # a second run of baikkab.go.id
    [path] = _export(db, tmp_path, "--format", "json")
    runs = json.loads(open(path, encoding="utf-8").read())["runs"]
    assert newer in runs and 1 not in runs and len(runs) == 2  # one run per pemda, the latest
    [path] = _export(db, tmp_path, "--format", "json", "--run", "1", "--out", str(tmp_path / "run1.json"))
    assert path.endswith("run1.json")
    body = json.loads(open(path, encoding="utf-8").read())
    assert body["runs"] == [1] and {r["run_id"] for r in body["findings"]} == {1}


def test_export_never_writes_to_the_database(db, tmp_path):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for fmt in ("csv", "xlsx", "json"):
        _export(db, tmp_path, "--format", fmt)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    wal = db.with_name(db.name + "-wal")  # SQLite's WAL readers may create it, but nothing is written to it
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize("args,message", [
    (["--run", "99"], "no run 99"),
    (["--db", "/etc/hostname"], "not an SQLite database"),
    (["--out", "/proc/pantau-export.xlsx"], "cannot write"),
    (["--format", "csv", "--out", "/proc/pantau-export/"], "cannot write"),
])
def test_user_errors_are_one_line_with_exit_code_2(db, tmp_path, args, message):
    result = run_pantau("export", "--db", str(db), "--out", str(tmp_path / "x"), *args, timeout=60)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_an_unscored_run_is_refused_not_scored(tmp_path):
    path = tmp_path / "unscored.db"
    with Store(path) as store:
        store.upsert_pemda("a.go.id")
        run = store.start_run("a.go.id", "a.go.id", {})
        data.record(store, run, "https://a.go.id/", "a.go.id", data.extraction("https://a.go.id/", {"X": ["biaya"]}))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_pantau("export", "--db", str(path), "--run", str(run), "--out", str(tmp_path), timeout=60)
    assert result.returncode == 2 and "not been scored" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_demo_database_exports_as_xlsx(tmp_path):
    """The real thing: `pantau demo` crawls the sample site; its export has every scored component."""
    db = tmp_path / "demo.db"
    demo = run_pantau("demo", "--db", str(db), "--json", timeout=240)
    assert demo.returncode == 0, demo.stderr[-2000:]
    [path] = _export(db, tmp_path, "--format", "xlsx", "--lang", "en")
    book = openpyxl.load_workbook(path, read_only=True)
    body = list(book["Findings"].iter_rows(min_row=2, values_only=True))
    expected = _expected_component_rows(db)
    assert len(body) == len(expected) > 50
    published = sum(v["published"] for v in expected.values())
    assert sum(1 for r in body if r[8] == "yes") == published
    assert all(r[10] and r[10].startswith("http://") for r in body if r[8] == "yes" and r[15])


def test_a_database_from_before_findings_method_exports(tmp_path):
    """export opens read-only and never migrates: a database an older pantau wrote has no findings.method."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        data.audit_good(store)
    older_pantau(path)
    assert "method" not in sqlite_utils.Database(path)["findings"].columns_dict
    [out] = _export(path, tmp_path, "--format", "json")
    found = [r for r in json.loads(open(out, encoding="utf-8").read())["findings"] if r["finding_id"]]
    assert found and {r["method"] for r in found} == {None}  # unknown, not "rule"
