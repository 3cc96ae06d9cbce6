"""pantau.storage against a real SQLite file: runs, idempotent pages, FTS, scores with evidence, summaries."""

import json
import multiprocessing
import os
import sqlite3

import pytest
import sqlite_utils

from pantau.storage import SCHEMA, Store
from tests.storage_data import ALL, audit_good, audit_middling, extraction, record


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "pantau.db")
    yield s
    s.close()


def count(store, table, run_id=None):
    where = "" if run_id is None else f" where run_id = {int(run_id)}"
    return store.db.execute(f"select count(*) from {table}{where}").fetchone()[0]


def test_schema_is_created_idempotently_in_wal_mode(tmp_path):
    path = tmp_path / "p.db"
    Store(path).close()
    store = Store(path)  # again: no error, nothing duplicated
    assert store.db.journal_mode == "wal"
    for table in SCHEMA:
        assert store.db[table].exists()
    assert store.db["findings"].detect_fts() == "findings_fts"
    assert store.db["pages"].detect_fts() == "pages_fts"
    fks = {(fk.column, fk.other_table) for fk in store.db["findings"].foreign_keys}
    assert {("run_id", "runs"), ("page_id", "pages"), ("pemda_id", "pemda")} <= fks
    indexed = {tuple(i.columns) for i in store.db["findings"].indexes}
    assert {("run_id",), ("unit",), ("component",)} <= indexed
    assert any(i.unique and i.columns == ["run_id", "url"] for i in store.db["pages"].indexes)


def test_old_database_gains_missing_columns(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["errors"].create({"id": int, "run_id": int, "url": str}, pk="id")
    db.close()
    store = Store(path)
    assert {"kind", "message", "at"} <= set(store.db["errors"].columns_dict)


def test_a_finding_keeps_how_it_was_read(store):
    """A learned finding (extractors/blockcat.py) is told apart from a rule's in storage, not by its confidence
    alone (a rule's guess has a confidence below 1 too)."""
    run = store.start_run("x.go.id", "x.go.id", {})
    url = "https://dukcapil.x.go.id/akta"
    ext = extraction(url, {"Akta": ["persyaratan", "prosedur"]})
    ext.services[0].findings[1].method = "learned"
    record(store, run, url, "dukcapil.x.go.id", ext)
    rows = {r["component"]: r["method"] for r in store.db.query("select component, method from findings")}
    assert rows == {"persyaratan": "rule", "prosedur": "learned"}
    assert "method" in store.db["latest_findings"].columns_dict  # Datasette's view of the latest audits shows it


def test_an_older_findings_table_gains_the_method_column_empty(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["findings"].insert({"id": 1, "run_id": 1, "component": "biaya"}, pk="id")
    db.close()
    store = Store(path)
    assert store.db.execute("select method from findings where id = 1").fetchone() == (None,)  # unknown, not "rule"
    store.close()


def test_upsert_pemda_keeps_fields_not_given(store):
    store.upsert_pemda("x.go.id", name="Kabupaten X", province="Lampung")
    store.upsert_pemda("x.go.id", level="kabupaten")
    row = store.db["pemda"].get("x.go.id")
    assert (row["name"], row["level"], row["province"]) == ("Kabupaten X", "kabupaten", "Lampung")
    assert count(store, "pemda") == 1


def test_record_page_twice_replaces_and_does_not_duplicate(store):
    run = store.start_run("x.go.id", "x.go.id", {})
    url = "https://dukcapil.x.go.id/akta"
    first = record(store, run, url, "dukcapil.x.go.id", extraction(url, {"Akta": ALL}, ["maklumat"]))
    old_ids = [r["id"] for r in store.db.query("select id from findings")]
    assert len(old_ids) == 7 and count(store, "services") == 1
    second = record(store, run, url, "dukcapil.x.go.id", extraction(url, {"Akta": ["persyaratan"]}))
    assert second == first
    assert count(store, "pages") == 1 and count(store, "services") == 1
    rows = list(store.db.query("select id, component from findings"))
    assert [r["component"] for r in rows] == ["persyaratan"]
    assert not set(r["id"] for r in rows) & set(old_ids)  # ids are never reused


def test_two_runs_do_not_interfere(store):
    first = audit_good(store, "x.go.id")
    before = {t: count(store, t, first) for t in ("pages", "findings", "services", "scores")}
    summary_before = store.run_summary(first)
    second = store.start_run("x.go.id", "x.go.id", {"max_pages": 5})
    url = "https://dukcapil.x.go.id/layanan"  # same URL as the first run: a new row in the new run
    record(store, second, url, "dukcapil.x.go.id", extraction(url, {"Akta Kelahiran": ["persyaratan"]}))
    store.finish_run(second)
    store.score_run(second)
    store.score_run(second)  # rescoring replaces, never duplicates
    assert second > first and store.latest_run_id("x.go.id") == second and store.latest_run_id() == second
    assert {t: count(store, t, first) for t in before} == before
    assert store.run_summary(first) == summary_before
    assert count(store, "pages") == 2
    assert count(store, "scores", second) == 3  # pemda + unit + service
    assert store.run_summary(second)["score"] < summary_before["score"]


def test_finish_run_fills_counts_and_normalises_status(store):
    run = store.start_run("x.go.id", "https://x.go.id/", {"max_pages": 3})
    record(store, run, "https://x.go.id/", "x.go.id", extraction("https://x.go.id/", {"KTP": ["biaya"]}))
    store.record_error(run, "https://x.go.id/gone", "http_404", "Not Found")
    assert store.db["runs"].get(run)["status"] == "running"
    store.finish_run(run, status="closespider_timeout")
    row = store.db["runs"].get(run)
    assert (row["status"], row["close_reason"]) == ("interrupted", "closespider_timeout")
    assert (row["pages_count"], row["findings_count"], row["errors_count"]) == (1, 1, 1)
    assert row["finished_at"] and json.loads(row["options"]) == {"max_pages": 3}
    with pytest.raises(KeyError):
        store.finish_run(run + 100)


def test_binary_page_stores_no_text(store):
    run = store.start_run("x.go.id", "x.go.id", {})
    page = record(store, run, "https://x.go.id/a.bin", "x.go.id", None, text="\x00\x01garbage", source="html")
    other = record(store, run, "https://x.go.id/b.pdf", "x.go.id", None, text="whatever", source="binary")
    assert store.db["pages"].get(page)["text"] is None
    assert store.db["pages"].get(other)["text"] is None
    assert store.db["pages"].get(other)["size"] == len("whatever")


def test_fts_finds_snippets_and_page_text(store):
    run = store.start_run("x.go.id", "x.go.id", {})
    url = "https://dinsos.x.go.id/sp"
    record(store, run, url, "dinsos.x.go.id",
           extraction(url, {"Rekomendasi PBI": ["biaya"]}, snippets={"biaya": "Tidak dipungut biaya (gratis)"}),
           text="Standar pelayanan rekomendasi penerima bantuan iuran")
    hits = list(store.db["findings"].search("gratis"))
    assert [h["component"] for h in hits] == ["biaya"]
    assert [p["url"] for p in store.db["pages"].search("bantuan")] == [url]
    # the triggers keep the index in step with re-recorded pages
    record(store, run, url, "dinsos.x.go.id", extraction(url, {"Rekomendasi PBI": ["persyaratan"]}), text="berubah")
    assert list(store.db["findings"].search("gratis")) == []
    assert list(store.db["pages"].search("bantuan")) == []


def test_score_rows_carry_evidence_that_points_at_real_findings(store):
    run = audit_middling(store)
    findings = {r["id"]: r for r in store.db.query("select * from findings where run_id = ?", [run])}
    rows = list(store.db.query("select * from scores where run_id = ?", [run]))
    assert sorted(r["level"] for r in rows) == ["pemda", "service", "unit", "unit"]
    seen = set()
    for row in rows:
        evidence = json.loads(row["evidence"])
        points = json.loads(row["points"])
        assert set(evidence) == set(points)
        for component, ids in evidence.items():
            assert (points[component] > 0) == bool(ids), (row["level"], component)
            for i in ids:
                assert i in findings, f"score evidence names finding {i}, which is not in this run"
                seen.add(i)
                if row["level"] == "service":
                    assert findings[i]["component"] == component
                    assert findings[i]["service_key"] == row["service_key"]
                if row["level"] in ("service", "unit"):
                    assert findings[i]["unit"] == row["unit"]
    assert seen == set(findings)
    pemda = next(r for r in rows if r["level"] == "pemda")
    assert (pemda["score"], pemda["zone"], pemda["letter"]) == (25.0, "merah", "E")


def test_score_run_with_other_config_replaces_rows(store):
    run = audit_middling(store)
    kinder = store.config.with_overrides({"pemda": {"units": "with_services"}})
    result = store.score_run(run, kinder)
    assert result.score == 50.0
    assert count(store, "scores", run) == 4
    assert store.run_summary(run)["score"] == 50.0
    assert store.run_summary(run)["unit_rule"] == "with_services"


def test_run_summary_shape(store):
    run = audit_middling(store)
    summary = store.run_summary(run)
    assert summary["run_id"] == run and summary["pemda_id"] == "sedangkab.go.id"
    assert summary["pemda_name"] == "Kabupaten Sedang" and summary["status"] == "finished"
    assert (summary["pages_count"], summary["findings_count"], summary["errors_count"]) == (2, 4, 0)
    assert (summary["score"], summary["zone"], summary["letter"]) == (25.0, "merah", "E")
    assert list(summary["units"]) == ["dinsos.sedangkab.go.id", "sedangkab.go.id"]  # best first
    dinsos = summary["units"]["dinsos.sedangkab.go.id"]
    assert (dinsos["score"], dinsos["zone"], dinsos["maklumat"], dinsos["pengaduan"]) == (50.0, "merah", True, False)
    [service] = dinsos["services"]
    assert service["name"] == "Rekomendasi PBI" and service["score"] == 50.0
    assert service["components"] == {"persyaratan": True, "prosedur": True, "waktu": True,
                                     "biaya": False, "produk": False, "pengaduan": False}
    assert summary["units"]["sedangkab.go.id"] == {
        "score": 0.0, "zone": "merah", "letter": "E", "counted": True, "maklumat": False, "pengaduan": False,
        "services_mean": None, "evidence": {"services": [], "maklumat": [], "pengaduan": []}, "services": []}
    json.dumps(summary)  # JSON-able for `--json`


def test_run_summary_scores_an_unscored_run(store):
    run = store.start_run("x.go.id", "x.go.id", {})
    record(store, run, "https://x.go.id/", "x.go.id", extraction("https://x.go.id/", unit=["maklumat"]))
    summary = store.run_summary(run)
    assert summary["status"] == "running" and summary["pages_count"] == 1 and summary["score"] == 15.0


def test_latest_run_id_on_empty_db(store):
    assert store.latest_run_id() is None and store.latest_run_id("x.go.id") is None


def _write_then_die(path, ready):  # runs in a child process, killed mid-run
    store = Store(path)
    run = store.start_run("x.go.id", "x.go.id", {})
    for i in range(10_000):
        url = f"https://x.go.id/p{i}"
        record(store, run, url, "x.go.id", extraction(url, {f"Layanan {i}": ALL}, ["maklumat"]))
        if i == 20:
            ready.set()


def test_killed_writer_leaves_whole_pages(tmp_path):
    path = tmp_path / "killed.db"
    Store(path).close()
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    child = ctx.Process(target=_write_then_die, args=(path, ready))
    child.start()
    try:
        assert ready.wait(30)
    finally:
        os.kill(child.pid, 9)
        child.join(10)
    conn = sqlite3.connect(path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    pages = conn.execute("select count(*) from pages").fetchone()[0]
    assert pages >= 21
    # every stored page has all of its findings (7 each): no half-written page
    per_page = conn.execute("select page_id, count(*) from findings group by page_id").fetchall()
    assert len(per_page) == pages and {n for _, n in per_page} == {7}
    conn.close()
    store = Store(path)  # and the database opens and scores afterwards
    summary = store.run_summary(store.latest_run_id())
    assert summary["status"] == "running" and summary["score"] == 100.0
