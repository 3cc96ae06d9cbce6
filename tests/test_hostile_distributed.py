"""Distributed mode against someone who can write into its Redis: nothing read back runs code, reaches a file
name, or lands in a run it does not belong to; what is refused is a logged error (a row, for records), and the
worker and the coordinator's ingest go on. Real redis-server, real scrapy-redis scheduler, real SQLite."""

from __future__ import annotations

import json
import logging
import pickle
import shutil
import threading
import time

import pytest
import redis
import scrapy
from scrapy.utils.test import get_crawler
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.scheduler import Scheduler

from crawler import distributed as d
from crawler.records import Document, PageRecord
from crawler.sites import Site
from crawler.spiders.pemda import PemdaSpider
from crawler.wire import dumps
from extractors.model import Extraction, Finding, Service
from pantau.archive import WarcArchive
from pantau.cluster import REJECTED, run_distributed
from pantau.registry import domain_problem
from pantau.storage import Store
from tests.helpers import RedisServer, rows, run_pantau

pytestmark = [pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server not installed (./dev setup)"),
              pytest.mark.filterwarnings("ignore:.*'spider' argument to StatsCollector")]

SITE = Site("kab.example.go.id", ["kab.example.go.id"], ["https://kab.example.go.id/"])
BATCH = "hostile"


class Payload:
    """A pickle that, when loaded, creates MARKER: proof of code execution without running a shell."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


@pytest.fixture(scope="module")
def server():
    with RedisServer() as s:
        yield s


@pytest.fixture
def scheduler(server):
    """The worker's real scheduler (scrapy-redis, pantau's settings) on a spider of SITE."""
    crawler = get_crawler(PemdaSpider, d.scrapy_settings(server.url, BATCH, workers=1))
    crawler.spider = crawler._create_spider(sites=[SITE])
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    scheduler.flush()
    yield scheduler
    scheduler.flush()


def _push_raw(server, data: bytes, priority: int = 100) -> None:
    d.client(server.url).execute_command("ZADD", d.key(BATCH, "requests"), -priority, data)


# -- item 1: the request queue ---------------------------------------------------------------------------

def test_a_pickled_request_in_the_queue_does_not_run_and_is_logged(scheduler, server, tmp_path, caplog):
    marker = tmp_path / "pwned"
    _push_raw(server, pickle.dumps(Payload(marker)))
    with caplog.at_level(logging.ERROR, logger="crawler.redis_queue"):
        assert scheduler.next_request() is None
    assert not marker.exists()
    assert "rejected a request" in caplog.text and "not JSON" in caplog.text
    assert scheduler.stats.get_value("pantau/rejected_requests") == 1


def test_a_request_goes_through_redis_as_json_and_comes_back_the_same(scheduler, server):
    spider = scheduler.spider
    request = scrapy.Request("https://kab.example.go.id/layanan?id=3", callback=spider.parse, errback=spider.on_error,
                             headers={"Referer": "https://kab.example.go.id/"}, priority=4,
                             meta={"pantau_pemda": SITE.pemda_id, "depth": 2, "playwright": True,
                                   "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
                                   "redirect_urls": ["https://kab.example.go.id/x"], "retry_times": 1,
                                   "download_latency": 0.2, "download_slot": "h", "download_timeout": 180})
    assert scheduler.enqueue_request(request)
    (raw,) = d.client(server.url).zrange(d.key(BATCH, "requests"), 0, -1)
    assert json.loads(raw)["callback"] == "parse"  # JSON in Redis, not pickle
    back = scheduler.next_request()
    assert (back.url, back.callback, back.errback, back.priority) == (request.url, spider.parse, spider.on_error, 4)
    assert back.headers.get("Referer") == b"https://kab.example.go.id/"
    assert back.meta == {"pantau_pemda": SITE.pemda_id, "depth": 2, "playwright": True,  # download-only keys dropped
                         "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
                         "redirect_urls": ["https://kab.example.go.id/x"], "retry_times": 1}


GOOD = {"url": "https://kab.example.go.id/a", "callback": "parse", "errback": "on_error", "headers": {},
        "meta": {"pantau_pemda": SITE.pemda_id}, "priority": 0, "dont_filter": False, "flags": []}


@pytest.mark.parametrize("change", [
    {"callback": "from_crawler"}, {"callback": "__init__"}, {"callback": "_page_request"}, {"errback": "close"},
    {"callback": "budget"}, {"callback": "parse.__globals__"},
    {"_class": "subprocess.Popen"}, {"cb_kwargs": {"x": 1}}, {"method": "POST"}, {"body": "eA=="},
    {"url": "https://attacker.example/"}, {"url": "http://127.0.0.2/"}, {"url": "file:///etc/passwd"},
    {"meta": {"proxy": "http://127.0.0.2:3128"}}, {"meta": {"download_maxsize": 0}},
    {"meta": {"playwright_page_methods": [{"method": "evaluate", "args": ["fetch('http://127.0.0.2')"]}]}},
    {"meta": {"playwright_page_goto_kwargs": {"referer": "x"}}}, {"meta": {"playwright_context": "other"}},
    {"meta": {"depth": "0"}}, {"headers": {"Host": ["127.0.0.2"]}}, {"priority": "9"}, "[" * 200_000,
], ids=lambda c: json.dumps(c)[:60])
def test_a_request_pantau_would_not_make_is_refused(scheduler, server, change, caplog):
    _push_raw(server, (change if isinstance(change, str) else json.dumps(GOOD | change)).encode())
    _push_raw(server, json.dumps(GOOD).encode(), priority=0)
    with caplog.at_level(logging.ERROR, logger="crawler.redis_queue"):
        assert scheduler.next_request() is None
        assert scheduler.next_request().url == GOOD["url"]  # the worker goes on with the next one
    assert "rejected a request" in caplog.text


def test_the_queue_refuses_to_run_with_scrapy_redis_pickle_default(server):
    crawler = get_crawler(PemdaSpider, d.scrapy_settings(server.url, BATCH, workers=1) | {"SCHEDULER_SERIALIZER": None})
    crawler.spider = crawler._create_spider(sites=[SITE])
    with pytest.raises(ValueError, match="SCHEDULER_SERIALIZER"):
        Scheduler.from_crawler(crawler).open(crawler.spider)


# -- item 1: password and TLS ----------------------------------------------------------------------------

def test_a_password_from_the_url_or_the_environment(monkeypatch):
    with RedisServer("--requirepass", "s3cret", password="s3cret") as s:
        monkeypatch.delenv(d.PASSWORD_ENV, raising=False)
        with pytest.raises(redis.AuthenticationError):
            d.client(s.url).ping()
        assert d.client(s.url.replace("//", "//:s3cret@")).ping()
        monkeypatch.setenv(d.PASSWORD_ENV, "s3cret")
        assert d.client(s.url).ping()
        assert get_redis_from_settings(get_crawler(settings_dict=d.scrapy_settings(s.url, BATCH, 1)).settings).ping()
        monkeypatch.setenv(d.PASSWORD_ENV, "wrong")
        result = run_pantau("worker", "--redis", s.url, "--batch", BATCH, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "password" in result.stderr.lower() or "auth" in result.stderr.lower()


def test_the_coordinator_keeps_the_password_off_worker_command_lines():
    from pantau.cluster import worker_command, worker_env

    url = "rediss://:s3cret@redis.internal:6380/0?ssl_ca_certs=/etc/ca.pem"
    assert "s3cret" not in " ".join(worker_command(url, BATCH))
    assert "rediss://redis.internal:6380/0?ssl_ca_certs=/etc/ca.pem" in worker_command(url, BATCH)
    assert worker_env(url)[d.PASSWORD_ENV] == "s3cret"


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A test CA and a server certificate for 127.0.0.1 signed by it, made with `cryptography` (a Scrapy
    dependency, so always here: the openssl command is not on every fresh machine)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("tls")
    now = datetime.datetime.now(datetime.timezone.utc)

    def certificate(subject, issuer, public_key, signing_key, *extensions):
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
                   .not_valid_after(now + datetime.timedelta(days=2)))
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(signing_key, hashes.SHA256())

    def write(name, obj):
        (folder / name).write_bytes(obj.public_bytes(serialization.Encoding.PEM) if hasattr(obj, "public_bytes")
                                    else obj.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.TraditionalOpenSSL,
                                                           serialization.NoEncryption()))

    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pantau test CA")])
    ca = certificate(ca_name, ca_name, ca_key.public_key(), ca_key,
                     (x509.BasicConstraints(ca=True, path_length=None), True),
                     (x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                    key_encipherment=False, data_encipherment=False, key_agreement=False,
                                    encipher_only=False, decipher_only=False), True))
    server = certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]), ca_name,
                         server_key.public_key(), ca_key,
                         (x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False))
    write("ca.pem", ca)
    write("server.pem", server)
    write("server.key", server_key)
    return folder


def test_rediss_with_a_certificate_checked_against_its_ca(certificates, monkeypatch):
    ca = str(certificates / "ca.pem")
    tls = ("--tls-cert-file", str(certificates / "server.pem"), "--tls-key-file", str(certificates / "server.key"),
           "--tls-ca-cert-file", ca, "--tls-auth-clients", "no", "--requirepass", "s3cret")
    with RedisServer(*tls, tls=True, password="s3cret", ssl_ca_certs=ca) as s:
        monkeypatch.setenv(d.PASSWORD_ENV, "s3cret")
        with pytest.raises(redis.ConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
            d.client(s.url).ping()  # TLS is verified by default: an unknown CA is refused
        url = f"{s.url}?ssl_ca_certs={ca}"
        assert d.client(url).ping()
        assert get_redis_from_settings(get_crawler(settings_dict=d.scrapy_settings(url, BATCH, 1)).settings).ping()


# -- item 2: the plan a worker reads ---------------------------------------------------------------------

def _plan(**change) -> dict:
    plan = {"sites": [SITE.to_dict()], "run_ids": {SITE.pemda_id: 5}, "settings": {"workers": 1, "delay": 0}}
    plan["sites"][0].update(change.pop("site", {}))
    return plan | change


@pytest.mark.parametrize("plan", [
    _plan(site={"domains": ["go.id"], "pemda_id": "go.id", "start_urls": ["https://x.go.id/"]}),  # public suffix
    _plan(site={"domains": ["127.0.0.2"], "pemda_id": "127.0.0.2", "start_urls": ["http://127.0.0.2/"]}),
    _plan(site={"start_urls": ["https://attacker.example/"]}),
    _plan(site={"start_urls": ["file:///etc/passwd"]}),
    _plan(site={"exclude": ["../x"]}),
    _plan(site={"max_pages": 0}),
    _plan(site={"extra": 1}),
    _plan(run_ids={SITE.pemda_id: "../../x"}),
    _plan(run_ids={SITE.pemda_id: True}),
    _plan(run_ids={"other.go.id": 5}),
    _plan(settings={"workers": 0}),
    "not an object",
    "[" * 200_000,
], ids=["public-suffix", "address", "start-off-site", "file-url", "exclude", "max-pages", "unknown-field",
        "run-id-path", "run-id-bool", "run-id-other", "workers", "not-object", "nested-too-deep"])
def test_a_worker_refuses_a_plan_the_coordinator_would_not_write(server, plan):
    conn = d.client(server.url)
    conn.set(d.key("badplan", "plan"), plan if isinstance(plan, str) and plan.startswith("[") else json.dumps(plan))
    with pytest.raises(d.PlanError, match="not valid"):
        d.load_plan(conn, "badplan", domain_problem)


def test_a_worker_refuses_a_bad_plan_with_one_line_and_takes_no_resolve_map_from_redis(server):
    conn = d.client(server.url)
    conn.set(d.key("badplan", "plan"), b"\x80not json")
    result = run_pantau("worker", "--redis", server.url, "--batch", "badplan", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "not valid" in result.stderr
    with pytest.raises(d.PlanError, match="not a batch id"):  # a batch named by a key someone else wrote
        conn.set(d.key("zz%(x)s", "plan"), json.dumps(_plan()))
        d.worker_settings(server.url, None, None, domain_problem)
    conn.delete(d.key("zz%(x)s", "plan"))
    # A plan may say where hosts are (the coordinator records its --resolve), but a worker connects only where
    # its own command line says: otherwise whoever writes the plan picks the addresses it fetches from.
    conn.set(d.key("goodplan", "plan"), json.dumps(_plan(settings={"resolve": ["kab.example.go.id=127.0.0.2:22"]})))
    assert "PANTAU_RESOLVE" not in d.worker_settings(server.url, "goodplan", None, domain_problem)
    own = d.worker_settings(server.url, "goodplan", ["kab.example.go.id=127.0.0.1:8000"], domain_problem)
    assert own["PANTAU_RESOLVE"] == ["kab.example.go.id=127.0.0.1:8000"]


# -- item 2 and 6: what workers send to the coordinator ----------------------------------------------------

URL = "https://kab.example.go.id/akta"


def _page(url=URL, unit="kab.example.go.id", body=None) -> PageRecord:
    return PageRecord(url=url, unit=unit, status=200, content_type="text/html", body_hash="ab" * 32, size=4, depth=1,
                      fetched_at="2026-01-01T00:00:00+00:00", body=body)


def _doc(finding_url=URL) -> Document:
    fee = Finding("biaya", "Akta Kelahiran", {"amount": 0, "free": True, "text": "Gratis"}, "Biaya: Gratis",
                  finding_url, "table 1 row 3", 0.9, "html")
    extraction = Extraction(URL, "Akta", "html", [Service("Akta Kelahiran", [fee])], [])
    return Document("Akta", "Biaya: Gratis", "html", extraction)


def _record(op: str, message) -> str:
    return dumps({"op": op, "args": message})


def test_bad_records_are_refused_as_error_rows_and_the_batch_still_finishes(server, tmp_path, caplog):
    db = tmp_path / "pantau.db"
    store = Store(str(db))
    store.upsert_pemda("other.go.id", name="Kabupaten Lain")
    old_run = store.start_run("other.go.id", "other.go.id")
    store.finish_run(old_run)
    conn = d.client(server.url)
    batch = "night"
    evidence = _page(body=b"<p>")

    def path_run_id(run):
        args = json.loads(dumps(d.PageMessage(run, evidence, _doc())))
        return json.dumps({"op": "page", "args": args | {"run_id": "../../x"}})

    bad = {
        "other pemda's finished run": lambda run: _record(
            "page", d.PageMessage(old_run, _page("https://other.go.id/x", "other.go.id"), None)),
        "url on attacker.example": lambda run: _record(
            "page", d.PageMessage(run, _page("https://attacker.example/x"), None)),
        "finding on attacker.example": lambda run: _record(
            "page", d.PageMessage(run, evidence, _doc("https://attacker.example/f"))),
        "unit of another site": lambda run: _record(
            "site_issue", d.SiteIssueMessage(run, "attacker.example", "tls", "x")),
        "unknown op": lambda run: json.dumps({"op": "__init__", "args": {}}),
        "carry over": lambda run: _record("carry_over", d.CarryOverMessage(run, 1, _page())),
        "unknown run id": lambda run: _record("error", d.ErrorMessage(run + 1000, None, "dns", "x")),
        "run id as a path": path_run_id,
        "malformed JSON": lambda run: "{not json",
        "not UTF-8": lambda run: b"\xff\xfe",
        "nested too deep": lambda run: "[" * 200_000,
    }

    def remote_worker():
        """What a rogue worker does: join the batch, send its records, leave (bounded: 10 s to see the plan)."""
        for _ in range(200):
            if conn.get(d.key(batch, "plan")):
                break
            time.sleep(0.05)
        conn.incr(d.key(batch, "workers"))
        (run,) = json.loads(conn.get(d.key(batch, "plan")))["run_ids"].values()
        for make in bad.values():
            conn.rpush(d.key(batch, "records"), make(run))
        conn.rpush(d.key(batch, "records"), _record("page", d.PageMessage(run, evidence, _doc())))
        conn.decr(d.key(batch, "workers"))

    thread = threading.Thread(target=remote_worker)
    thread.start()
    with caplog.at_level(logging.ERROR, logger="pantau.cluster"):
        (run,) = run_distributed(str(db), server.url, batch, [SITE], workers=0, worker_settings={"workers": 1},
                                 wait_for_remote=2).values()
    thread.join(timeout=10)
    errors = rows(db, "errors", "kind = ?", [REJECTED])
    assert len(errors) == len(bad), [e["message"] for e in errors]
    assert caplog.text.count("rejected a worker record") == len(bad)
    assert {e["run_id"] for e in errors} == {run, None}  # on the batch's run when it names it, else on none
    assert [p["url"] for p in rows(db, "pages")] == [URL]  # the good record after the bad ones is stored
    assert not rows(db, "pages", "run_id = ?", [old_run])  # the old run is untouched
    assert rows(db, "runs", "id = ?", [run])[0]["status"] != "running"
    assert {f.name for f in tmp_path.rglob("*.warc.gz")} == {f"run-{run}.warc.gz"}  # no file from "../../x"


def test_a_warc_file_name_takes_only_a_run_number(tmp_path):
    for bad in ("../../x", "7/../../x", True, 0, -3, "7.0", 7.5):
        with pytest.raises(ValueError, match="not a run id"):
            WarcArchive(tmp_path / "warc", bad)
    archive = WarcArchive(tmp_path / "warc", "7")
    archive.close()
    assert [p.name for p in tmp_path.rglob("*.warc.gz")] == ["run-7.warc.gz"]


def test_a_page_counter_overwritten_in_redis_stops_the_site_instead_of_crashing(scheduler, server, caplog):
    spider = scheduler.spider
    d.client(server.url).set(d.key(BATCH, f"pages:{SITE.pemda_id}"), "not a number")
    with caplog.at_level(logging.ERROR, logger="crawler.distributed"):
        assert spider.shared_budget.claim(SITE, 10) is False
    assert "not a number" in caplog.text
    d.client(server.url).delete(d.key(BATCH, f"pages:{SITE.pemda_id}"))
    assert spider.shared_budget.claim(SITE, 10) is True


def test_when_redis_goes_away_mid_night_no_run_stays_running(tmp_path):
    db = tmp_path / "pantau.db"
    with RedisServer() as s:
        conn = d.client(s.url)

        def stop_redis():  # bounded: 10 s to see the plan
            for _ in range(200):
                if conn.get(d.key("gone", "plan")):
                    break
                time.sleep(0.05)
            s.__exit__()

        thread = threading.Thread(target=stop_redis)
        thread.start()
        with pytest.raises(redis.ConnectionError):
            run_distributed(str(db), s.url, "gone", [SITE], workers=0, worker_settings={"workers": 1},
                            wait_for_remote=60)
        thread.join(timeout=15)
    assert [r["status"] for r in rows(db, "runs")] != ["running"]  # closed (interrupted), not left open


def test_a_request_pantau_could_not_read_back_is_logged_not_queued(scheduler, server, caplog):
    with caplog.at_level(logging.ERROR, logger="crawler.redis_queue"):
        scheduler.enqueue_request(scrapy.Request(GOOD["url"], meta={"proxy": "http://127.0.0.2:3128"}))
        scheduler.enqueue_request(scrapy.Request(GOOD["url"] + "?2", meta={"pantau_x": object()}))
    assert caplog.text.count("cannot queue") == 2
    assert not d.client(server.url).zcard(d.key(BATCH, "requests"))
