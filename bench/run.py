"""The benchmark, one command: corpus -> nginx -> baseline crawl -> pantau end to end -> extraction alone.

    python -m bench.run                           # 20 sites x 50 pages (~1,000 documents), a few minutes
    python -m bench.run --scale 1k,10k            # scaling table (time, pages/s, peak RSS at each size)
    python -m bench.run --scale 1k,10k,100k --json
    python -m bench.run --profile                 # also a cProfile of pantau's crawling process (top functions)

Sizes in --scale are documents: each is `--pages` documents per host on size/pages hosts, `--hosts-per-pemda`
hosts per pemda (so 100k = 2,000 hosts in 500 pemda, close to a national night's shape). Corpora are kept under
--out and reused. Every crawl talks only to the bench's own nginx on 127.0.0.1 (the resolve map sends every
synthetic host there and refuses all others).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.generate import DEFAULT_OUT, ensure_corpus
from bench.server import Nginx

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


# --------------------------------------------------------------------------------------------------------
# Measuring a child process: wall time, peak RSS (its whole process tree, and the crawling process alone), CPU
# --------------------------------------------------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out.setdefault(ppid, []).append(int(entry))
    return out


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of PID so far (itself, not its children)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Polls /proc every `interval` s: peak RSS of PID alone and of PID plus all its descendants."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_main = self.peak_tree = 0
        self.max_procs = 0
        self.main_cpu = 0.0  # CPU seconds of the crawling process alone (last sample before it exits)
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            kids = _children_map()
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(kids.get(pid, []))
            main = _rss_kb(self.pid)
            self.main_cpu = max(self.main_cpu, _cpu_s(self.pid))
            self.peak_main = max(self.peak_main, main)
            self.peak_tree = max(self.peak_tree, main + sum(_rss_kb(p) for p in tree[1:]))
            self.max_procs = max(self.max_procs, len(tree))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def tree_cpu_s(pid: int) -> float:
    """CPU seconds used so far by PID and its descendants that are still running (nginx: master + workers)."""
    kids = _children_map()
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += _cpu_s(p)
        todo.extend(kids.get(p, []))
    return total


def measured(cmd: list[str], env: dict | None = None, timeout: float = 3 * 3600) -> dict:
    """Run CMD to the end; wall time, CPU of it and its descendants, peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    sampler = Sampler(proc.pid)
    sampler.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
    except BaseException:  # interrupted: do not leave the crawl running against a stopped server
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    finally:
        sampler.stop()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "returncode": proc.returncode, "wall_s": wall, "output": output.decode(errors="replace"),
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_rss_main_mb": sampler.peak_main / 1024, "peak_rss_tree_mb": sampler.peak_tree / 1024,
        "max_rss_any_child_mb": after.ru_maxrss / 1024, "processes": sampler.max_procs, "main_cpu_s": sampler.main_cpu,
    }


def dir_size(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------------------------------------
# The runs
# --------------------------------------------------------------------------------------------------------


def crawl_job(manifest: dict, server: Nginx, args, work: Path, name: str) -> dict:
    targets = [f"http://{pemda}/" for pemda in manifest["pemda"]]
    hosts_per_pemda = max(len(h) for h in manifest["pemda"].values())
    return {
        "targets": targets, "resolve": server.resolve_specs(manifest["hosts"]),
        "concurrency": args.concurrency, "per_domain": args.per_domain, "depth": args.depth,
        "max_pages": manifest["pages"] * hosts_per_pemda * 2 + 50,  # budget well above the corpus: never the limit
        "db": str(work / "pantau.db"), "log": str(work / f"{name}.log"), "stats_out": str(work / f"{name}-stats.json"),
        "extract_workers": args.extract_workers, "delay": args.delay, "time_limit": args.time_limit,
    }


def run_crawl(module: str, job: dict, work: Path, name: str, env: dict | None = None, server: Nginx | None = None) -> dict:
    job_path = work / f"{name}-job.json"
    job_path.write_text(json.dumps(job))
    load_before = round(os.getloadavg()[0], 2)  # the machine may be shared: a busy one slows every number
    nginx_before = tree_cpu_s(server.proc.pid) if server and server.proc else 0.0
    m = measured([PYTHON, "-m", module, str(job_path)], env=env)
    nginx_cpu = (tree_cpu_s(server.proc.pid) - nginx_before) if server and server.proc else None
    stats = {}
    try:
        stats = json.loads(Path(job["stats_out"]).read_text())
    except (OSError, ValueError):
        pass
    if m["returncode"] != 0 or not stats:
        log_tail = ""
        if job.get("log") and Path(job["log"]).exists():
            log_tail = "\n".join(Path(job["log"]).read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"{name} crawl failed (exit {m['returncode']}):\n{m['output'][-3000:]}\n{log_tail}")
    pages = int(stats.get("bench/pages", 0))
    crawl_s = float(stats.get("elapsed_time_seconds") or m["wall_s"])
    errors = int(stats.get("log_count/ERROR", 0))
    return {
        "pages": pages, "wall_s": round(m["wall_s"], 2), "crawl_s": round(crawl_s, 2),
        "pages_per_s": round(pages / crawl_s, 1) if crawl_s else None,
        "pages_per_s_wall": round(pages / m["wall_s"], 1) if m["wall_s"] else None,
        "cpu_s": round(m["cpu_s"], 2), "cpu_ms_per_page": round(1000 * m["cpu_s"] / pages, 2) if pages else None,
        "main_cpu_s": round(m["main_cpu_s"], 2),
        "main_cpu_ms_per_page": round(1000 * m["main_cpu_s"] / pages, 2) if pages else None,
        "peak_rss_main_mb": round(m["peak_rss_main_mb"], 1), "peak_rss_tree_mb": round(m["peak_rss_tree_mb"], 1),
        "processes": m["processes"], "load_before": load_before,
        "nginx_cpu_share": round(nginx_cpu / crawl_s, 3) if nginx_cpu is not None and crawl_s else None, "requests": int(stats.get("downloader/request_count", 0)),
        "errors_logged": errors, "responses_404": int(stats.get("downloader/response_status_count/404", 0)),
        "stats": {k: v for k, v in stats.items() if k.startswith(("pantau/", "item_", "response_received", "downloader/response_status"))},
    }


def db_facts(work: Path, pages: int) -> dict:
    db = work / "pantau.db"
    size = sum((work / f).stat().st_size for f in ("pantau.db", "pantau.db-wal", "pantau.db-shm") if (work / f).exists())
    facts = {"db_bytes": size, "db_mb_per_1000_pages": round(size / 1e6 / pages * 1000, 2) if pages else None}
    warc = dir_size(work / "pantau-warc")
    facts["warc_bytes"] = warc
    facts["warc_mb_per_1000_pages"] = round(warc / 1e6 / pages * 1000, 2) if pages else None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        for table in ("pages", "findings", "services", "errors"):
            try:
                facts[f"rows_{table}"] = con.execute(f"select count(*) from [{table}]").fetchone()[0]
            except sqlite3.Error:
                pass
        con.close()
    except sqlite3.Error as exc:
        facts["db_error"] = str(exc)
    return facts


def run_size(args, sites: int, pages: int, label: str, with_extract: bool) -> dict:
    manifest = ensure_corpus(args.out, sites, pages, args.seed, args.hosts_per_pemda, args.page_kb, quiet=args.json)
    result = {"size": label, "sites": len(manifest["hosts"]), "pemda": len(manifest["pemda"]),
              "documents": manifest["documents"], "corpus_mb": round(manifest["bytes"] / 1e6, 1),
              "mean_doc_kb": round(manifest["bytes"] / manifest["documents"] / 1024, 1)}
    say = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))
    say(f"[{label}] corpus {manifest['root']}: {result['sites']} hosts, {result['documents']} documents, "
        f"{result['corpus_mb']} MB")
    work = Path(tempfile.mkdtemp(prefix=f"pantau-bench-{label}-", dir=args.out))
    try:
        with Nginx(manifest["sites_dir"], workers=args.nginx_workers) as server:
            if not args.skip_baseline:
                say(f"[{label}] baseline crawl …")
                result["baseline"] = run_crawl("bench.baseline_spider", crawl_job(manifest, server, args, work, "baseline"),
                                               work, "baseline", server=server)
                say(f"[{label}]   {result['baseline']['pages']} pages in {result['baseline']['crawl_s']} s")
            say(f"[{label}] pantau crawl + extract + store …")
            result["pantau"] = run_crawl("bench.pantau_runner", crawl_job(manifest, server, args, work, "pantau"),
                                         work, "pantau", server=server)
            result["pantau"].update(db_facts(work, result["pantau"]["pages"]))
            say(f"[{label}]   {result['pantau']['pages']} pages in {result['pantau']['crawl_s']} s")
            if args.profile:
                say(f"[{label}] pantau under cProfile (extraction inline, one process) …")
                prof = work / "pantau.prof"
                job = crawl_job(manifest, server, args, work, "profiled")
                job["db"] = str(work / "profiled.db")
                job["extract_workers"] = 0
                run_crawl("bench.pantau_runner", job, work, "profiled", env={"PANTAU_BENCH_PROFILE": str(prof)})
                result["profile"] = profile_summary(prof, args.profile_top)
                if args.keep_profile:
                    shutil.copy(prof, args.keep_profile)
        if "baseline" in result and result["baseline"]["pages_per_s"]:
            b, p = result["baseline"], result["pantau"]
            result["ratio_time"] = round(p["crawl_s"] / b["crawl_s"], 2)
            result["ratio_pages_per_s"] = round(p["pages_per_s"] / b["pages_per_s"], 2)
            result["ratio_cpu_per_page"] = round(p["cpu_ms_per_page"] / b["cpu_ms_per_page"], 2)
        if with_extract:
            say(f"[{label}] extraction alone (one process) …")
            m = measured([PYTHON, "-m", "bench.extract_only", manifest["sites_dir"], "--limit", str(args.extract_limit), "--json"])
            if m["returncode"] != 0:
                raise RuntimeError(f"extraction-only run failed:\n{m['output'][-3000:]}")
            result["extract_only"] = json.loads(m["output"].strip().splitlines()[-1])
    finally:
        if args.keep_work:
            say(f"[{label}] kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


# Where pantau's crawling process spends its time, by cumulative time of known entry points (the parts nest:
# "pipeline" includes "extraction" and "storage"; "engine and downloader" is what none of them covers).
PHASES = [
    ("extraction (build_page + extract)", "crawler/extraction.py", "extract_document"),
    ("  of which spaCy tokenizer load (once)", "spacy/__init__.py", "blank"),
    ("storage: SQLite rows + commit", "pantau/storage.py", "record_page"),
    ("storage: WARC record", "pantau/archive.py", "write_response"),
    ("storage: recorder total", "pantau/recorder.py", "page"),
    ("pipeline total (sha256, extraction, storage)", "crawler/pipelines.py", "process_item"),
    ("spider parse (link extraction, requests)", "crawler/spiders/pemda.py", "parse"),
    ("  of which LinkExtractor", "scrapy/linkextractors/lxmlhtml.py", "extract_links"),
    ("end-of-run scoring", "pantau/storage.py", "score_run"),
]


def profile_summary(path: Path, top: int) -> dict:
    import pstats

    st = pstats.Stats(str(path))
    total = st.total_tt
    phases = {}
    for label, file_part, func in PHASES:
        cum = 0.0
        for (file, line, name), (cc, nc, tt, ct, callers) in st.stats.items():
            if name == func and file.endswith(file_part):
                cum = max(cum, ct)  # recursive entries repeat the same cumulative time: take the outermost
        phases[label] = round(cum, 2)
    rows = []
    for (file, line, func), (cc, nc, tt, ct, callers) in st.stats.items():
        short = "/".join(Path(file).parts[-2:]) if "/" in file else file
        rows.append({"function": f"{short}:{line}({func})", "tottime_s": round(tt, 3), "cumtime_s": round(ct, 3), "calls": nc})
    by_self = sorted(rows, key=lambda r: -r["tottime_s"])[:top]
    return {"total_s": round(total, 2), "phases": phases, "top_self": by_self}


# --------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip() if shutil.which("nginx") else "?"
    import scrapy

    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "scrapy": scrapy.__version__, "nginx": nginx.replace("nginx version: ", ""),
            "kernel": platform.release()}


def parse_size(text: str) -> int:
    text = text.strip().lower()
    mult = 1000 if text.endswith("k") else 1_000_000 if text.endswith("m") else 1
    return int(float(text.rstrip("km")) * mult)


def print_tables(report: dict) -> None:
    m = report["machine"]
    print(f"\nmachine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM; Python {m['python']}, Scrapy {m['scrapy']}, "
          f"{m['nginx']}")
    c = report["config"]
    print(f"crawl: CONCURRENT_REQUESTS={c['concurrency']}, PER_DOMAIN={c['per_domain']}, delay {c['delay']} s, AutoThrottle off, "
          f"robots.txt obeyed, depth {c['depth']}, extraction workers {c['extract_workers'] if c['extract_workers'] is not None else 'auto'}\n")
    head = ("size", "docs", "run", "pages", "crawl s", "wall s", "pages/s", "CPU ms/page", "main CPU ms/page",
            "RSS main MB", "RSS tree MB", "load")
    rows = []
    for r in report["results"]:
        for run in ("baseline", "pantau"):
            if run in r:
                x = r[run]
                rows.append((r["size"], r["documents"], run, x["pages"], x["crawl_s"], x["wall_s"], x["pages_per_s"],
                             x["cpu_ms_per_page"], x["main_cpu_ms_per_page"], x["peak_rss_main_mb"], x["peak_rss_tree_mb"], x["load_before"]))
    widths = [max(len(str(h)), *(len(str(row[i])) for row in rows)) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(str(v).rjust(w) for v, w in zip(cells, widths))
    print(line(head))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    print()
    for r in report["results"]:
        p = r["pantau"]
        bits = [f"[{r['size']}]"]
        if "ratio_time" in r:
            bits.append(f"pantau/baseline: time x{r['ratio_time']}, pages/s x{r['ratio_pages_per_s']}, "
                        f"CPU/page x{r['ratio_cpu_per_page']};")
        bits.append(f"SQLite {p['db_mb_per_1000_pages']} MB per 1,000 pages (WARC {p['warc_mb_per_1000_pages']} MB);")
        bits.append(f"rows: {p.get('rows_pages')} pages, {p.get('rows_findings')} findings, {p.get('rows_errors')} errors;")
        bits.append(f"nginx used {p.get('nginx_cpu_share')} of a core during pantau's crawl "
                    f"({r.get('baseline', {}).get('nginx_cpu_share')} during the baseline's)")
        print(" ".join(bits))
        if r["pantau"]["pages"] != r["documents"] or ("baseline" in r and r["baseline"]["pages"] != r["documents"]):
            print(f"  note: corpus has {r['documents']} documents; baseline fetched "
                  f"{r.get('baseline', {}).get('pages')}, pantau {r['pantau']['pages']}")
        if "extract_only" in r:
            e = r["extract_only"]
            print(f"  extraction alone: {e['pages_per_s_per_core']} pages/s per core over {e['documents']} documents "
                  f"({e['ms_per_html']} ms per HTML page, {e['ms_per_pdf']} ms per PDF; peak RSS {e['peak_rss_mb']} MB)")
        if "profile" in r:
            pr = r["profile"]
            print(f"  cProfile of pantau's crawl, extraction inline, one process ({pr['total_s']} s; cProfile inflates "
                  f"Python-heavy parts):")
            for k, v in pr["phases"].items():
                print(f"    {v:>8} s  {k}")
            print("    top functions by self time:")
            for t in pr["top_self"]:
                print(f"    {t['tottime_s']:>8} s self {t['cumtime_s']:>8} s cum {t['calls']:>9}  {t['function']}")


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the finally blocks: crawl ended, nginx stopped


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--sites", type=int, default=20, help="hosts for the default single run (default 20)")
    ap.add_argument("--pages", type=int, default=50, help="documents per host (default 50)")
    ap.add_argument("--scale", help="comma-separated sizes in documents, e.g. 1k,10k,100k (hosts = size / --pages)")
    ap.add_argument("--hosts-per-pemda", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--page-kb", type=float, default=30.0)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"corpora and scratch (default {DEFAULT_OUT})")
    ap.add_argument("--concurrency", type=int, default=32, help="CONCURRENT_REQUESTS for both crawls (default 32)")
    ap.add_argument("--per-domain", type=int, default=8, help="CONCURRENT_REQUESTS_PER_DOMAIN for both (default 8)")
    ap.add_argument("--depth", type=int, default=5, help="DEPTH_LIMIT for both (default 5, pantau's)")
    ap.add_argument("--delay", type=float, default=0.0,
                    help="DOWNLOAD_DELAY per host for both, ±50%% jitter, AutoThrottle off (default 0: raw speed)")
    ap.add_argument("--time-limit", type=float, default=0,
                    help="stop each crawl after this many seconds (CLOSESPIDER_TIMEOUT; pages/s stays meaningful)")
    ap.add_argument("--extract-workers", type=int, default=None, help="PANTAU_EXTRACT_WORKERS (default: pantau's, auto)")
    ap.add_argument("--extract-limit", type=int, default=2000, help="documents for the extraction-alone run")
    ap.add_argument("--nginx-workers", type=int, default=1)
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--profile", action="store_true", help="also run pantau once under cProfile (first size only)")
    ap.add_argument("--profile-top", type=int, default=25)
    ap.add_argument("--keep-profile", type=Path, help="copy the .prof file here")
    ap.add_argument("--keep-work", action="store_true", help="keep the databases, logs and stats of the runs")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    if args.scale:
        sizes = [(max(1, round(parse_size(s) / args.pages)), s.strip()) for s in args.scale.split(",") if s.strip()]
    else:
        sizes = [(args.sites, f"{args.sites}x{args.pages}")]
    report = {"machine": machine(), "config": {"concurrency": args.concurrency, "per_domain": args.per_domain,
                                               "depth": args.depth, "extract_workers": args.extract_workers, "delay": args.delay,
                                               "time_limit": args.time_limit,
                                               "pages_per_host": args.pages, "hosts_per_pemda": args.hosts_per_pemda,
                                               "page_kb": args.page_kb}, "results": []}
    profile = args.profile
    for i, (sites, label) in enumerate(sizes):
        args.profile = profile and i == 0
        report["results"].append(run_size(args, sites, args.pages, label, with_extract=(i == 0)))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_tables(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
