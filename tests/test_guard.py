"""The crawler must never connect to internal addresses unless the --resolve map sends it there."""

from tests.helpers import CountingServer, rows, run_pantau


def test_loopback_target_outside_the_resolve_map_is_refused(tmp_path):
    db = tmp_path / "guard.db"
    with CountingServer("127.0.0.2") as trap:
        result = run_pantau("audit", f"http://127.0.0.2:{trap.port}/", "--db", str(db), "--delay", "0",
                            "--max-pages", "5", "--quiet", "--json")
    assert trap.hits == [], "pantau connected to a loopback address it should have refused"
    # nothing fetched: the audit ends as `unreachable` (exit 1, one clear line), never with a traceback
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    kinds = {e["kind"] for e in rows(db, "errors")}
    assert "forbidden_address" in kinds


def test_hosts_outside_the_resolve_map_are_refused_without_lookup(tmp_path):
    db = tmp_path / "strict.db"
    with CountingServer("127.0.0.1") as site:
        result = run_pantau(
            "audit", "http://portal.contohkab.go.id/", "--db", str(db), "--delay", "0", "--max-pages", "5",
            "--quiet", "--json", "--resolve", f"other.contohkab.go.id=127.0.0.1:{site.port}",
        )
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr  # unreachable: exit 1
    assert site.hits == []
    errors = rows(db, "errors")
    assert any(e["kind"] == "not_in_resolve_map" and "portal.contohkab.go.id" in e["url"] for e in errors)


def test_resolve_map_reaches_the_local_server_with_the_real_hostname(tmp_path):
    db = tmp_path / "mapped.db"
    with CountingServer("127.0.0.1") as site:
        result = run_pantau(
            "audit", "http://dinsos.contohkab.go.id/", "--db", str(db), "--delay", "0", "--max-pages", "3",
            "--quiet", "--json", "--resolve", f"dinsos.contohkab.go.id=127.0.0.1:{site.port}",
        )
    assert result.returncode == 0, result.stderr
    assert "/" in site.hits
    pages = rows(db, "pages")
    assert [p["url"] for p in pages if p["url"].endswith("contohkab.go.id/")] == ["http://dinsos.contohkab.go.id/"]
