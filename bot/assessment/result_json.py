"""A scored result as stored JSON (decimals as text), and read back for display and diffs."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from bot.assessment.scoring import (
    CategoryScore,
    Growth,
    IndicatorScore,
    ParkScore,
    Result,
    Value,
)
from bot.assessment.values import Source


def dump(result: Result, sources: dict[str, dict[str, Source]]) -> dict[str, Any]:
    """The result and each value's source, JSON-safe."""
    return {
        "version": result.version,
        "parks": [_park(park, sources.get(park.park, {})) for park in result.parks],
    }


def load(data: dict[str, Any]) -> tuple[Result, dict[str, dict[str, Source]]]:
    """The result and sources stored by `dump`."""
    parks, sources = [], {}
    for park in data["parks"]:
        parks.append(
            ParkScore(
                park=park["park"],
                park_type=park["type"],
                total=Decimal(park["total"]),
                rank=park["rank"],
                categories=tuple(_category(c) for c in park["categories"]),
                missing=tuple(park["missing"]),
            )
        )
        sources[park["park"]] = {key: _source(s) for key, s in park["sources"].items()}
    return Result(version=data["version"], parks=tuple(parks)), sources


def _park(park: ParkScore, sources: dict[str, Source]) -> dict[str, Any]:
    return {
        "park": park.park,
        "type": park.park_type,
        "total": str(park.total),
        "rank": park.rank,
        "missing": list(park.missing),
        "categories": [
            {
                "name": c.name,
                "weight": str(c.weight),
                "points": str(c.points),
                "indicators": [_indicator(i) for i in c.indicators],
            }
            for c in park.categories
        ],
        "sources": {key: _source_json(source) for key, source in sources.items()},
    }


def _indicator(item: IndicatorScore) -> dict[str, Any]:
    return {
        "key": item.key,
        "name": item.name,
        "value": _value_json(item.value),
        "target": None if item.target is None else str(item.target),
        "points": str(item.points),
        "rule": item.rule,
        "params": dict(item.params),
    }


def _category(data: dict[str, Any]) -> CategoryScore:
    return CategoryScore(
        name=data["name"],
        weight=Decimal(data["weight"]),
        points=Decimal(data["points"]),
        indicators=tuple(
            IndicatorScore(
                key=i["key"],
                name=i["name"],
                value=_value(i["value"]),
                target=None if i["target"] is None else Decimal(i["target"]),
                points=Decimal(i["points"]),
                rule=i["rule"],
                params=dict(i["params"]),
            )
            for i in data["indicators"]
        ),
    )


def _value_json(value: Value) -> str | list[str] | None:
    if isinstance(value, Growth):
        return [str(value.value), str(value.base)]
    return None if value is None else str(value)


def _value(data: str | list[str] | None) -> Value:
    if isinstance(data, list):
        return Growth(Decimal(data[0]), Decimal(data[1]))
    return None if data is None else Decimal(data)


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "kind": source.kind,
        "rule": source.rule,
        "figures": dict(source.figures or {}),
        "actor": source.actor,
        "filed_at": None if source.filed_at is None else source.filed_at.isoformat(),
    }


def _source(data: dict[str, Any]) -> Source:
    filed = data["filed_at"]
    return Source(
        kind=data["kind"],
        rule=data["rule"],
        figures=data["figures"],
        actor=data["actor"],
        filed_at=None if filed is None else datetime.fromisoformat(filed),
    )
