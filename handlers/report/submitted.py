"""After a report is submitted: the submitter's confirmation (the leader's notice:
bot/reporting/notices.py)."""

from decimal import Decimal

from bot.formatting import format_money
from bot.reporting.reports import Submitted
from bot.status.lights import describe
from bot.status.types import Light
from handlers.report.questions import period_label, stage_label
from handlers.viewer import Viewer


def confirmation(viewer: Viewer, submitted: Submitted, light: Light) -> list[str]:
    """The submitter's confirmation, with the project's light and what set it."""
    report = submitted.report
    lines = [
        viewer.t(
            "report-submitted",
            project=submitted.project.name,
            period=period_label(viewer, report.period),
            revision=str(report.revision),
            investment=format_money(report.investment_month, exact=True),
            cumulative=format_money(report.investment_cumulative, exact=True),
            stage=stage_label(viewer, report.stage),
            percent=_plain(report.percent),
            light=viewer.t(f"light-{light.color}"),
        )
    ]
    if light.reasons:
        lines.extend(describe(light, viewer.t))
    if submitted.problem is not None:
        lines.append(viewer.t("report-submitted-problem"))
    return ["\n".join(lines)]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
