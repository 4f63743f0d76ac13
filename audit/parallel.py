"""Run one function over a stream of tasks in worker processes, results in the order of the tasks.

The scan reads and splits the exports in the main process and sends each chunk of items to a worker to be
judged. Only ``ahead`` chunks are in flight at a time, so memory stays bounded however large the export.
Workers are forked where the platform allows it, so they start with the main process's loaded state
(the rules engine) instead of building it again; elsewhere ``setup`` builds it in each worker.

Each worker may use ``thread_budget()`` threads of its own (the cores divided among the workers): a
library with its own thread pool, such as the learned detector's, should be given that many.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_state: Any = None  # what every task of the running map needs (the engine), set before the workers start
_threads: int | None = None  # the thread budget of this process when it is a worker


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def thread_budget() -> int:
    """How many threads this process's own computations should use (all cores outside a worker)."""
    return _threads if _threads is not None else cores()


def ordered_map(
    function: Callable[..., Any],
    tasks: Iterable[tuple],
    *,
    state: Any,
    setup: Callable[[], Any],
    jobs: int,
) -> Iterator[Any]:
    """Yield ``function(state, *task)`` for each task, computed in ``jobs`` worker processes, in order.

    ``state`` is handed to forked workers as it is; where processes are spawned instead, or ``state`` is
    None, each worker calls ``setup()`` (a picklable callable) to build its own. An error in a task is
    raised here.
    """
    global _state
    fork = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    threads = max(1, cores() // jobs)
    _state = state if fork else None
    try:
        with context.Pool(jobs, initializer=_start_worker, initargs=(setup, threads)) as pool:
            pending: deque = deque()
            for task in tasks:
                pending.append(pool.apply_async(_run, (function, task)))
                if len(pending) > jobs:  # one waiting per worker beyond those running: bounded memory
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        _state = None


def _start_worker(setup: Callable[[], Any], threads: int) -> None:
    global _state, _threads
    _threads = threads
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    if _state is None:
        _state = setup()


def _run(function: Callable[..., Any], task: tuple) -> Any:
    return function(_state, *task)
