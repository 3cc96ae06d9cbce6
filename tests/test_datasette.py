"""Datasette served for real on 127.0.0.1 against a database built here, with pantau's metadata."""

import re

import httpx
import pytest

from pantau.serve import database_name, datasette_command, metadata_for, write_metadata
from pantau.storage import Store
from tests.serve_fixtures import HOST, free_port, serving
from tests.storage_data import audit_good, audit_middling, extraction, record


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("datasette")
    db_path = tmp / "audit-test.db"  # not "pantau.db": the metadata must follow the file name
    store = Store(db_path)
    audit_middling(store)
    audit_good(store)
    # a newer run of the middling pemda that is still running must not replace its finished run
    running = store.start_run("sedangkab.go.id", "sedangkab.go.id", {})
    url = "https://dinsos.sedangkab.go.id/x"
    record(store, running, url, "dinsos.sedangkab.go.id",
           extraction(url, {"PBI": ["persyaratan"]}, snippets={"persyaratan": "<script>alert('x')</script>"}))
    store.score_run(running)
    # and one whose snippet is markup, to check Datasette escapes it
    run = store.start_run("htmlkab.go.id", "htmlkab.go.id", {})
    url = "https://htmlkab.go.id/x"
    record(store, run, url, "htmlkab.go.id",
           extraction(url, {"KTP": ["biaya"]}, snippets={"biaya": "<b onmouseover=alert(1)>Gratis</b>"}))
    store.finish_run(run)
    store.score_run(run)
    store.close()

    port = free_port()
    command = datasette_command(db_path, HOST, port, metadata_path=write_metadata(db_path, tmp))
    with serving(command, port, tmp / "datasette.log") as base:
        yield base, database_name(db_path)


def get_json(url, **params):
    response = httpx.get(url, params={"_shape": "objects", **params}, timeout=10)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_command_is_loopback_datasette(tmp_path):
    command = datasette_command(tmp_path / "x.db", "127.0.0.1", 8123, metadata_path=tmp_path / "m.json")
    assert command[1:4] == ["-m", "datasette", "serve"]
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    assert command[command.index("--metadata") + 1] == str(tmp_path / "m.json")


def test_metadata_follows_the_database_name():
    metadata = metadata_for("/somewhere/lampung-2026.db")
    assert list(metadata["databases"]) == ["lampung-2026"]
    queries = metadata["databases"]["lampung-2026"]["queries"]
    assert {"pemda_ranking", "unit_scores", "findings_for_pemda"} <= set(queries)


def test_pemda_ranking_orders_latest_finished_runs(served):
    base, db = served
    rows = get_json(f"{base}/{db}/pemda_ranking.json")["rows"]
    assert [r["pemda_id"] for r in rows] == ["baikkab.go.id", "sedangkab.go.id", "htmlkab.go.id"]
    assert [(r["score"], r["zone"], r["letter"]) for r in rows] == [
        (100.0, "hijau", "A"), (25.0, "merah", "E"), (round(100 / 6 * 0.7, 2), "merah", "E")]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert rows[0]["name"] == "Kabupaten Baik"


def test_unit_scores_and_findings_for_pemda(served):
    base, db = served
    units = get_json(f"{base}/{db}/unit_scores.json")["rows"]
    sedang = [(u["unit"], u["score"]) for u in units if u["pemda_id"] == "sedangkab.go.id"]
    assert sedang == [("dinsos.sedangkab.go.id", 50.0), ("sedangkab.go.id", 0.0)]
    findings = get_json(f"{base}/{db}/findings_for_pemda.json", pemda="sedangkab.go.id")["rows"]
    assert sorted(f["component"] for f in findings) == ["maklumat", "persyaratan", "prosedur", "waktu"]
    assert all(f["unit"].endswith("sedangkab.go.id") for f in findings)


def test_metadata_title_facets_and_hidden_fts(served):
    base, db = served
    assert get_json(f"{base}/-/metadata.json")["title"].startswith("pantau")
    page = httpx.get(f"{base}/{db}/findings", timeout=10)
    assert page.status_code == 200
    assert "pantau" in page.text and "One published component" in page.text
    facets = get_json(f"{base}/{db}/findings.json")["facet_results"]
    facet_names = set(facets.get("results", facets))
    assert {"component", "unit", "source"} <= facet_names
    tables = {t["name"]: t for t in get_json(f"{base}/{db}.json")["tables"]}
    assert tables["findings_fts"]["hidden"] and not tables["findings"]["hidden"]


def test_snippets_are_shown_escaped(served):
    base, db = served
    html = httpx.get(f"{base}/{db}/findings", params={"component": "biaya", "unit": "htmlkab.go.id"}, timeout=10).text
    assert "<b onmouseover=alert(1)>" not in html
    assert "&lt;b onmouseover=alert(1)&gt;" in html


def test_fts_search_through_datasette(served):
    base, db = served
    rows = get_json(f"{base}/{db}/findings.json", _search="Gratis")["rows"]
    assert [r["component"] for r in rows] == ["biaya"]


def test_latest_views_hold_only_each_pemdas_latest_finished_run(served):
    base, db = served
    findings = get_json(f"{base}/{db}/findings.json", pemda_id="sedangkab.go.id", _size="max")["rows"]
    latest = get_json(f"{base}/{db}/latest_findings.json", pemda_id="sedangkab.go.id", _size="max")["rows"]
    finished = max(r["run_id"] for r in latest)
    assert {r["run_id"] for r in findings} > {finished}  # the table mixes runs (the newer one still running)
    assert sorted(r["id"] for r in latest) == sorted(r["id"] for r in findings if r["run_id"] == finished)
    scores = get_json(f"{base}/{db}/latest_scores.json", level="pemda", _size="max")["rows"]
    ranking = get_json(f"{base}/{db}/pemda_ranking.json")["rows"]
    assert {(s["pemda_id"], s["run_id"], s["score"]) for s in scores} == {
        (r["pemda_id"], r["run_id"], r["score"]) for r in ranking}


def test_canned_queries_hide_their_sql(served):
    base, db = served
    queries = metadata_for(f"/x/{db}.db")["databases"][db]["queries"]
    assert all(q.get("hide_sql") for q in queries.values())
    html = httpx.get(f"{base}/{db}/pemda_ranking", timeout=10).text
    assert "Kabupaten Baik" in html and "group by r.pemda_id" not in html


def test_evidence_zones_and_archive_links_render_as_html(served):
    base, db = served
    html = httpx.get(f"{base}/{db}/scores", params={"level": "pemda", "pemda_id": "baikkab.go.id"}, timeout=10).text
    assert re.search(rf'<a href="/{db}/findings/\d+">\d+</a>', html)
    assert 'class="pantau-zona pantau-zona-hijau"' in html
    html = httpx.get(f"{base}/{db}/findings_for_pemda", params={"pemda": "sedangkab.go.id"}, timeout=10).text
    assert re.search(r'<a href="/arsip/\d+">salinan arsip</a>', html)
