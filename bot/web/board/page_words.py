"""The park and project pages' words: catalogue texts, amounts, moments and months for templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from markupsafe import Markup

from bot.board.project_page import ProblemStep, ProjectPage
from bot.charts import svg
from bot.escalations.queries import Instruction
from bot.escalations.queries import line as instruction_line
from bot.formatting import format_money
from bot.i18n import Catalogue, format_moment, format_period
from bot.reporting.evidence import PhotoFacts, place
from bot.status.lights import explain
from bot.status.types import Reason
from models.report import PhotoSource, Stage

STAGES = {stage.value for stage in Stage}


@dataclass(frozen=True)
class Words:
    """Everything a page template says, in one language and the campaign's time zone."""

    catalogue: Catalogue
    lang: str
    tz: tzinfo

    def t(self, key: str, **args: object) -> str:
        """A catalogue text."""
        return self.catalogue.text(self.lang, key, **args)

    def money(self, amount: Decimal | int | float) -> str:
        """An amount in 万元 (32,667)."""
        return format_money(amount)

    def number(self, value: Decimal) -> str:
        """A percentage figure without trailing zeros (40, 37.5)."""
        return format(value.normalize(), "f")

    def when(self, moment: datetime | None) -> str:
        """A moment with its year, in the campaign's time zone (2025-03-10 09:30)."""
        if moment is None:
            return self.t("pages-none")
        return format_moment(self.catalogue, self.lang, moment, self.tz, key="moment-dated")

    def fresh(self, moment: datetime | None) -> str:
        """ "数据截至 …": how fresh a panel's data is."""
        if moment is None:
            return self.t("pages-fresh-none")
        return self.t("pages-fresh", at=self.when(moment))

    def period(self, period: str) -> str:
        """A month (2025年3月, 2025-03)."""
        return format_period(self.catalogue, self.lang, period)

    def photo(self, facts: PhotoFacts | None) -> str:
        """A photo's time and place, its distance from the project, and any suspected reuse."""
        if facts is None:
            return ""
        if facts.source == PhotoSource.COMPRESSED.value:
            text = self.t("evidence-photo-compressed")
        else:
            known = facts.lat is not None and facts.lon is not None
            distance = facts.distance_km
            text = self.t(
                "pages-photo-evidence",
                taken=self.when(facts.taken_at) if facts.taken_at else self.t("evidence-no-time"),
                place=place(facts.lat, facts.lon) if known else self.t("evidence-no-place"),
                distance=""
                if distance is None
                else self.t("evidence-distance", km=f"{distance:.1f}"),
            )
        if facts.duplicate_period:
            text += " " + self.t("evidence-duplicate", period=facts.duplicate_period)
        return text

    def month(self, period: str) -> str:
        """A month's short name (3月, Mar)."""
        return self.t("chart-month", month=int(period[5:7]))

    def stage(self, stage: str | None) -> str:
        """A stage's name (an unknown one as stored)."""
        if stage is None:
            return self.t("pages-no-report")
        return self.t(f"stage-{stage}") if stage in STAGES else stage

    def light(self, color: str) -> str:
        """A light as symbol and word (never by colour alone): ✔ 绿灯."""
        mark, word = self.t(f"pages-mark-{color}"), self.t(f"pages-light-{color}")
        return self.t("pages-light", mark=mark, word=word)

    def explain(self, reason: Reason) -> str:
        """A reason and what turns it green, as the chat card says it."""
        return explain(reason, self.t)

    def change(self, field: str, values: list[str]) -> str:
        """One changed field of a revision: 阶段：主体施工 → 设备安装."""
        old, new = [*values, "", ""][:2]
        if field == "stage":
            old, new = self.stage(old), self.stage(new)
        key = f"pages-field-{field}"
        name = self.t(key) if key in self.catalogue.keys(self.lang) else field
        return self.t("pages-change", field=name, old=old or self.t("pages-none"), new=new)

    def step(self, step: ProblemStep) -> str:
        """A problem's step: when, who, what."""
        if step.action == "assign":
            due = step.due_date.isoformat() if step.due_date else self.t("pages-none")
            action = self.t("pages-step-assign", unit=step.unit or "", due=due)
        elif step.action in ("raise", "progress", "resolve", "instruct"):
            action = self.t(f"pages-step-{step.action}")
        else:
            action = step.action
        actor = step.actor or self.t("pages-none")
        return self.t("pages-step-line", at=self.when(step.at), actor=actor, action=action)

    def instruction(self, item: Instruction) -> str:
        """A leader's instruction (领导批示): who, what, when."""
        return instruction_line(self.t, item, self.tz)

    def chart(self, page: ProjectPage) -> Markup:
        """The year's investment chart as inline SVG (drawn by bot.charts.svg, escaped there)."""
        points = [
            svg.MonthValues(
                label=self.month(point.period),
                amount=point.investment,
                year_to_date=point.year_to_date,
                planned=point.planned,
                note=self.t(
                    "pages-chart-bar",
                    month=self.month(point.period),
                    amount=self.money(point.investment),
                )
                if point.reported
                else self.t("pages-chart-bar-missing", month=self.month(point.period)),
            )
            for point in page.series
        ]
        last = page.series[-1] if page.series else None
        row = page.status
        text = svg.ChartText(
            title=self.t("pages-chart-title", name=row.name, year=page.year),
            desc=self.t(
                "pages-chart-desc",
                period=self.period(last.period) if last else page.year,
                done=self.money(last.year_to_date if last else 0),
                planned=self.money(last.planned if last else 0),
            ),
            amount=self.t("pages-chart-amount"),
            year_to_date=self.t("chart-actual"),
            planned=self.t("chart-plan"),
            unit=self.t("chart-axis-amount"),
            no_data=self.t("chart-no-data"),
        )
        return Markup(svg.investment_chart(points, text, chart_id=f"chart-{row.project_id}"))
