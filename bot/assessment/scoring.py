"""Scores parks against a scheme: points per indicator, per category and in total, ranked.

Arithmetic is Decimal throughout. Each indicator's points are rounded to 2 decimals
(ROUND_HALF_UP) as soon as they are computed; a category's points are the sum of its rounded
indicator points, floored at 0 (deductions cannot make a category negative); the total is the
sum of the categories. So the explanation a park sees adds up exactly.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bot.assessment.scheme import HUNDRED, Indicator, Method, Scheme

CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Growth:
    """A growth indicator's value: this period's figure and the park's base-year figure."""

    value: Decimal
    base: Decimal


Value = Decimal | Growth | None
Values = Mapping[str, Mapping[str, Value]]  # park -> indicator key -> value (None: missing)


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator's score with the rule that produced it (`rule`: a catalogue key)."""

    key: str
    name: str
    value: Value
    target: Decimal | None
    points: Decimal
    rule: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryScore:
    """One category's points (floored at 0) and its indicators' scores."""

    name: str
    weight: Decimal
    points: Decimal
    indicators: tuple[IndicatorScore, ...]


@dataclass(frozen=True)
class ParkScore:
    """A park's result: total, rank within its type, categories, and what was missing."""

    park: str
    park_type: str
    total: Decimal
    rank: int
    categories: tuple[CategoryScore, ...]
    missing: tuple[str, ...]  # indicator keys without a usable value or target (scored 0)


@dataclass(frozen=True)
class Result:
    """Every park's score, ranked within each type (types in the scheme's order)."""

    version: str
    parks: tuple[ParkScore, ...]

    @property
    def complete(self) -> bool:
        """Whether every park had every value; if not, `missing` says what was scored 0."""
        return not any(park.missing for park in self.parks)

    @property
    def missing(self) -> dict[str, tuple[str, ...]]:
        """Park -> the indicator keys it lacked."""
        return {park.park: park.missing for park in self.parks if park.missing}

    def of_type(self, park_type: str) -> list[ParkScore]:
        """The parks of one type, best first."""
        return [park for park in self.parks if park.park_type == park_type]


def score(scheme: Scheme, values: Values, park_types: Mapping[str, str] | None = None) -> Result:
    """Every park of `park_types` (default: the scheme's) scored on `values`, ranked by type."""
    types = dict(scheme.park_types if park_types is None else park_types)
    rank_points = {
        item.key: _rank_points(item, values, types)
        for item in scheme.indicators
        if item.method is Method.RANK
    }
    unranked = [
        _park(scheme, park, kind, values.get(park, {}), rank_points) for park, kind in types.items()
    ]
    ordered: list[ParkScore] = []
    for kind in dict.fromkeys(types.values()):
        ordered += _ranked([park for park in unranked if park.park_type == kind])
    return Result(version=scheme.version, parks=tuple(ordered))


def _park(
    scheme: Scheme,
    park: str,
    kind: str,
    values: Mapping[str, Value],
    rank_points: dict[str, dict[str, tuple[int, int, Decimal]]],
) -> ParkScore:
    categories = []
    missing: list[str] = []
    for category in scheme.categories:
        scores = []
        for item in scheme.indicators_of(category.name):
            found = _indicator(
                item, kind, values.get(item.key), rank_points.get(item.key, {}), park
            )
            if found.rule.startswith("assess-rule-missing"):
                missing.append(item.key)
            scores.append(found)
        points = max(ZERO, sum((s.points for s in scores), ZERO))
        categories.append(CategoryScore(category.name, category.weight, points, tuple(scores)))
    total = sum((c.points for c in categories), ZERO)
    return ParkScore(park, kind, total, 0, tuple(categories), tuple(missing))


def _indicator(
    item: Indicator,
    kind: str,
    value: Value,
    ranks: dict[str, tuple[int, int, Decimal]],
    park: str,
) -> IndicatorScore:
    target = item.target_for(kind)

    def result(points: Decimal, rule: str, **params: object) -> IndicatorScore:
        shown = {name: _text(v) for name, v in params.items()}
        return IndicatorScore(item.key, item.name, value, target, _round(points), rule, shown)

    expected = Growth if item.method is Method.GROWTH else Decimal
    if not isinstance(value, expected):
        return result(ZERO, "assess-rule-missing")
    if item.method in (Method.COMPLETION, Method.GROWTH) and not target:
        # A park of a type the scheme sets no target for (an import always sets one).
        return result(ZERO, "assess-rule-missing-target")
    if item.method is Method.COMPLETION:
        assert isinstance(value, Decimal) and target is not None
        ratio = _capped(value / target, item.cap)
        return result(
            item.weight * ratio, "assess-rule-completion", ratio=_percent(ratio), cap=item.cap
        )
    if item.method is Method.GROWTH:
        assert isinstance(value, Growth) and target is not None
        if value.base <= 0:
            return result(ZERO, "assess-rule-missing-base", base=value.base)
        rate = (value.value - value.base) / value.base * HUNDRED
        ratio = _capped(rate / target, item.cap)
        return result(
            item.weight * ratio,
            "assess-rule-growth",
            rate=_round(rate),
            ratio=_percent(ratio),
            cap=item.cap,
        )
    if item.method is Method.RANK:
        rank, count, points = ranks[park]
        return result(points, "assess-rule-rank", rank=rank, count=count)
    assert isinstance(value, Decimal) and item.per_occurrence is not None
    off = min(item.per_occurrence * max(value, ZERO), item.weight)
    return result(-off, "assess-rule-deduction", count=value, each=item.per_occurrence)


def _rank_points(
    item: Indicator, values: Values, types: Mapping[str, str]
) -> dict[str, tuple[int, int, Decimal]]:
    """Park -> (rank, parks ranked, points) among the parks of its type that have a value.

    Rank r of n gets weight × (n − r + 1) / n: the best full points, the last with a value
    still 1/n of them, so a park that reported last stays ahead of one that did not report.
    """
    found: dict[str, tuple[int, int, Decimal]] = {}
    for kind in set(types.values()):
        given = {
            park: value
            for park, park_kind in types.items()
            if park_kind == kind
            and isinstance(value := values.get(park, {}).get(item.key), Decimal)
        }
        count = len(given)
        for park, value in given.items():
            rank = 1 + sum(1 for other in given.values() if other > value)
            found[park] = (rank, count, item.weight * (count - rank + 1) / count)
    return found


def _ranked(parks: list[ParkScore]) -> list[ParkScore]:
    """Best total first, ties sharing a rank (1, 1, 3), equal totals ordered by name."""
    ordered = sorted(parks, key=lambda park: (-park.total, park.park))
    ranked = []
    for position, park in enumerate(ordered, start=1):
        tied = ranked and ranked[-1].total == park.total
        rank = ranked[-1].rank if tied else position
        ranked.append(
            ParkScore(park.park, park.park_type, park.total, rank, park.categories, park.missing)
        )
    return ranked


def _capped(ratio: Decimal, cap: Decimal) -> Decimal:
    return min(max(ratio, ZERO), cap / HUNDRED)


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _percent(ratio: Decimal) -> Decimal:
    return _round(ratio * HUNDRED)


def _text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
