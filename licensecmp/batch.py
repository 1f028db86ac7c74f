"""Many sources at once: analysed in order, across processes when there are enough of them.

Reports and checks over dozens of licenses or model directories spend their time in the
rules' regular expressions, which hold the GIL; a pool of forked processes shares the
compiled rules and the knowledge base with the parent and divides the texts among the
cores. Results come back in the order given, and the first bad source stops the run
with its error, as a sequential run would.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from licensecmp.analysis import Analysis
from licensecmp.sources import Options, analyze_source

# Below this many sources a pool costs more than it saves.
POOL_FROM = 8

Progress = Callable[[int, int, str], None]


def _one(spec: str, options: Options) -> Analysis:
    return analyze_source(spec, options=options)


def default_jobs() -> int:
    """The processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def analyze_all(
    specs: Sequence[str],
    *,
    stdin: bytes | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Analysis]:
    """Analyse every source, in the order given; `progress(done, total, spec)` after each."""
    options = options or Options()
    jobs = default_jobs() if jobs is None else jobs
    total = len(specs)
    forkable = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    if jobs < 2 or total < POOL_FROM or not forkable or "-" in specs:
        out = []
        for done, spec in enumerate(specs, 1):
            out.append(analyze_source(spec, stdin=stdin, options=options))
            if progress:
                progress(done, total, spec)
        return out
    # Compile the rules and read the knowledge base once, before the workers fork.
    import licensecmp.rules.registry  # noqa: F401
    from licensecmp.knowledge import load

    load(options.knowledge)
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context)
    try:
        futures = [pool.submit(_one, spec, options) for spec in specs]
        results = []
        for done, (spec, future) in enumerate(zip(specs, futures, strict=True), 1):
            results.append(future.result())
            if progress:
                progress(done, total, spec)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results
