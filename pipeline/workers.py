"""Work spread over the machine's cores: one function over many independent inputs, in forked workers.

A build is a chain of stages, but inside some stages the inputs do not depend
on each other (one notice's text, one edition's PDF).  `parallel_map` runs
those in worker processes forked from the build, so they start with the
build's modules and data already loaded and cost only the pickling of each
result.  Small jobs stay in this process: a fork is not free, and forking
while another library runs threads is a risk not worth taking for them.
`running_beside` runs such work in workers while the build goes on with
its own (the newspaper PDFs while the views, the data, the search index and
the pages are made).

A worker ignores Ctrl-C and SIGTERM; the build receives them, and leaving the
`with` block terminates the pool, so an interrupted build leaves no process
behind (pipeline/__main__.py turns SIGTERM into KeyboardInterrupt).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on (a CI container may get fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def parallel_map(function: Callable[[T], R], items: Iterable[T], parallel: bool = True, fresh: bool = False) -> list[R]:
    """[function(item) for item in items], in order, on every core when `parallel` and there are two items or more.

    `function` must be picklable (a module-level function or a functools.partial of one), and so must its
    results; each item is sent to a worker as it frees up, so long and short items balance out.

    A worker forked from the build starts with the build's memory, which counts in its resident size (at
    10,000 issues a forked PDF worker reached 650 MB).  `fresh` workers are new interpreters instead
    (multiprocessing's spawn: about a second to start), so a memory-hungry item (a PDF of 500 rows) adds
    only its own memory to the build's peak.
    """
    items = list(items)
    workers = min(cores(), len(items))
    context = _worker_context(fresh)
    if not parallel or workers < 2 or context is None:
        return [function(item) for item in items]
    with context.Pool(workers, initializer=_quiet_worker) as pool:
        return pool.map(function, items, chunksize=1)


def _worker_context(fresh: bool):
    """How workers start: forked, or spawned when `fresh` or when other threads are alive (a fork copies only
    the calling thread: a lock another thread held, a browser driver's or a logger's, stays locked in the
    child forever); None where the system cannot start them that way."""
    method = "spawn" if fresh or threading.active_count() > 1 else "fork"
    return multiprocessing.get_context(method) if method in multiprocessing.get_all_start_methods() else None


@contextmanager
def running_beside(function: Callable[[T], object], items: Iterable[T], fresh: bool = False) -> Iterator[None]:
    """function(item) for every item in worker processes while the `with` block runs in this one; leaving
    the block waits for them and raises what one of them raised.  The results are dropped (each call writes
    what it makes).  A failure or Ctrl-C in the block terminates the workers.

    One item is worth a worker here, unlike in `parallel_map`: it runs on another core beside the block's
    own work (a newspaper PDF laid out while the pages render).  With one core, the calls run here after
    the block.  `fresh`: as in `parallel_map`.
    """
    items = list(items)
    context = _worker_context(fresh)
    if not items or cores() < 2 or context is None:
        yield
        for item in items:
            function(item)
        return
    with context.Pool(min(cores(), len(items)), initializer=_quiet_worker) as pool:
        running = pool.map_async(function, items, chunksize=1)
        yield
        running.get()
