"""Extraction alone, two source trees compared in turn: A/B on a shared machine.

    python -m bench.extract_ab TREE_A TREE_B SITES_DIR [--rounds N] [--limit N]

TREE_A and TREE_B are checkouts of pantau (e.g. `git worktree add /tmp/base HEAD` and one with a change applied).
One worker process per tree (its `extractors` and `config/` first on the path, warmed up as in extract_only)
extracts the same documents one at a time, in turn (A, B, B, A, …), so that both meet the load of the same
moment: separate runs on a machine shared with other work differ by up to 1.5x, the ratio of interleaved runs by
a few per cent. Prints pages/s per core (CPU seconds) and ms per HTML page and PDF for each tree, per round.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

# The worker: reads document paths on stdin, answers each with the CPU seconds its extraction took.
_WORKER = r"""
import sys, time
from pathlib import Path
from extractors import build_page, extract
tree, sites = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
import extractors
if Path(extractors.__file__).resolve().parents[1] != tree:
    sys.exit(f"extractors from {extractors.__file__}, not from {tree}")
extract(build_page("about:warm-up", b"<html><body><p>Persyaratan: KTP</p></body></html>", "text/html"))
import pypdf  # noqa: F401
print("ready", flush=True)
for line in sys.stdin:
    url, path = line.rstrip("\n").split("\t")
    body = Path(path).read_bytes()
    ctype = "application/pdf" if path.endswith(".pdf") else "text/html; charset=utf-8"
    t0 = time.process_time()
    extract(build_page(url, body, ctype)).to_dict()
    print(time.process_time() - t0, flush=True)
"""


def _worker(tree: Path, sites: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(tree), PANTAU_CONFIG_DIR=str(tree / "config"))
    proc = subprocess.Popen([sys.executable, "-c", _WORKER, str(tree), str(sites)], cwd=tree, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    if proc.stdout.readline().strip() != "ready":
        raise SystemExit(f"the worker for {tree} did not start")
    return proc


def run(trees: list[Path], sites: Path, rounds: int = 3, limit: int = 2000) -> list[dict]:
    from bench.extract_only import documents, url_of

    files = documents(sites, limit)
    workers = [_worker(t, sites) for t in trees]
    out = []
    try:
        for r in range(rounds):
            cpu = [{"html": 0.0, "pdf": 0.0} for _ in trees]
            for i, path in enumerate(files):
                kind = "pdf" if path.suffix == ".pdf" else "html"
                for k in (range(len(trees)) if i % 2 == 0 else reversed(range(len(trees)))):
                    workers[k].stdin.write(f"{url_of(sites, path)}\t{path}\n")
                    workers[k].stdin.flush()
                    cpu[k][kind] += float(workers[k].stdout.readline())
            n_html = sum(1 for p in files if p.suffix != ".pdf")
            n_pdf = len(files) - n_html
            load = os.getloadavg()[0]
            for tree, c in zip(trees, cpu):
                total = c["html"] + c["pdf"]
                out.append({"round": r + 1, "tree": str(tree), "load": round(load, 2),
                            "pages_per_s_per_core": round(len(files) / total, 1) if total else None,
                            "ms_per_html": round(1000 * c["html"] / max(1, n_html), 2),
                            "ms_per_pdf": round(1000 * c["pdf"] / max(1, n_pdf), 1)})
    finally:
        for w in workers:
            w.stdin.close()
            w.wait()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="extraction of two trees, interleaved document by document")
    ap.add_argument("tree_a", type=Path)
    ap.add_argument("tree_b", type=Path)
    ap.add_argument("sites", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=2000, help="documents (sampled as extract_only does; 0 = all)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    for row in run([args.tree_a.resolve(), args.tree_b.resolve()], args.sites, args.rounds, args.limit):
        print(f"round {row['round']}  load {row['load']:<5}  {row['pages_per_s_per_core']:>6} pages/s per core  "
              f"{row['ms_per_html']:>6} ms/HTML  {row['ms_per_pdf']:>6} ms/PDF  {row['tree']}")
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
