"""Texts of the service log's summary and of the per-leader view (/pairing)."""

from decimal import Decimal

from bot import text_limits
from bot.pairing.view import LeaderPairing
from handlers.viewer import Viewer


def render_summary(viewer: Viewer, answers: dict) -> str:
    """The service as it will be stored, before submit."""
    problem = answers.get("problem") or viewer.t("service-summary-no-problem")
    return viewer.t(
        "service-summary",
        enterprise=answers["enterprise"],
        leader=answers["leader"],
        date=answers["date"],
        asked=answers["asked"],
        done=answers["done"],
        status=viewer.t(f"service-status-{answers['status']}"),
        problem=problem,
    )


def render_pairings(viewer: Viewer, rows: list[LeaderPairing], quarter: str) -> str:
    """One block per leader: the 10亿 project's light and progress, services, problems."""
    if not rows:
        return viewer.t("pairing-none")
    lines = [viewer.t("pairing-header", quarter=quarter, count=len(rows))]
    for row in rows:
        lines.append(
            viewer.t(
                "pairing-leader",
                leader=row.leader,
                project=row.project or viewer.t("pairing-no-project"),
                light=viewer.t(f"pairing-light-{row.light or 'none'}"),
                plan=_percent(row.plan_percent),
                physical=_percent(row.physical_percent),
                solved=row.solved,
                open=row.open,
            )
        )
        for enterprise in row.enterprises:
            lines.append(
                viewer.t(
                    "pairing-enterprise",
                    kind=viewer.t(f"pairing-kind-{enterprise.kind}"),
                    name=enterprise.name,
                    services=enterprise.services,
                )
            )
    return text_limits.clip("\n".join(lines), text_limits.MESSAGE_LIMIT)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(Decimal('0.1')).normalize():f}%"
