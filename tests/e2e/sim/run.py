"""Running simulated people side by side, and waiting on conditions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

# -- running people side by side -----------------------------------------------------------------


def run_together(work: Iterable[Callable[[], object]]) -> None:
    """Runs each piece of work in its own thread; re-raises the first failure."""
    jobs = list(work)
    with ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        futures = [pool.submit(job) for job in jobs]
        for future in futures:
            future.result()


def later(seconds: float, work: Callable[[], object]) -> Callable[[], object]:
    """The same work, after a pause."""

    def delayed() -> object:
        time.sleep(seconds)
        return work()

    return delayed


# -- what the database says ------------------------------------------------------------------------


def eventually(check: Callable[[], bool], timeout: float, describe: Callable[[], str]) -> None:
    """Re-checks a database condition until it holds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done within {timeout}s: {describe()}")
        time.sleep(0.1)
