"""The latest FINAL assessment ranking on the board; nothing for drafts or open publications."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot.assessment import publication as publishing
from bot.assessment.runs import result_of


@dataclass(frozen=True)
class RankedPark:
    """One line of a type's final ranking."""

    rank: int
    park: str
    total: Decimal


@dataclass(frozen=True)
class FinalRanking:
    """A period's final result, per park type in the scheme's order."""

    period: str
    number: int
    final_at: datetime
    types: list[tuple[str, list[RankedPark]]]


def final_ranking(session: Session) -> FinalRanking | None:
    """The newest final assessment ranking, or None when no result is final yet."""
    found = publishing.latest_final(session)
    if found is None:
        return None
    publication, run = found
    result, _ = result_of(run)
    types = [
        (kind, [RankedPark(p.rank, p.park, p.total) for p in result.of_type(kind)])
        for kind in dict.fromkeys(park.park_type for park in result.parks)
    ]
    final_at = publication.final_at or publication.closes_at
    return FinalRanking(run.period, run.number, final_at, types)
