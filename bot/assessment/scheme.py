"""The assessment scheme (考核方案): park types, weighted categories and scored indicators."""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

HUNDRED = Decimal(100)


class Method(StrEnum):
    """How an indicator's value becomes points."""

    COMPLETION = "completion"  # value / target, capped (100 % unless the indicator says more)
    GROWTH = "growth"  # growth over the park's base-year value / target growth rate, capped
    RANK = "rank"  # rank within the park type: best gets full points, linear down
    DEDUCTION = "deduction"  # points off per occurrence, at most `weight`; category floor 0


@dataclass(frozen=True)
class Category:
    """One of the scored categories, e.g. 速度效益 with weight 30 (of 100)."""

    name: str
    weight: Decimal


@dataclass(frozen=True)
class Indicator:
    """One scored indicator of a category.

    `target` means: completion, the value that earns full points; growth, the growth rate in
    percent that earns full points; rank and deduction, nothing. `targets_by_type` overrides
    `target` for parks of a type. `cap` is the ratio's ceiling in percent. A deduction's
    `weight` is the most it can take off; `per_occurrence` the points off per occurrence.
    """

    key: str
    name: str
    category: str
    unit: str
    weight: Decimal
    method: Method
    target: Decimal | None = None
    targets_by_type: dict[str, Decimal] = field(default_factory=dict)
    cap: Decimal = HUNDRED
    per_occurrence: Decimal | None = None

    def target_for(self, park_type: str) -> Decimal | None:
        """The target a park of `park_type` is measured against."""
        return self.targets_by_type.get(park_type, self.target)


@dataclass(frozen=True)
class Scheme:
    """A whole scheme: which park is of which type, the categories and their indicators."""

    version: str
    park_types: dict[str, str]  # park name -> park type; each type is ranked separately
    categories: tuple[Category, ...]
    indicators: tuple[Indicator, ...]

    @property
    def types(self) -> list[str]:
        """The park types, in the order they first appear."""
        return list(dict.fromkeys(self.park_types.values()))

    def indicators_of(self, category: str) -> list[Indicator]:
        """The indicators of one category, in the scheme's order."""
        return [item for item in self.indicators if item.category == category]

    def to_json(self) -> dict[str, Any]:
        """The scheme as JSON-safe data (decimals as strings, so nothing is rounded)."""
        return {
            "park_types": dict(self.park_types),
            "categories": [{"name": c.name, "weight": str(c.weight)} for c in self.categories],
            "indicators": [_indicator_json(item) for item in self.indicators],
        }

    @classmethod
    def from_json(cls, version: str, data: dict[str, Any]) -> "Scheme":
        """A scheme stored by `to_json` (it was validated when it was imported)."""
        return cls(
            version=version,
            park_types=dict(data["park_types"]),
            categories=tuple(
                Category(name=c["name"], weight=Decimal(c["weight"])) for c in data["categories"]
            ),
            indicators=tuple(_indicator_from_json(item) for item in data["indicators"]),
        )


def _indicator_json(item: Indicator) -> dict[str, Any]:
    return {
        "key": item.key,
        "name": item.name,
        "category": item.category,
        "unit": item.unit,
        "weight": str(item.weight),
        "method": item.method.value,
        "target": None if item.target is None else str(item.target),
        "targets_by_type": {name: str(value) for name, value in item.targets_by_type.items()},
        "cap": str(item.cap),
        "per_occurrence": None if item.per_occurrence is None else str(item.per_occurrence),
    }


def _indicator_from_json(data: dict[str, Any]) -> Indicator:
    def number(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    return Indicator(
        key=data["key"],
        name=data["name"],
        category=data["category"],
        unit=data["unit"],
        weight=Decimal(data["weight"]),
        method=Method(data["method"]),
        target=number(data["target"]),
        targets_by_type={name: Decimal(v) for name, v in data["targets_by_type"].items()},
        cap=Decimal(data["cap"]),
        per_occurrence=number(data["per_occurrence"]),
    )
