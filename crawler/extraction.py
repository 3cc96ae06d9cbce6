"""Extraction off the crawl loop: CPU-heavy pages (PDF layout, OCR) must not stall Scrapy's reactor.

`extract_document` is the one pure step (bytes -> a `Document`: page text + findings); `Extractor` runs it
inline or in a process pool (PANTAU_EXTRACT_WORKERS), with identical results either way.

A night of hostile documents must not break the pool (each fault ends as one error row of its page):
- each document gets a CPU budget in its worker (PANTAU_EXTRACT_TIMEOUT): past it, the document is stopped and
  recorded as `extract_timeout`, and the pool is replaced (gracefully: other documents in flight finish);
- a document stuck where the budget cannot interrupt it (inside C code) is stopped by the parent's wall-clock
  backstop, which kills the pool's workers;
- a worker that dies (the OOM killer's SIGKILL) breaks the whole pool: the pool is rebuilt and every page that
  was in flight is tried once more; a page that loses its worker twice is recorded as `extract_crash`;
- workers are recycled after PANTAU_EXTRACT_TASKS_PER_WORKER documents, so memory cannot creep over a night.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler import error_kinds
from crawler.records import Document
from extractors import ExtractionError, build_page, extract
from extractors.cuts import recording_cuts

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0  # CPU seconds per document; a 10-page scan at the OCR caps takes well under a minute
DEFAULT_TASKS_PER_WORKER = 200
# The parent's wall-clock backstop, for a document stuck where the CPU timer cannot stop it: generous, since its
# clock also runs while a new worker starts (spawn, spaCy) and while a busy machine's cores are shared.
BACKSTOP_FACTOR, BACKSTOP_SLACK = 4.0, 300.0


class ExtractTimeout(ExtractionError):
    kind = error_kinds.EXTRACT_TIMEOUT


class WorkerLost(ExtractionError):
    kind = error_kinds.EXTRACT_CRASH


class _OverBudget(BaseException):
    """Raised in a worker by its CPU timer. A BaseException, so that the extractors' many `except Exception`
    (a broken PDF page is skipped, not fatal) cannot swallow it."""


def extract_document(url: str, body: bytes, content_type: str | None, rendered: bool = False) -> Document:
    """Raises extractors.ExtractionError for what cannot be read."""
    with recording_cuts() as cuts:
        page = build_page(url, body, content_type)
        extraction = extract(page)
    source = f"{page.source}+js" if rendered else page.source
    return Document(title=page.title, text=page.text, source=source, extraction=extraction, cuts=tuple(cuts))


def _over_budget(signum, frame):
    raise _OverBudget()


def _extract_within_budget(budget: float, url: str, body: bytes, content_type: str | None,
                           rendered: bool) -> Document:
    """extract_document in a worker, stopped after `budget` seconds of this process's CPU time (ITIMER_PROF:
    user + system). The timer fires again every second in case the first signal lands where it is lost."""
    signal.signal(signal.SIGPROF, _over_budget)
    signal.setitimer(signal.ITIMER_PROF, budget, 1.0)
    try:
        try:
            return extract_document(url, body, content_type, rendered)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:  # also one that lands while the timer is being disarmed: it must not leave the worker
        raise ExtractTimeout(f"extraction used more than {budget:g} s of CPU time: stopped, worker replaced") from None


def _warm_up() -> None:
    """Load vocabulary and spaCy once per worker, before the first page waits on it."""
    try:
        extract_document("about:warm-up", b"<html><body><p>Persyaratan: KTP</p></body></html>", "text/html")
    except Exception:  # a warm-up failure shows again, clearly, on the first real page
        pass


def worker_count(setting: int | str | None) -> int:
    """PANTAU_EXTRACT_WORKERS: 0 = inline in the crawling process; "auto" = one per core."""
    if setting in (None, "", "auto"):
        return os.cpu_count() or 1
    return max(0, int(setting))


class _Pool:
    """A ProcessPoolExecutor and the table of its worker processes, kept to kill them: the executor drops its
    own reference at shutdown, while a stuck worker may still be running."""

    def __init__(self, workers: int, tasks_per_worker: int):
        # spawn, not fork: the crawling process runs threads (reactor, Playwright) that fork would copy.
        self.executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_warm_up, max_tasks_per_child=tasks_per_worker)
        self.processes = self.executor._processes  # the same dict the executor's manager thread updates

    def close(self, *, kill: bool = False, wait: bool = False) -> None:
        """Without kill, the documents handed to the pool are still read (none is cancelled half-way)."""
        if kill:
            for process in list(self.processes.values()):
                process.kill()
        self.executor.shutdown(wait=wait, cancel_futures=kill)


class Extractor:
    def __init__(self, workers: int, timeout: float = DEFAULT_TIMEOUT,
                 tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER):
        self.workers = workers
        self.timeout = float(timeout)
        self.tasks_per_worker = tasks_per_worker
        self._pool = _Pool(workers, tasks_per_worker) if workers else None
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    async def run(self, url: str, body: bytes, content_type: str | None, rendered: bool = False) -> Document:
        if self._pool is None:
            return extract_document(url, body, content_type, rendered)
        # Only as many documents as workers are handed to the pool: a document's time then runs from its own
        # start, and a broken pool takes down only the documents that were being read.
        async with self._slot():
            try:
                return await self._submit(url, body, content_type, rendered)
            except BrokenProcessPool:
                logger.warning("extraction worker died; retrying %s once in a new pool", url)
            try:
                return await self._submit(url, body, content_type, rendered)
            except BrokenProcessPool:
                raise WorkerLost("the extraction worker died twice on this document (killed: out of memory?)") from None

    async def _submit(self, url: str, body: bytes, content_type: str | None, rendered: bool) -> Document:
        pool = self._pool
        if pool is None:
            raise ExtractionError("extraction stopped: the crawl is closing")
        try:
            future = pool.executor.submit(_extract_within_budget, self.timeout, url, body, content_type, rendered)
            return await asyncio.wait_for(asyncio.wrap_future(future), self._backstop())
        except BrokenProcessPool:
            self._replace(pool)
            raise
        except ExtractTimeout:
            self._replace(pool)  # gracefully: the others in flight finish in the old pool
            raise
        except TimeoutError:  # the wall-clock backstop
            self._replace(pool, kill=True)
            raise ExtractTimeout(f"extraction still running after {self._backstop():g} s: stopped, workers "
                                 f"killed") from None

    def _backstop(self) -> float:
        return self.timeout * BACKSTOP_FACTOR + BACKSTOP_SLACK

    def _slot(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.workers))
        return self._slots[1]

    def _replace(self, pool: _Pool, *, kill: bool = False) -> None:
        """Swap in a new pool, once per broken pool however many of its documents report it."""
        if kill:
            pool.close(kill=True)
        if self._pool is not pool:
            return
        self._pool = _Pool(self.workers, self.tasks_per_worker)
        if not kill:
            pool.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close(wait=True)
            self._pool = None
