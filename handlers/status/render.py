"""Renders status data as chat text a leader reads on a phone."""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from decimal import Decimal

from bot.formatting import format_money, format_yi
from bot.i18n import format_list, format_moment
from bot.meetings.assignments import AssignmentLine
from bot.reporting.evidence import PhotoFacts, ReportPlace
from bot.reporting.evidence import place as format_place
from bot.status.lights import describe, explain
from bot.status.summaries import ParkSummary, Ranking
from bot.status.types import ProjectStatus
from handlers.report.questions import period_label, stage_label
from handlers.viewer import Viewer
from models import PhotoSource, Problem, ProgressReport

LAGGARDS = 5


def dot(viewer: Viewer, color: str) -> str:
    """The light as a coloured dot."""
    return viewer.t(f"light-dot-{color}")


def when(viewer: Viewer, moment: datetime, tz: tzinfo) -> str:
    """A moment in the viewer's words."""
    return format_moment(viewer.catalogue, viewer.language, moment, tz)


def fresh_line(viewer: Viewer, newest: datetime | None, tz: tzinfo) -> str:
    """ "As of reports received up to ..."."""
    if newest is None:
        return viewer.t("status-fresh-none")
    return viewer.t("status-fresh", at=newest.astimezone(tz).strftime("%Y-%m-%d %H:%M"))


def card(
    viewer: Viewer,
    row: ProjectStatus,
    problems: list[Problem],
    recent: list[ProgressReport],
    newest: datetime | None,
    tz: tzinfo,
    assignments: Iterable[AssignmentLine] = (),
    photos: Iterable[PhotoFacts] = (),
    place: ReportPlace | None = None,
    instructions: Iterable[str] = (),
) -> str:
    """A project card: who, what, money against plan, stage, light with reasons, problems,
    leaders' instructions (领导批示), and the latest report's shared location and photos with
    their time and place.

    A meeting's open assignments (会议交办) come under their own line, not with the problems.
    """
    t = viewer.t
    chain = f" · {row.industry_chain}" if row.industry_chain else ""
    lines = [
        f"{dot(viewer, row.light.color)} {row.name}",
        t(
            "status-card-where",
            park=row.park,
            enterprise=row.enterprise or "—",
            category=t(f"category-{row.category}"),
            chain=chain,
        ),
        t(
            "status-card-people",
            leader=row.leader or "—",
            liaisons=_listed(viewer, row.liaisons) or "—",
        ),
        t(
            "status-card-money",
            total=format_money(row.total_investment),
            plan=format_money(row.annual_plan),
        ),
        t(
            "status-card-year",
            year=format_money(row.year_investment),
            percent=str(row.plan_percent),
            expected=str(row.expected_percent),
            month=period_label(viewer, row.evaluation_period) if row.evaluation_period else "—",
        ),
        t("status-card-cumulative", cumulative=format_money(row.cumulative_investment)),
    ]
    if row.stage is None:
        lines.append(t("status-card-no-report"))
    else:
        lines.append(
            t(
                "status-card-stage",
                stage=stage_label(viewer, row.stage),
                percent=format(row.physical_percent.normalize(), "f"),
            )
        )
    lines.append(t("status-card-light", light=t(f"light-{row.light.color}")))
    lines.extend(describe(row.light, t))
    if row.last_period and row.last_submitted_at:
        lines.append(
            t(
                "status-card-last",
                period=period_label(viewer, row.last_period),
                at=when(viewer, row.last_submitted_at, tz),
            )
        )
    assigned = list(assignments)
    shown = {line.problem.id for line in assigned}
    lines.extend(_assignment_lines(viewer, assigned))
    lines.extend(_problem_lines(viewer, [p for p in problems if p.id not in shown]))
    lines.extend(instructions)
    lines.extend(_trend_lines(viewer, recent))
    lines.extend(evidence_lines(viewer, list(photos), place, tz))
    lines.append(fresh_line(viewer, newest, tz))
    return "\n".join(lines)


def _assignment_lines(viewer: Viewer, assigned: list[AssignmentLine]) -> list[str]:
    if not assigned:
        return []
    lines = [viewer.t("card-assignments-header")]
    for line in assigned:
        problem = line.problem
        lines.append(
            viewer.t(
                "card-assignment-line",
                flag=viewer.t("assignment-overdue-flag") if line.overdue else "",
                text=problem.text[:80],
                unit=problem.assigned_unit or "—",
                due=problem.due_date.isoformat() if problem.due_date else "—",
            )
        )
    return lines


def _distance(viewer: Viewer, km: float | None) -> str:
    return "" if km is None else viewer.t("evidence-distance", km=f"{km:.1f}")


def evidence_lines(
    viewer: Viewer, photos: list[PhotoFacts], place: ReportPlace | None, tz: tzinfo
) -> list[str]:
    """Where the reporter was, and each photo's time and place (and suspected reuse)."""
    t = viewer.t
    lines = []
    if place is not None:
        lines.append(
            t(
                "evidence-card-location",
                place=format_place(place.lat, place.lon),
                distance=_distance(viewer, place.distance_km),
            )
        )
    if photos:
        lines.append(t("evidence-card-photos", count=len(photos)))
    for photo in photos:
        if photo.source == PhotoSource.COMPRESSED.value:
            line = t("evidence-photo-compressed")
        else:
            taken = (
                photo.taken_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
                if photo.taken_at
                else t("evidence-no-time")
            )
            where = (
                format_place(photo.lat, photo.lon)
                if photo.lat is not None and photo.lon is not None
                else t("evidence-no-place")
            )
            line = t(
                "evidence-photo-line",
                taken=taken,
                place=where,
                distance=_distance(viewer, photo.distance_km),
            )
        if photo.duplicate_period:
            line += " " + t("evidence-duplicate", period=photo.duplicate_period)
        lines.append(line)
    return lines


def _problem_lines(viewer: Viewer, problems: list[Problem]) -> list[str]:
    if not problems:
        return []
    lines = [viewer.t("status-card-problems", count=len(problems))]
    for problem in problems:
        assigned = ""
        if problem.assigned_unit and problem.due_date:
            assigned = viewer.t(
                "status-card-assigned", unit=problem.assigned_unit, due=problem.due_date.isoformat()
            )
        lines.append(viewer.t("status-card-problem", text=problem.text[:80], assigned=assigned))
    return lines


def _trend_lines(viewer: Viewer, recent: list[ProgressReport]) -> list[str]:
    if not recent:
        return []
    lines = [viewer.t("status-card-trend")]
    for report in recent:
        lines.append(
            viewer.t(
                "status-card-trend-line",
                period=period_label(viewer, report.period),
                investment=format_money(report.investment_month),
                stage=stage_label(viewer, report.stage),
                percent=format(report.percent.normalize(), "f"),
            )
        )
    return lines


def park_text(viewer: Viewer, summary: ParkSummary, newest: datetime | None, tz: tzinfo) -> str:
    """A park summary: lights, reports in, investment, the laggards first."""
    t = viewer.t
    counts = summary.counts
    lines = [
        t("park-header", park=summary.name, count=len(summary.rows)),
        t("park-lights", **counts),
        t(
            "park-reported",
            reported=summary.reported,
            count=len(summary.rows),
            percent=str(summary.reported_percent),
        ),
        t(
            "park-investment",
            year=format_money(summary.year_investment),
            percent=str(summary.plan_percent),
        ),
    ]
    laggards = [row for row in summary.rows if row.light.color != "green"][:LAGGARDS]
    if laggards:
        lines.append(t("park-laggards"))
        for row in laggards:
            reason = explain(row.light.reasons[0], t) if row.light.reasons else ""
            lines.append(
                t(
                    "park-laggard-line",
                    dot=dot(viewer, row.light.color),
                    name=row.name,
                    reason=reason,
                )
            )
    lines.append(fresh_line(viewer, newest, tz))
    return "\n".join(lines)


def overview_text(
    viewer: Viewer,
    parks: list[ParkSummary],
    rows: list[ProjectStatus],
    ranking: Ranking,
    period: str,
    newest: datetime | None,
    tz: tzinfo,
) -> str:
    """The city by park, ranked, with totals against the year's targets."""
    t = viewer.t
    if not rows:
        return t("overview-empty")
    lines = [t("overview-header", period=period_label(viewer, period))]
    for rank, park in enumerate(parks, start=1):
        counts = park.counts
        lines.append(
            t(
                "overview-line",
                rank=rank,
                park=park.name,
                count=len(park.rows),
                reported=str(park.reported_percent),
                invest=str(park.plan_percent),
                **counts,
            )
        )
    total = ParkSummary(None, "", rows)
    lines.append(
        t("overview-total", count=len(rows), reported=str(total.reported_percent), **total.counts)
    )
    target = (total.year_investment * 100 / Decimal(6_000_000)).quantize(Decimal("0.1"))
    lines.append(
        t(
            "overview-investment",
            year=format_yi(total.year_investment),
            invest=str(total.plan_percent),
            target=str(target),
        )
    )
    lines.extend(ranking_lines(viewer, ranking))
    lines.append(fresh_line(viewer, newest, tz))
    return "\n".join(lines)


def ranking_lines(viewer: Viewer, ranking: Ranking) -> list[str]:
    """十快十慢 with its rule stated, so a published ranking says how it was made."""
    if not ranking.fast or ranking.evaluation_period is None:
        return []
    t = viewer.t

    def names(rows: list[ProjectStatus]) -> str:
        return _listed(
            viewer,
            (t("overview-rank-item", name=row.name, percent=str(row.plan_percent)) for row in rows),
        )

    lines = [
        t("overview-fast", names=names(ranking.fast)),
        t("overview-slow", names=names(ranking.slow)),
        t(
            "overview-rank-rule",
            period=period_label(viewer, ranking.evaluation_period),
            expected=str(ranking.fast[0].expected_percent),
        ),
    ]
    if ranking.halves:
        lines.append(t("overview-rank-halves", count=ranking.ranked))
    return lines


def missing_text(viewer: Viewer, missing: list[tuple[str, str, list[str]]], period: str) -> str:
    """Who has not reported, by park."""
    label = period_label(viewer, period)
    if not missing:
        return viewer.t("missing-none", period=label)
    lines = [viewer.t("missing-header", period=label, count=len(missing))]
    by_park: dict[str, list[str]] = {}
    for park, project, liaisons in missing:
        by_park.setdefault(park, []).append(
            viewer.t("missing-item", project=project, liaisons=_listed(viewer, liaisons) or "—")
        )
    for park, items in by_park.items():
        lines.append(viewer.t("missing-park", park=park, items=_listed(viewer, items)))
    return "\n".join(lines)


def _listed(viewer: Viewer, items: Iterable[object]) -> str:
    """Items joined the viewer's language's way."""
    return format_list(viewer.catalogue, viewer.language, items)
