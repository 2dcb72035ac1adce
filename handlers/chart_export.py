"""/chart and /export: a PNG chart of a project or park, and the XLSX ledger (台账)."""

import asyncio
import io
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import audit, text_limits
from bot.ledger.rules import may_export
from bot.parsing import ParseError, parse_period, previous_period
from bot.people import queries as people
from bot.status import queries as status
from bot.status.compute import freshness
from bot.status.history import as_it_stood, ledger_question
from bot.status.search import Matches, search
from bot.telegram.context import ParkContext, callback_id
from handlers.help import render_help
from handlers.report.questions import period_label
from handlers.request import Request, request
from handlers.status.commands import asked
from handlers.status.render import fresh_line
from models import Project

PARK_MONTHS = 6


@dataclass(frozen=True)
class Chart:
    """A chart's picture and the caption saying what it shows and how fresh its data is."""

    png: bytes
    caption: str


def _project_chart(req: Request, project_id: int) -> Chart | None:
    from bot.charts import (
        render as charts,  # matplotlib costs ~0.5 s to import: only when a chart is asked
    )

    session, viewer = req.session, req.viewer
    question = asked(req)
    row = status.project_status(session, question, project_id)
    if row is None:
        return None
    points = [
        charts.ChartPoint(period, done, row.annual_plan * int(period[5:]) / 12, stage)
        for period, done, stage in status.year_points(session, project_id, question.period)
    ]
    title = viewer.t("chart-project-title", name=row.name)
    png = charts.project_chart(
        points, title=title, labels=charts.chart_labels(viewer.catalogue, viewer.language)
    )
    what = viewer.t(
        "chart-caption-project",
        name=row.name,
        year=question.period[:4],
        period=period_label(viewer, question.period),
    )
    newest = freshness(session, question, Project.id == project_id)
    return Chart(png, _caption(what, fresh_line(viewer, newest, question.tz)))


def _park_chart(req: Request, park_id: int) -> Chart | None:
    from bot.charts import (
        render as charts,  # matplotlib costs ~0.5 s to import: only when a chart is asked
    )

    session, viewer = req.session, req.viewer
    park = people.park(session=session, park_id=park_id)
    question = asked(req)
    if park is None or not status.statuses(session, question, park_id=park_id):
        return None
    series, period = [], question.period
    for _ in range(PARK_MONTHS):
        past = as_it_stood(asked=question, period=period)
        counts = {"green": 0, "yellow": 0, "red": 0}
        for row in status.statuses(session, past, Project.park_id == park_id):
            counts[row.light.color] += 1
        series.append(charts.LightCount(period, **counts))
        period = previous_period(period)
    series.reverse()
    title = viewer.t("chart-park-title", name=park.name)
    png = charts.park_chart(
        series, title=title, labels=charts.chart_labels(viewer.catalogue, viewer.language)
    )
    what = viewer.t(
        "chart-caption-park",
        name=park.name,
        first=period_label(viewer, series[0].period),
        last=period_label(viewer, series[-1].period),
    )
    newest = freshness(session, question, Project.park_id == park_id)
    return Chart(png, _caption(what, fresh_line(viewer, newest, question.tz)))


def _caption(what: str, fresh: str) -> str:
    """What the chart shows, then its freshness, within Telegram's 1,024 caption characters."""
    room = text_limits.CAPTION_LIMIT - text_limits.units(fresh) - 1
    return f"{text_limits.clip(what, room)}\n{fresh}"


async def chart_command(update: Update, context: ParkContext) -> None:
    """/chart [project|park]: the chart of the best match, or the matches to pick from."""
    text = " ".join(context.args or []).strip()
    with request(update, context) as req:
        viewer = req.viewer
        chart, reply, markup = None, None, None
        if viewer.person is None:
            reply = render_help(viewer)
        elif not text:
            reply = viewer.t("chart-ask")
        else:
            found = search(req.session, viewer.person, text)
            if len(found.ranked) == 1:
                [(kind, target, _)] = found.ranked
                maker = _project_chart if kind == "project" else _park_chart
                chart = maker(req, target)
            elif found.ranked:
                # Several names match: the person picks; each button draws its chart.
                reply, markup = viewer.t("status-choose"), _chart_choices(found)
            if chart is None and reply is None:
                reply = viewer.t("status-no-match", text=text[:50])
    await _send_chart(update, chart, reply, markup)


def _chart_choices(found: Matches) -> InlineKeyboardMarkup:
    prefix = {"project": "p", "park": "k"}
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(name, callback_data=f"ch:{prefix[kind]}{target}")]
            for kind, target, name in found.ranked
        ]
    )


async def chart_button(update: Update, context: ParkContext) -> None:
    """The chart button under a card or park summary, or a /chart choice."""
    data = update.callback_query.data.removeprefix("ch:")
    with request(update, context) as req:
        viewer = req.viewer
        target = callback_id(data[1:])
        chart = None
        if viewer.person is not None:
            maker = _project_chart if data.startswith("p") else _park_chart
            chart = maker(req, target)
    if chart is None:
        await update.callback_query.answer(viewer.t("callback-closed"))
        return
    await update.callback_query.answer()
    await _send_chart(update, chart, None)


async def _send_chart(
    update: Update,
    chart: Chart | None,
    reply: str | None,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    if chart is None:
        await update.effective_message.reply_text(reply or "", reply_markup=markup)
        return
    await update.effective_message.reply_photo(photo=io.BytesIO(chart.png), caption=chart.caption)


async def export_command(update: Update, context: ParkContext) -> None:
    """/export [period]: the XLSX ledger of every project in scope for the period."""
    services = context.services
    text = " ".join(context.args or []).strip()
    refusal: str | None = None
    with request(update, context) as req:
        session, viewer = req.session, req.viewer
        if not may_export(person=viewer.person):
            refusal = viewer.t("export-not-allowed") if viewer.person else render_help(viewer)
        else:
            current = asked(req)
            try:
                period = parse_period(text, today=req.now.date()) if text else current.period
                question = ledger_question(asked=current, period=period)  # 9999-12 has no next
            except ParseError as error:
                refusal = viewer.t(error.message_key, **error.params)
        if refusal is None:
            rows = status.ledger_rows(session, question, period)
            newest = freshness(session, question)
            audit.record_export(
                session,
                now=req.now,
                actor=f"telegram:{update.effective_user.id}",
                actor_person_id=viewer.person.id,
                period=period,
                projects=len(rows),
                via="chat",
            )
    # The scope has committed: replies go out without holding the database.
    if refusal is not None:
        await update.effective_message.reply_text(refusal)
        return
    from bot.ledger.content import write_ledger  # XlsxWriter is only needed here

    buffer = io.BytesIO()
    # Writing the workbook is CPU-bound: off the event loop, so other chats keep being answered.
    await asyncio.to_thread(
        write_ledger,
        buffer,
        rows=rows,
        period=period,
        as_of=newest or req.now,
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
        document=buffer.getvalue(),
        filename=f"parkbot-{period}.xlsx",
        caption=text_limits.clip(caption, text_limits.CAPTION_LIMIT),
    )


def handlers() -> list:
    """The chart and export handlers (private chats only)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("chart", chart_command, filters=private),
        CommandHandler("export", export_command, filters=private),
        CallbackQueryHandler(chart_button, pattern="^ch:"),
    ]
