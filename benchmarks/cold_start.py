"""Cold start of `parkbot run`: seconds from process start to its first getUpdates request.

The request's arrival at the emulator counts, not its answer: a long poll with nothing to
deliver is answered only after its timeout.

Runs the real command against the Bot API emulator on loopback with a fresh SQLite database
(so the time includes applying every migration) and then with an already-migrated one.

    python -m benchmarks.cold_start [--runs 5]
"""

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.conftest import TOKEN
from tests.e2e.process import operator_env, start_parkbot
from tests.emulator.server import BotApiEmulator


def first_poll_seconds(emulator: BotApiEmulator, env: dict[str, str]) -> float:
    """Starts parkbot, waits for its first getUpdates, stops it; returns the delay."""
    before = emulator.polls_started
    started = time.monotonic()
    process = start_parkbot(env)
    try:
        emulator.wait_until(lambda: emulator.polls_started > before, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    return elapsed


def main() -> int:
    """Prints cold-start figures for a fresh and a migrated database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with BotApiEmulator(token=TOKEN) as emulator:
        fresh, warm = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as directory:
                env = operator_env(Path(directory), emulator)
                fresh.append(first_poll_seconds(emulator, env))
                warm.append(first_poll_seconds(emulator, env))
    for label, values in (("fresh database", fresh), ("migrated database", warm)):
        print(
            f"{label}: median {statistics.median(values):.2f} s, "
            f"min {min(values):.2f} s, max {max(values):.2f} s over {len(values)} runs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
