"""The wall board at province scale: one board's server time (snapshot + HTML), per viewer.

    python -m benchmarks.generate --database-url sqlite:////tmp/bench.db   # once
    python -m benchmarks.board --database-url sqlite:////tmp/bench.db [--repeat 20]

Each repetition is what /board/panels does (bot/web/board/pages.py): a database scope, the
snapshot (bot.board.snapshot, on the cached city view) and the panels template. "first paint"
drops the city view first (the day's first board, had the warm-up job not run); "after a new
report" revises one report first (benchmarks.status.new_revision), so the cached view is stale
and brought up to date incrementally, as after every submission. Targets from issue 15: first
paint ≤ 1 s, each refresh ≤ 200 ms of server time.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from datetime import time as day_time

from benchmarks.status import TZ, Setup, new_revision
from bot.board.snapshot import board_snapshot
from bot.board.viewer import BoardViewer
from bot.db import Database
from bot.services import Services
from bot.settings import Settings
from bot.status import city_view
from bot.web.board.pages import render_text

ADMIN_ID, FIRST_LEADER_ID = 1, 4  # benchmarks.generate: people 1-2 admins, then leaders at 4


def panels(services: Services, viewer: BoardViewer) -> int:
    """One /board/panels answer's work; returns the HTML's length."""
    with services.db.scope() as session:
        board = board_snapshot(session, viewer, services)
    assert board is not None
    html = render_text(
        services.catalogue.text, services.settings.tz, "panels.html", "zh_CN", board=board
    )
    return len(html)


def measure(
    label: str,
    services: Services,
    viewer: BoardViewer,
    before: Callable[[int], None],
    repeat: int,
) -> None:
    """Prints p50 / p95 / max milliseconds of `repeat` answers, each after `before(i)`."""
    times, size = [], 0
    for index in range(repeat):
        before(index)
        start = time.perf_counter()
        size = panels(services, viewer)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"{label:<44} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {times[-1]:7.1f} ms  ({size // 1024} KiB HTML)"
    )


def main() -> int:
    """Measures the board on a generated data set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--end-period", default="2026-11")
    args = parser.parse_args()
    setup = Setup(args.projects, 20, 60, 20000, args.end_period)
    db = Database.from_url(args.database_url)
    now = datetime.combine(setup.today, day_time(10), TZ)
    services = Services(settings=Settings(_env_file=None), db=db, clock=lambda: now)
    admin, city_link = BoardViewer(person_id=ADMIN_ID), BoardViewer(link_id=1)
    leader = BoardViewer(person_id=FIRST_LEADER_ID)
    nothing: Callable[[int], None] = lambda index: None  # noqa: E731
    measure("first paint (admin, city, nothing cached)", services, admin,
            lambda index: city_view.forget_cached(), max(3, args.repeat // 4))  # fmt: skip
    measure("refresh (admin, city)", services, admin, nothing, args.repeat)
    measure("refresh (admin, city, after a new report)", services, admin,
            lambda index: new_revision(db, setup, index), args.repeat)  # fmt: skip
    measure("refresh (city board link)", services, city_link, nothing, args.repeat)
    measure("refresh (park board link)", services, BoardViewer(park_id=1, link_id=2), nothing,
            args.repeat)  # fmt: skip
    measure("refresh (leader, ~5 projects)", services, leader, nothing, args.repeat)
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
