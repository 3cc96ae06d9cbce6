"""Datasette served for real on 127.0.0.1 against a database built here, with pantau's metadata."""

import html
import re
import sys

import httpx
import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from pantau.cli import cli
from pantau.serve import (
    METADATA_FILE,
    bring_up_to_date,
    database_name,
    datasette_command,
    metadata_for,
    write_metadata,
)
from pantau.storage import Store
from tests.serve_fixtures import HOST, free_port, serving
from tests.storage_data import audit_good, audit_middling, extraction, older_pantau, record

# Keys whose text a user reads; each is written {id: "…", en: "…"} in metadata.yaml (column descriptions too).
USER_FACING = {"title", "description", "description_html", "license", "about"}
# Written in Bahasa Indonesia only, on purpose: tests/test_error_kinds.py reads this text as one string.
INDONESIAN_ONLY = {("databases", "pantau", "tables", "errors", "description_html")}


def raw_metadata() -> dict:
    return yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))


def texts(node, path=()):
    """(path, node) for every user-facing text in metadata.yaml: values of USER_FACING keys and column
    descriptions, as written (a bilingual mapping or a plain value)."""
    if isinstance(node, dict):
        if set(node) == {"id", "en"}:
            return
        for key, value in node.items():
            if key in USER_FACING or (path and path[-1] == "columns"):
                yield (*path, key), value
            if not (isinstance(value, dict) and set(value) == {"id", "en"}):
                yield from texts(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, (*path, i))


def bilingual(node, path=()):
    """(path, mapping) for every {id, en} mapping anywhere in NODE."""
    if isinstance(node, dict):
        if set(node) == {"id", "en"}:
            yield path, node
            return
        for key, value in node.items():
            yield from bilingual(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from bilingual(value, (*path, i))


def lookup(metadata: dict, path: tuple, db: str):
    """The node at PATH (written for the "pantau" database) in METADATA rendered for database DB."""
    node = metadata
    for key in path:
        node = node[db if (key == "pantau" and node is metadata.get("databases")) else key]
    return node


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory):
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
    return db_path


@pytest.fixture(scope="module")
def served(audit_db):
    tmp = audit_db.parent
    port = free_port()
    command = datasette_command(audit_db, HOST, port, metadata_path=write_metadata(audit_db, tmp))
    with serving(command, port, tmp / "datasette.log") as base:
        yield base, database_name(audit_db)


@pytest.fixture(scope="module")
def served_en(audit_db):
    """`pantau serve --lang en` itself over the same database."""
    port = free_port()
    command = [sys.executable, "-m", "pantau.cli", "serve", "--db", str(audit_db), "--port", str(port), "--lang", "en"]
    with serving(command, port, audit_db.parent / "serve-en.log") as base:
        yield base, database_name(audit_db)


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
    assert "pantau" in page.text
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


# -- labels: Bahasa Indonesia by default, English on request --------------------------------------------------

def test_every_user_facing_text_is_written_in_both_languages():
    """Guards the future: a new title, description or column description written as a plain (English) string
    fails here until it is given as {id: "…", en: "…"}."""
    found = list(texts(raw_metadata()))
    assert len(found) > 150  # the walk reaches the tables, columns, queries and dashboard
    plain = [path for path, value in found if path not in INDONESIAN_ONLY
             and not (isinstance(value, dict) and set(value) == {"id", "en"}) and value is not None]
    assert plain == [], f"user-facing texts without {{id, en}}: {plain}"
    for path in INDONESIAN_ONLY:
        assert re.search(r"\b(yang|tidak|dan)\b", lookup(raw_metadata(), path, "pantau")), path


def test_bilingual_texts_have_both_languages_and_sit_only_where_a_text_goes():
    pairs = list(bilingual(raw_metadata()))
    assert len(pairs) > 150
    for path, pair in pairs:
        assert all(isinstance(pair[lang], str) and pair[lang].strip() for lang in ("id", "en")), path
        # a user-facing key or a column description, never a columns mapping, SQL or plugin setting
        assert path[-1] in USER_FACING or path[-2] == "columns", path
    # the texts that differ are really translated, not copies (a few are the same words in both languages)
    assert sum(pair["id"] != pair["en"] for _, pair in pairs) > 0.9 * len(pairs)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_metadata_is_rendered_in_one_language(lang):
    metadata = metadata_for("/x/audit-test.db", lang)
    assert list(bilingual(metadata)) == []
    for path, pair in bilingual(raw_metadata()):
        assert lookup(metadata, path, "audit-test") == pair[lang], path
    # everything else is untouched: SQL, facets, plugin settings
    raw = raw_metadata()["databases"]["pantau"]
    rendered = metadata["databases"]["audit-test"]
    assert rendered["queries"]["pemda_ranking"]["sql"] == raw["queries"]["pemda_ranking"]["sql"]
    assert rendered["tables"]["findings"]["facets"] == raw["tables"]["findings"]["facets"]
    assert rendered["tables"]["pemda"]["label_column"] == "name"


def test_default_metadata_is_indonesian():
    metadata = metadata_for("/x/pantau.db")
    assert metadata == metadata_for("/x/pantau.db", "id")
    assert metadata["title"] == "pantau — keterbukaan standar pelayanan di situs web pemda"
    findings = metadata["databases"]["pantau"]["tables"]["findings"]
    assert findings["description"].startswith("Satu komponen standar pelayanan")
    assert findings["columns"]["component"] == "persyaratan / prosedur / waktu / biaya / produk / pengaduan / maklumat"
    assert metadata["databases"]["pantau"]["queries"]["pemda_ranking"]["title"] == "Peringkat pemda"


def test_an_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown language"):
        metadata_for(tmp_path / "x.db", "fr")
    (tmp_path / "x.db").touch()
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db"), "--lang", "fr"])
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output and "'id'" in result.output and "'en'" in result.output


def test_each_language_has_its_own_metadata_file(tmp_path):
    """A file written for one language is never the one served for the other."""
    indonesian, english = write_metadata(tmp_path / "x.db", tmp_path), write_metadata(tmp_path / "x.db", tmp_path, "en")
    assert indonesian != english
    assert '"Peringkat pemda"' in indonesian.read_text(encoding="utf-8")
    assert '"Pemda ranking"' in english.read_text(encoding="utf-8")
    command = datasette_command(tmp_path / "x.db", lang="en")
    assert command[command.index("--metadata") + 1].endswith("-en.json")


def findings_description(lang: str) -> str:
    return html.escape(raw_metadata()["databases"]["pantau"]["tables"]["findings"]["description"][lang], quote=False)


def test_served_labels_are_indonesian_by_default(served):
    base, db = served
    page = httpx.get(f"{base}/{db}/findings", timeout=10).text
    assert findings_description("id") in page and findings_description("en") not in page
    ranking = httpx.get(f"{base}/{db}/pemda_ranking", timeout=10).text
    assert "Peringkat pemda" in ranking
    assert '<html lang="id">' in httpx.get(f"{base}/laporan/baikkab.go.id", timeout=10).text


def test_pantau_serve_lang_en_serves_english_labels(served_en):
    base, db = served_en
    page = httpx.get(f"{base}/{db}/findings", timeout=10).text
    assert findings_description("en") in page and findings_description("id") not in page
    assert get_json(f"{base}/-/metadata.json")["title"] == "pantau — standar pelayanan disclosure on pemda websites"
    assert "Pemda ranking" in httpx.get(f"{base}/{db}/pemda_ranking", timeout=10).text
    # the report speaks the served language, and ?lang= still picks one
    assert '<html lang="en">' in httpx.get(f"{base}/laporan/baikkab.go.id", timeout=10).text
    assert '<html lang="id">' in httpx.get(f"{base}/laporan/baikkab.go.id?lang=id", timeout=10).text
    assert '<html lang="en">' in httpx.get(f"{base}/laporan/baikkab.go.id?lang=xx", timeout=10).text


def test_a_database_an_older_pantau_wrote_is_brought_up_to_date_before_serving(tmp_path):
    """pantau's facets and canned queries name findings.method: Datasette answers 400 on a database without it."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        audit_good(store)
    older_pantau(path)
    assert bring_up_to_date(path) is None
    with Store(path, readonly=True) as store:
        assert "method" in store.db["findings"].columns_dict and store.db["latest_findings"].exists()
    port = free_port()
    command = [sys.executable, "-m", "pantau.cli", "serve", "--db", str(path), "--port", str(port)]
    older_pantau(path)  # and through `pantau serve` itself
    with serving(command, port, tmp_path / "serve.log") as base:
        assert httpx.get(f"{base}/old/findings", timeout=10).status_code == 200
        assert httpx.get(f"{base}/old/findings_for_pemda", params={"pemda": "baikkab.go.id"},
                         timeout=10).status_code == 200


def test_a_file_that_is_no_pantau_database_is_not_touched(tmp_path):
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["notes"].insert({"text": "mine"})
    assert "not a pantau database" in bring_up_to_date(path)
    assert sqlite_utils.Database(path).table_names() == ["notes"]

