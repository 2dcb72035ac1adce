"""A run's result as people read it: version line, ranking per type, missing list, park detail.

Every text comes from the catalogue; long texts are split into messages within Telegram's limit.
"""

from datetime import datetime, tzinfo

from bot import text_limits
from bot.assessment.scoring import Growth, ParkScore, Result, Value
from bot.assessment.values import Source
from bot.i18n import Catalogue
from models import AssessmentRun, Publication, PublicationStatus

Sources = dict[str, dict[str, Source]]


def run_status(run: AssessmentRun, publication: Publication | None) -> str:
    """ "draft", "open", "final" or "replaced" (a published run re-scored since)."""
    if publication is None:
        return "draft"
    if publication.run_id != run.id:
        return "replaced"
    return "final" if publication.status == PublicationStatus.FINAL.value else "open"


class ResultText:
    """The texts of one result in one language."""

    def __init__(self, catalogue: Catalogue, language: str, tz: tzinfo) -> None:
        self.catalogue, self.language, self.tz = catalogue, language, tz

    def t(self, key: str, **params: object) -> str:
        """One catalogue text in this language."""
        return self.catalogue.text(self.language, key, **params)

    def moment(self, at: datetime) -> str:
        """A moment as local `YYYY-MM-DD HH:MM`."""
        return at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    def version_line(self, run: AssessmentRun, status: str) -> str:
        """Period, number, scheme version, status, when and why."""
        return self.t(
            "assess-result-version",
            period=run.period,
            number=run.number,
            scheme=run.scheme_version,
            status=self.t(f"assess-status-{status}"),
            at=self.moment(run.created_at),
            reason=self.reason(run.reason),
        )

    def reason(self, reason: str) -> str:
        """Why a run exists, in words when it is one of the known reasons."""
        return self.t("assess-reason-draft") if reason == "draft" else reason

    def ranking(self, result: Result) -> str:
        """Each park type's ranking: rank, park, total; tied parks marked."""
        lines = []
        for kind in dict.fromkeys(park.park_type for park in result.parks):
            parks = result.of_type(kind)
            lines.append(self.t("assess-ranking-type", type=kind, count=len(parks)))
            ranks = [park.rank for park in parks]
            for park in parks:
                tied = self.t("assess-ranking-tied") if ranks.count(park.rank) > 1 else ""
                lines.append(
                    self.t(
                        "assess-ranking-line",
                        rank=park.rank,
                        park=park.park,
                        total=number(park.total),
                        tied=tied,
                    )
                )
        return "\n".join(lines) if lines else self.t("assess-ranking-empty")

    def missing(self, result: Result) -> str:
        """Per park, the indicators scored 0 for want of a value; or that nothing is missing."""
        if result.complete:
            return self.t("assess-missing-none")
        names = {
            item.key: item.name
            for park in result.parks
            for category in park.categories
            for item in category.indicators
        }
        lines = [self.t("assess-missing-title", parks=len(result.missing))]
        for park, keys in result.missing.items():
            shown = "、".join(f"{key} {names.get(key, '')}".strip() for key in keys)
            lines.append(self.t("assess-missing-line", park=park, indicators=shown))
        return "\n".join(lines)

    def detail(self, park: ParkScore, sources: Sources) -> str:
        """A park's total, rank, each category and each indicator with its rule and source."""
        lines = [
            self.t(
                "assess-detail-title",
                park=park.park,
                type=park.park_type,
                total=number(park.total),
                rank=park.rank,
            )
        ]
        of_park = sources.get(park.park, {})
        for category in park.categories:
            lines.append(
                self.t(
                    "assess-detail-category",
                    name=category.name,
                    points=number(category.points),
                    weight=number(category.weight),
                )
            )
            for item in category.indicators:
                lines.append(
                    self.t(
                        "assess-detail-indicator",
                        code=item.key,
                        name=item.name,
                        value=self.value(item.value),
                        target="-" if item.target is None else number(item.target),
                        points=number(item.points),
                        rule=self.rule(item.rule, item.params),
                        source=self.source(of_park.get(item.key)),
                    )
                )
        return "\n".join(lines)

    def rule(self, key: str, params: dict[str, str]) -> str:
        """A scoring rule in words."""
        return self.t(key, **params)

    def value(self, value: Value) -> str:
        """A value as shown: a number, a growth pair, or "-"."""
        if isinstance(value, Growth):
            return self.t("assess-value-growth", value=number(value.value), base=number(value.base))
        return "-" if value is None else number(value)

    def source(self, source: Source | None) -> str:
        """Where a value came from: a computed rule, a filing (by whom, when), or missing."""
        if source is None or source.kind == "missing":
            return self.t("assess-source-missing")
        if source.kind == "computed":
            return self.t(
                "assess-source-computed", rule=self.t(source.rule, **(source.figures or {}))
            )
        at = "-" if source.filed_at is None else self.moment(source.filed_at)
        return self.t(f"assess-source-{source.kind}", actor=source.actor, at=at)


def number(value: object) -> str:
    """A decimal without trailing zeros."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def messages(parts: list[str], limit: int = text_limits.MESSAGE_LIMIT) -> list[str]:
    """Parts joined into as few messages as fit `limit`, split between lines (a line clipped)."""
    found: list[str] = []
    current = ""
    for part in parts:
        for line in part.split("\n"):
            line = text_limits.clip(line, limit)
            joined = f"{current}\n{line}" if current else line
            if text_limits.units(joined) <= limit:
                current = joined
            else:
                found.append(current)
                current = line
        current += "\n"
    if current.strip():
        found.append(current.rstrip("\n"))
    return [text.strip("\n") for text in found if text.strip()]
