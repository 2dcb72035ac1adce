"""After a report is submitted: the confirmation and the notice to the project's leader."""

from decimal import Decimal

from sqlmodel import Session

from bot.formatting import format_money
from bot.outbox import queue as outbox
from bot.people import queries as people
from bot.reporting.reports import Submitted
from bot.services import Services
from bot.status.lights import describe
from bot.status.types import Light
from handlers.report.questions import period_label, stage_label
from handlers.viewer import Viewer
from models import Person


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


def notify_leader(
    session: Session, services: Services, submitted: Submitted, reporter: Person
) -> bool:
    """Queues a short notice to the project's leader when the report raises a problem."""
    project = submitted.project
    if submitted.problem is None or project.leader_id is None:
        return False
    leader = people.person(session=session, person_id=project.leader_id)
    if leader is None or not leader.active:
        return False
    viewer = Viewer(leader, leader.language or services.settings.language, services.catalogue)
    park = people.park(session=session, park_id=project.park_id)
    text = viewer.t(
        "report-leader-notice",
        project=project.name,
        park=park.name if park else "",
        period=period_label(viewer, submitted.report.period),
        text=submitted.problem.text,
        reporter=reporter.name,
    )
    outbox.enqueue(
        session,
        kind="notice",
        text=text,
        now=services.now(),
        person=leader,
        dedupe_key=f"problem{submitted.problem.id}:leader",
    )
    return True


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
