"""A crawl of the fault-injection site: every fault ends as a recorded row, the crawl finishes, good findings
survive, nothing reaches a private address. Real servers on loopback, the real `pantau audit` CLI."""

from __future__ import annotations

import json
import resource

import pytest

from tests.helpers import rows, run_pantau
from tests.sites.faultsite import FaultSite


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("faults") / "faults.db"
    with FaultSite(hang_seconds=30) as site:
        resolve = [arg for spec in site.resolve_map() for arg in ("--resolve", spec)]
        result = run_pantau("audit", site.start_url, "--db", str(db), "--delay", "0", "--timeout", "4",
                            "--max-pages", "150", "--json", *resolve, timeout=240)
        outcome = {"db": db, "result": result, "site": site, "canary": list(site.canary_log),
                   "server_errors": list(site.server_errors), "log": list(site.requests_log)}
    assert result.returncode == 0, result.stderr[-4000:]
    outcome["summary"] = json.loads(result.stdout)
    return outcome


def _errors(crawl):
    return rows(crawl["db"], "errors")


def _error_kinds_for(crawl, url_prefix):
    return {e["kind"] for e in _errors(crawl) if e["url"].startswith(url_prefix)}


ERROR_FAULTS = {
    "server_error_500": {"http_500"},
    "unavailable_503": {"http_503"},
    "reset_in_headers": {"connection"},
    "reset_in_body": {"connection", "data_loss"},
    "hang": {"timeout"},
    "hang_drip": {"timeout"},
    "data_loss": {"connection", "data_loss"},
    "redirect_loop": {"redirect_loop"},
    "redirect_offsite": {"offsite"},
    "redirect_private": {"offsite", "forbidden_address"},
    "big_50mb": {"too_large"},
    "big_50mb_unsized": {"too_large"},
    "gzip_bomb": {"too_large"},
    "robots_500": {"http_500"},
}


@pytest.mark.parametrize("fault", sorted(ERROR_FAULTS))
def test_each_fault_is_recorded_with_its_kind(crawl, fault):
    url = crawl["site"].url(fault)
    kinds = _error_kinds_for(crawl, url)
    assert kinds & ERROR_FAULTS[fault], f"{fault} ({url}): recorded {kinds or 'nothing'}"


def test_a_long_redirect_chain_is_recorded(crawl):
    assert any(e["kind"] == "redirect" and "/redirect/chain/" in e["url"] for e in _errors(crawl))


@pytest.mark.parametrize("fault", ["charset_cp1252_as_utf8", "charset_missing", "charset_unknown", "malformed_html",
                                   "binary_as_html", "empty_200", "pdf_truncated", "pdf_not_a_pdf"])
def test_bad_bodies_are_stored_as_pages(crawl, fault):
    url = crawl["site"].url(fault)
    assert [p for p in rows(crawl["db"], "pages") if p["url"] == url], f"{fault}: page not stored"


@pytest.mark.parametrize("fault", ["pdf_truncated", "pdf_not_a_pdf"])
def test_unreadable_pdfs_get_an_extract_error(crawl, fault):
    assert "extract" in _error_kinds_for(crawl, crawl["site"].url(fault))


def test_cp1252_page_declared_utf8_is_still_read(crawl):
    url = crawl["site"].url("charset_cp1252_as_utf8")
    components = {f["component"] for f in rows(crawl["db"], "findings", "url = ?", [url])}
    assert {"persyaratan", "biaya", "waktu"} <= components


def test_spider_traps_are_bounded_and_recorded(crawl):
    pages = [p["url"] for p in rows(crawl["db"], "pages")]
    assert len(pages) <= 150
    assert sum("/kalender" in u for u in pages) <= 25
    assert not any("PHPSESSID" in u for u in pages), "session ids must be stripped"
    assert not any("/a/a/a/a/" in u for u in pages)
    trap_rows = [e for e in _errors(crawl) if e["kind"] == "spider_trap"]
    assert any("kalender" in e["url"] for e in trap_rows)
    assert any("/a/a/a" in e["url"] for e in trap_rows)


def test_bad_certificate_site_is_audited_and_flagged(crawl):
    url = crawl["site"].url("tls_expired")
    assert rows(crawl["db"], "findings", "url = ?", [url]), "the page behind the bad certificate was not audited"
    kinds = {i["kind"] for i in rows(crawl["db"], "site_issues")}
    assert {"tls_expired", "tls_self_signed"} <= kinds
    assert "tls_unreadable" not in kinds and "tls_wrong_host" not in kinds  # the certificate names the host


def test_good_pages_survive_the_faults(crawl):
    for name in ("ktp_el", "akta_kelahiran_www"):
        url = crawl["site"].url(name)
        components = {f["component"] for f in rows(crawl["db"], "findings", "url = ?", [url])}
        assert {"persyaratan", "prosedur", "waktu", "biaya", "produk"} <= components, name


def test_nothing_reaches_private_addresses_and_the_run_finishes(crawl):
    assert crawl["canary"] == []
    assert crawl["server_errors"] == []
    run = rows(crawl["db"], "runs")[0]
    assert run["status"] == "finished"
    assert "Traceback" not in crawl["result"].stderr
