"""Many sources at once: read in order, each distinct text analysed once, across cores.

Reports and checks over dozens of licenses or a thousand model snapshots read the same
few license texts again and again, and spend their time in the rules' regular
expressions, which hold the GIL. So the sources are read first (the I/O half), their
texts grouped by content, and each distinct text analysed once, in a pool of forked
processes when there are enough of them; every source then gets its own analysis back
(its own name, card metadata and findings). Results come in the order given, and the
first bad source stops the run with its error, as one-by-one reading would.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from licensecmp.analysis import Analysis
from licensecmp.sources import Options, Prepared, finish, prepare, read_text

# Below this many distinct texts a pool costs more than it saves.
POOL_FROM = 8

Progress = Callable[[int, int, str], None]


def default_jobs() -> int:
    """The processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _pool(jobs: int, size: int, *, identify: bool) -> ProcessPoolExecutor | None:
    """A pool of forked workers that share the parent's compiled rules, or None."""
    forkable = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    if jobs < 2 or size < POOL_FROM or not forkable:
        return None
    # the rules compiled and the identification data loaded once, shared by the workers
    import licensecmp.rules.registry  # noqa: F401

    if identify:
        from licensecmp.identify import load_index

        load_index()

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=min(jobs, size),
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the parent does. SIGTERM to the parent (what `timeout`
    and CI runners send) ends it without running any cleanup, and workers would live on
    under PID 1; the kernel's parent-death signal ends them too."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not on Linux
        return
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def analyze_all(
    specs: Sequence[str],
    *,
    stdin: bytes | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Analysis]:
    """Analyse every source, in the order given. `progress(done, total, name)` is called as
    each distinct text is analysed; `jobs` caps the processes (default: the cores)."""
    options = options or Options()
    prepared = [prepare(spec, stdin=stdin, options=options) for spec in specs]
    return analyze_prepared(prepared, options=options, jobs=jobs, progress=progress)


def analyze_prepared(
    prepared: Sequence[Prepared],
    *,
    options: Options,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Analysis]:
    """Analyse sources already read (`prepare`), in the order given: each distinct text
    once, across cores, as `analyze_all` does."""
    unique: dict[tuple[str, str, bool], Prepared] = {}
    for p in prepared:
        if p.done is None:
            unique.setdefault(p.key, p)
    texts: dict[tuple[str, str, bool], Analysis] = {}
    total = len(unique)
    identify = any(key[2] for key in unique)
    pool = _pool(default_jobs() if jobs is None else jobs, total, identify=identify)
    try:
        if pool is None:
            for done, (key, p) in enumerate(unique.items(), 1):
                texts[key] = read_text(p, options.knowledge)
                if progress:
                    progress(done, total, p.spec)
        else:
            futures = {
                key: pool.submit(read_text, p, options.knowledge) for key, p in unique.items()
            }
            for done, (key, future) in enumerate(futures.items(), 1):
                texts[key] = future.result()
                if progress:
                    progress(done, total, unique[key].spec)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return [p.done if p.done is not None else finish(p, texts[p.key], options) for p in prepared]
