"""Running parts of a pure job in forked worker processes.

Reading items is mostly Python over rows on disk, about 30 µs a claim, so on a
million claims it is worth spreading over the cores. Children are forked, not spawned: spawning
would re-run the caller's main script, and forked children see the parent's data
without copying it. Forking is only safe while no other thread runs (a child
would inherit any lock such a thread holds), so otherwise everything runs here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")


def workers_for(size: int, threshold: int) -> int:
    """How many processes a job of ``size`` should use: one per core from ``threshold``
    on, one below it or while other threads run."""
    if size < threshold or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


def in_parallel(local: Callable[[], T], task: Callable[..., T], remote: Sequence[tuple]) -> list[T]:
    """``[local(), task(*remote[0]), ...]``: ``local`` runs here while each remote
    call runs in a forked process (``task`` must be a module-level function)."""
    if not remote:
        return [local()]
    if threading.active_count() > 1:
        return [local(), *(task(*args) for args in remote)]
    with ProcessPoolExecutor(len(remote), mp_context=get_context("fork")) as pool:
        pending = [pool.submit(task, *args) for args in remote]
        return [local(), *(f.result() for f in pending)]
