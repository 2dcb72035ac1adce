"""The report form in chat: /report, its buttons, typed answers, photos and /cancel.

Each update runs one transaction over the person's draft row, then shows the next question.
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session
from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.people.access import can_report
from bot.people.accounts import Notices
from bot.reporting import drafts, evidence, form, media, photo_step, queries
from bot.reporting.answers import plain, read
from bot.reporting.notices import notify_duplicates, notify_leader
from bot.reporting.reports import find_reportable, own_projects
from bot.reporting.steps import FormRefused, Step
from bot.services import Services
from bot.status.compute import Asked
from bot.status.queries import project_status
from bot.status.types import Light
from bot.telegram.context import ParkContext, callback_id
from handlers.help import render_help
from handlers.report.callbacks import PREFIX, START_PREFIX, FormButton, decode, decode_start
from handlers.report.photos import TooLarge, download, image_of, is_file
from handlers.report.questions import stage_label
from handlers.report.screens import Screen, Turn, render, show
from handlers.report.staging import PendingPhoto, _reserve, _store_photo, photo_limits
from handlers.report.submitted import confirmation
from handlers.request import Request, request
from handlers.status import commands as status
from handlers.viewer import Viewer
from models import Person, Project
from models.draft import DraftStatus
from models.report import PhotoSource, Stage

log = logging.getLogger(__name__)

# -- entry points ----------------------------------------------------------------------------


async def report_command(update: Update, context: ParkContext) -> None:
    """Opens the form (or resumes the open one); `/report 名称` picks a project by name."""
    text = " ".join(context.args or []).strip()
    with request(update, context) as req:
        screen = _open(req, update, text=text)
    await show(update, context, screen)


async def report_button(update: Update, context: ParkContext) -> None:
    """The 'file a report' button of a reminder or greeting: opens the form for that project."""
    project_id = decode_start(update.callback_query.data)
    with request(update, context) as req:
        screen = _open(req, update, project_id=project_id)
    await show(update, context, screen, edit=False)


def _open(req: Request, update: Update, *, text: str = "", project_id: int | None = None) -> Screen:
    person, now = req.person, req.now
    if person is None:
        return Screen([render_help(req.viewer)])
    notices = []
    draft = req.draft
    if draft is not None and drafts.is_expired(draft, now, _ttl(req.services)):
        drafts.close(req.session, draft, DraftStatus.EXPIRED, now)
        notices.append(req.t("report-expired", hours=req.services.settings.draft_ttl_hours))
        draft = None
    if draft is not None and not text and project_id is None:
        return Turn.of(req, draft).screen(req.t("report-resume"))
    choices = _choices(req.session, person, text, project_id)
    if not choices:
        notices.append(_no_choice(req.viewer, person, text, project_id))
        return Screen(notices)
    draft = form.start(
        req.session,
        person=person,
        chat_id=update.effective_chat.id,
        now=now,
        choices=choices,
        previous=draft,
    )
    return Turn.of(req, draft).screen(*notices)


def _choices(session: Session, person: Person, text: str, project_id: int | None) -> list[Project]:
    if project_id is not None:
        # A button names a project: only its liaisons (and admins) may open its form.
        project = queries.project(session=session, project_id=project_id)
        usable = project is not None and project.active
        return [project] if usable and can_report(session, person, project_id) else []
    return find_reportable(session, person, text) if text else own_projects(session, person)


def _no_choice(viewer: Viewer, person: Person, text: str, project_id: int | None) -> str:
    if text or project_id is not None:
        return viewer.t("report-no-match", text=(text or str(project_id))[:50])
    return viewer.t("report-admin-hint" if person.is_admin else "report-no-projects")


async def cancel_command(update: Update, context: ParkContext) -> None:
    """/cancel: closes the open form, if any."""
    with request(update, context) as req:
        draft = req.draft if req.person else None
        if draft is not None:
            drafts.close(req.session, draft, DraftStatus.CANCELLED, req.now)
        text = req.t("report-cancelled" if draft is not None else "cancel-nothing")
    await update.effective_message.reply_text(text)


# -- buttons -----------------------------------------------------------------------------------


async def form_button(update: Update, context: ParkContext) -> None:
    """A button of the form: validated against the open draft, applied, next question shown."""
    button = decode(update.callback_query.data)
    with request(update, context) as req:
        screen = _press(req, update, button)
    await show(update, context, screen, edit=True)


def _press(req: Request, update: Update, button: FormButton | None) -> Screen:
    turn = _turn(req, update)
    if turn is None:
        return Screen(toast=req.t("report-form-closed"))
    if isinstance(turn, Screen):
        return turn
    draft = turn.draft
    drafts.mark_input(draft, update.update_id)
    if button is not None and button.draft_id == draft.id and button.step != draft.step:
        return Screen(toast=turn.viewer.t("report-button-stale"))  # the form is still open
    if button is None or button.draft_id != draft.id:
        return Screen(toast=turn.viewer.t("report-form-closed"))
    action = BUTTON_ACTIONS.get(button.action)
    # Only a button the current question shows is applied: a forged one (an action of another
    # step, an argument never offered) would reach answers the draft does not have yet.
    if action is None or update.callback_query.data not in offered(turn):
        return Screen(toast=turn.viewer.t("report-button-stale"))
    try:
        return action(turn, button.argument)
    except FormRefused as refusal:
        return turn.screen(toast=req.refusal(refusal))


def offered(turn: Turn) -> set[str]:
    """The callback data of every button the draft's current question shows."""
    keyboard = render(turn.session, turn.viewer, turn.draft).keyboard
    rows = keyboard.inline_keyboard if keyboard is not None else ()
    return {button.callback_data for row in rows for button in row if button.callback_data}


def _turn(req: Request, update: Update) -> "Turn | Screen | None":
    """The open form of the person behind the update.

    None when there is none; a final Screen when it just expired or when this update was
    already applied (redelivered after a crash: the current question is shown again).
    """
    draft = req.draft if req.person else None
    if draft is None:
        return None
    now = req.now
    if drafts.is_expired(draft, now, _ttl(req.services)):
        drafts.close(req.session, draft, DraftStatus.EXPIRED, now)
        text = req.t("report-expired", hours=req.services.settings.draft_ttl_hours)
        return Screen([text], toast=text)
    turn = Turn.of(req, draft)
    if drafts.is_replay(draft, update.update_id, now):
        return turn.screen()
    return turn


def _same(turn: Turn, _: str) -> Screen:
    prefill = read(turn.draft).prefill
    now = turn.now
    match Step(turn.draft.step):
        case Step.INVESTMENT:
            form.answer_investment(turn.session, turn.draft, plain(prefill.investment_month), now)
        case Step.PERCENT:
            form.answer_percent(turn.draft, plain(prefill.percent), now)
        case Step.PROGRESS:
            form.answer_progress(turn.draft, prefill.progress, now)
        case Step.PROBLEMS:
            form.answer_problems(turn.draft, prefill.problems, now)
    return turn.screen()


def _confirm(turn: Turn, _: str) -> Screen:
    now = turn.now
    if Step(turn.draft.step) is Step.STAGE_CONFIRM:
        form.confirm_stage(turn.draft, now)
    else:
        form.confirm_percent(turn.draft, now)
    return turn.screen()


def _cancel(turn: Turn, _: str) -> Screen:
    drafts.close(turn.session, turn.draft, DraftStatus.CANCELLED, turn.now)
    return turn.screen(turn.viewer.t("report-cancelled"))


def _submit(turn: Turn, _: str) -> Screen:
    now = turn.now
    submitted = form.submit(turn.session, turn.draft, person=turn.person, now=now)
    # The light by the full rule, the report just written included (flushed, same transaction).
    found = project_status(turn.session, Asked.at(turn.person, turn.services), submitted.project.id)
    light = found.light if found is not None else Light("green")
    screen = turn.screen(*confirmation(turn.viewer, submitted, light))
    notices = Notices(turn.services.catalogue, turn.services.settings.language)
    told = notify_leader(
        turn.session, submitted=submitted, reporter=turn.person, notices=notices, now=now
    )
    reused = notify_duplicates(
        turn.session, submitted=submitted, reporter=turn.person, notices=notices, now=now
    )
    screen.wake_sender = told or reused
    return screen


def _step(apply: Callable[[Turn, str], None]) -> Callable[[Turn, str], Screen]:
    def action(turn: Turn, argument: str) -> Screen:
        apply(turn, argument)
        return turn.screen()

    return action


def _now(turn: Turn) -> datetime:
    return turn.now


BUTTON_ACTIONS: dict[str, Callable[[Turn, str], Screen]] = {
    "project": _step(
        lambda t, arg: form.choose_project(
            t.session, t.draft, person=t.person, project_id=callback_id(arg), now=_now(t)
        )
    ),
    "period": _step(lambda t, arg: form.choose_period(t.session, t.draft, period=arg, now=_now(t))),
    "revise": _step(lambda t, _: form.confirm_revision(t.draft, _now(t))),
    "copy": _step(lambda t, _: form.copy_previous(t.session, t.draft, _now(t))),
    "zero": _step(lambda t, _: form.answer_investment(t.session, t.draft, "0", _now(t))),
    "stage": _step(lambda t, arg: form.answer_stage(t.draft, arg, _now(t))),
    "none": _step(lambda t, _: form.answer_problems(t.draft, None, _now(t))),
    "done": _step(lambda t, _: photo_step.finish_photos(t.draft, _now(t))),
    "back": _step(lambda t, _: form.back(t.draft, _now(t))),
    "edit": _step(lambda t, arg: form.edit(t.draft, arg, _now(t))),
    "same": _same,
    "confirm": _confirm,
    "cancel": _cancel,
    "submit": _submit,
}


# -- typed answers and photos --------------------------------------------------------------


async def form_message(update: Update, context: ParkContext) -> None:
    """Any message in a private chat: an answer to the open form, else the fallback."""
    message = update.effective_message
    image = image_of(message)
    pending: PendingPhoto | None = None
    screen: Screen | None = None
    with request(update, context) as req:
        turn = _turn(req, update)
        if turn is None and message.location is not None and req.person is not None:
            screen = Screen([req.t("evidence-location-no-form")])  # kept only with a report
        elif turn is None or isinstance(turn, Screen):
            screen = turn  # None: no open form, so the message is not for the form
        elif message.location is not None:
            drafts.mark_input(turn.draft, update.update_id)
            screen = _locate(turn, message.location.latitude, message.location.longitude)
        elif Step(turn.draft.step) is Step.PHOTOS and image is not None:
            # The input is marked once the photo is stored, after the download.
            pending, screen = _reserve(turn, image)
        else:
            drafts.mark_input(turn.draft, update.update_id)
            screen = _answer(turn, message)
    if pending is not None:
        screen = await _attach_photo(update, context, pending)
    if screen is None:
        await status.free_text(update, context)  # no open form: a search, or the fallback
        return
    await show(update, context, screen)


def _answer(turn: Turn, message: Message) -> Screen:
    step = Step(turn.draft.step)
    typed = form.QUESTION[step].text
    text = message.text
    now = turn.now
    t = turn.viewer.t
    try:
        if text is not None and typed is not None:
            typed(turn.session, turn.draft, text, now)
        elif text is not None and step is Step.STAGE and (stage := _stage_named(turn, text)):
            form.answer_stage(turn.draft, stage, now)
        elif step is Step.PHOTOS:
            key = "report-photo-not-image" if is_file(message) else "report-hint-photo"
            return turn.screen(t(key))
        elif typed is not None:
            return turn.screen(t("report-hint-text"))
        else:
            return turn.screen(t("report-hint-button"))
    except FormRefused as refusal:
        notices = [turn.refusal(refusal)]
        if refusal.key == "report-progress-too-long":
            notices.append(read(turn.draft).progress_overlong)
        return turn.screen(*notices)
    return turn.screen()


def _locate(turn: Turn, lat: float, lon: float) -> Screen:
    """A location (or the start of a live location) shared at any step of the form."""
    try:
        evidence.share_location(turn.draft, lat, lon, turn.now)
    except FormRefused as refusal:
        return turn.screen(turn.refusal(refusal))
    return turn.screen(turn.viewer.t("evidence-location-saved", place=evidence.place(lat, lon)))


def _stage_named(turn: Turn, text: str) -> str | None:
    typed = text.strip()
    for stage in Stage:
        if typed == stage_label(turn.viewer, stage.value) or typed == stage.value:
            return stage.value
    return None


async def _attach_photo(update: Update, context: ParkContext, pending: PendingPhoto) -> Screen:
    """Downloads outside the transaction, then stores the photo on the still-open draft.

    A downloaded file the draft does not take (closed meanwhile, or over a limit) is deleted.
    """
    image = pending.image
    limits = photo_limits(context.services)
    try:
        local_path = await download(
            update.effective_message, image, pending.folder, limits.max_bytes
        )
    except TooLarge as too_large:
        local_path, image = None, {**image, "size": too_large.size}
    photo = {
        "file_id": image["file_id"],
        "file_unique_id": image["file_unique_id"],
        "local_path": local_path,
        "size": image.get("size"),
        "source": image.get("source", PhotoSource.COMPRESSED.value),
    }
    refused: FormRefused | None = None
    if local_path is not None:
        try:
            # Hashing decodes the image: off the event loop, like the download before it.
            found = await asyncio.to_thread(
                evidence.inspect_file,
                local_path,
                source=PhotoSource(photo["source"]),
                tz=context.services.settings.tz,
            )
            photo.update(found.fields())
        except FormRefused as refusal:
            refused = refusal
        except OSError:  # the file went meanwhile: kept by its ids, as a failed download is
            log.warning("could not read photo %s", photo["file_unique_id"], exc_info=True)
            photo["local_path"] = None
    # The update's second unit of work: the first ended before the download.
    with request(update, context) as req:
        turn = _turn(req, update)
        if refused is not None:
            # Not an image by its content: the file goes, the form keeps nothing of it.
            media.discard(req.session, media.photo_paths([photo]))
            if turn is None or isinstance(turn, Screen):
                return turn or Screen([req.t("report-form-closed")])
            drafts.mark_input(turn.draft, update.update_id)
            return turn.screen(req.refusal(refused))
        outcome = _store_photo(req, update, turn, pending, photo, limits)
        if isinstance(outcome, Screen):
            media.discard(req.session, media.photo_paths([photo]))
            return outcome
        return outcome.screen()


def _ttl(services: Services) -> timedelta:
    return timedelta(hours=services.settings.draft_ttl_hours)


def handlers() -> list:
    """The report form's handlers; its message handler also routes stray private messages."""
    private = filters.ChatType.PRIVATE
    answers = private & ~filters.COMMAND & ~filters.UpdateType.EDITED & ~filters.CONTACT
    return [
        CommandHandler("report", report_command, filters=private),
        CommandHandler("cancel", cancel_command, filters=private),
        CallbackQueryHandler(form_button, pattern=f"^{PREFIX}:"),
        CallbackQueryHandler(report_button, pattern=f"^{START_PREFIX}"),
        MessageHandler(answers, form_message),
    ]
