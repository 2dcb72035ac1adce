"""Transitional re-exports for importers not yet updated; import from the defining modules.

Status queries live in bot.status.queries, who is missing in bot.status.missing, the cached
city view in bot.status.city_view, computation in bot.status.compute, summaries in
bot.status.summaries and search in bot.status.search.
"""

from bot.status.city_view import CITY_VIEW, forget_cached
from bot.status.compute import Asked, freshness
from bot.status.missing import missing_in_scope
from bot.status.queries import (
    ledger_rows,
    open_problems_of,
    project_status,
    statuses,
    trend,
    year_points,
)
from bot.status.search import Matches, search
from bot.status.summaries import ParkSummary, Ranking, by_park, fastest_and_slowest

__all__ = [
    "CITY_VIEW",
    "Asked",
    "Matches",
    "ParkSummary",
    "Ranking",
    "by_park",
    "fastest_and_slowest",
    "forget_cached",
    "freshness",
    "ledger_rows",
    "missing_in_scope",
    "open_problems_of",
    "project_status",
    "search",
    "statuses",
    "trend",
    "year_points",
]
