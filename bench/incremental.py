"""Incremental nights: pages/s of a first crawl and of a second one over the same, unchanged sites.

    python -m bench.incremental [--sites 20 --pages 50]

The second crawl asks for every page conditionally (nginx answers 304) and carries findings over without
extraction, so it should be faster than the first; both crawls write into the same SQLite file, as nights do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.generate import DEFAULT_OUT, ensure_corpus
from bench.server import Nginx


def crawl(job: dict, work: Path, name: str) -> dict:
    job = {**job, "stats_out": str(work / f"{name}-stats.json"), "log": str(work / f"{name}.log")}
    (work / f"{name}-job.json").write_text(json.dumps(job))
    subprocess.run([sys.executable, "-m", "bench.pantau_runner", str(work / f"{name}-job.json")], check=True,
                   timeout=3600)
    return json.loads((work / f"{name}-stats.json").read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    manifest = ensure_corpus(DEFAULT_OUT, args.sites, args.pages)
    work = Path(tempfile.mkdtemp(prefix="pantau-bench-incremental-"))
    with Nginx(manifest["sites_dir"]) as server:
        job = {
            "targets": [f"http://{p}/" for p in manifest["pemda"]], "resolve": server.resolve_specs(manifest["hosts"]),
            "concurrency": 32, "per_domain": 8, "depth": 5, "max_pages": manifest["pages"] * 10 + 50,
            "db": str(work / "pantau.db"), "extract_workers": None, "delay": 0, "time_limit": 0,
        }
        results = [crawl(job, work, name) for name in ("first", "second")]
    print(f"{'run':<8} {'pages':>6} {'carried over':>13} {'extracted':>10} {'seconds':>8} {'pages/s':>8}")
    for name, stats in zip(("first", "second"), results):
        pages, seconds = stats.get("pantau/pages", 0), stats.get("elapsed_time_seconds", 0)
        print(f"{name:<8} {pages:>6} {stats.get('pantau/carried_over', 0):>13} {stats.get('pantau/extracted', 0):>10} "
              f"{seconds:>8.1f} {pages / seconds if seconds else 0:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
