"""/chart and /export: a PNG chart of a project or park, and the XLSX ledger (台账)."""

import asyncio
import io
from datetime import date

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import status
from bot.parsing import ParseError, next_period, parse_period, period_bounds, previous_period
from bot.status import Asked
from handlers.context import ParkContext, callback_id
from handlers.help import render_help
from handlers.report.questions import period_label
from handlers.status import asked, clip
from handlers.status_render import fresh_line
from handlers.viewer import Viewer, identify
from models import Park, Project

PARK_MONTHS = 6


def _project_png(
    context: ParkContext, session: object, viewer: Viewer, project_id: int
) -> bytes | None:
    from bot import charts  # matplotlib costs ~0.5 s to import: only when a chart is asked

    question = asked(context, viewer)
    row = status.project_status(session, question, project_id)
    if row is None:
        return None
    points = [
        charts.ChartPoint(period, done, row.annual_plan * int(period[5:]) / 12, stage)
        for period, done, stage in status.year_points(session, project_id, question.period)
    ]
    title = viewer.t("chart-project-title", name=row.name)
    return charts.project_chart(
        points, title=title, labels=charts.chart_labels(viewer.catalogue, viewer.language)
    )


def _park_png(context: ParkContext, session: object, viewer: Viewer, park_id: int) -> bytes | None:
    from bot import charts  # matplotlib costs ~0.5 s to import: only when a chart is asked

    park = session.get(Park, park_id)
    question = asked(context, viewer)
    if park is None or not status.statuses(session, question, park_id=park_id):
        return None
    series, period = [], question.period
    for _ in range(PARK_MONTHS):
        month_end = min(period_bounds(period)[1], question.today)
        past = Asked(question.person, month_end, question.tz, question.policy)
        counts = {"green": 0, "yellow": 0, "red": 0}
        for row in status.statuses(session, past, Project.park_id == park_id):
            counts[row.light.color] += 1
        series.append(charts.LightCount(period, **counts))
        period = previous_period(period)
    title = viewer.t("chart-park-title", name=park.name)
    return charts.park_chart(
        list(reversed(series)),
        title=title,
        labels=charts.chart_labels(viewer.catalogue, viewer.language),
    )


async def chart_command(update: Update, context: ParkContext) -> None:
    """/chart [project|park]: the chart of the single match."""
    text = " ".join(context.args or []).strip()
    services = context.services
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        png, reply = None, None
        if viewer.person is None:
            reply = render_help(viewer)
        elif not text:
            reply = viewer.t("chart-ask")
        else:
            found = status.search(session, viewer.person, text)
            if found.projects:
                png = _project_png(context, session, viewer, found.projects[0][0])
            elif found.parks:
                png = _park_png(context, session, viewer, found.parks[0][0])
            reply = None if png else viewer.t("status-no-match", text=text[:50])
    await _send_png(update, png, reply)


async def chart_button(update: Update, context: ParkContext) -> None:
    """The chart button under a card or park summary."""
    data = update.callback_query.data.removeprefix("ch:")
    services = context.services
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        target = callback_id(data[1:])
        png = None
        if viewer.person is not None:
            maker = _project_png if data.startswith("p") else _park_png
            png = maker(context, session, viewer, target)
    if png is None:
        await update.callback_query.answer(viewer.t("callback-closed"))
        return
    await update.callback_query.answer()
    await _send_png(update, png, None)


async def _send_png(update: Update, png: bytes | None, reply: str | None) -> None:
    if png is None:
        await update.effective_message.reply_text(reply or "")
        return
    await update.effective_message.reply_photo(photo=io.BytesIO(png))


def may_export(viewer: Viewer) -> bool:
    """Admins and city-level leaders get the ledger."""
    return viewer.person is not None and viewer.person.sees_whole_city


async def export_command(update: Update, context: ParkContext) -> None:
    """/export [period]: the XLSX ledger of every project in scope for the period."""
    services = context.services
    text = " ".join(context.args or []).strip()
    with services.db.scope() as session:
        viewer = identify(session, services, update.effective_user)
        if not may_export(viewer):
            reply = viewer.t("export-not-allowed") if viewer.person else render_help(viewer)
            await update.effective_message.reply_text(reply)
            return
        today = services.now().date()
        try:
            period = parse_period(text, today=today) if text else asked(context, viewer).period
            question = ledger_question(context, viewer, period, today)  # 9999-12 has no next
        except ParseError as error:
            await update.effective_message.reply_text(viewer.t(error.message_key, **error.params))
            return
        rows = status.ledger_rows(session, question, period)
        newest = status.freshness(session, question)
    from bot import export  # openpyxl is only needed here

    buffer = io.BytesIO()
    # openpyxl is CPU-bound: write off the event loop so other chats keep being answered.
    await asyncio.to_thread(
        export.write_ledger,
        buffer,
        rows=rows,
        period=period,
        as_of=newest or services.now(),
        language=viewer.language,
        catalogue=services.catalogue,
        tz=services.settings.tz,
    )
    caption = viewer.t(
        "export-caption",
        period=period_label(viewer, period),
        count=len(rows),
        fresh=fresh_line(viewer, newest, services.settings.tz),
    )
    await update.effective_message.reply_document(
        document=buffer.getvalue(), filename=f"parkbot-{period}.xlsx", caption=clip(caption)
    )


def ledger_question(context: ParkContext, viewer: Viewer, period: str, today: date) -> Asked:
    """Lights as they stood at the end of a past period, or today for the current one."""
    current = asked(context, viewer)
    if next_period(period) <= current.period:
        current.today = min(period_bounds(period)[1], today)
    return current


def handlers() -> list:
    """The chart and export handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("chart", chart_command, filters=private),
        CommandHandler("export", export_command, filters=private),
        CallbackQueryHandler(chart_button, pattern="^ch:"),
    ]
