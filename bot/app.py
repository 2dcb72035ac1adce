"""The composition root: builds python-telegram-bot's Application and wires handlers and jobs.

The one module that imports handlers/ and schedules/ together (with bot/main.py, which calls
it for `parkbot run`); nothing imports it back.
"""

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

from bot.services import Services
from bot.telegram.broadcast_progress import report_progress
from bot.telegram.context import SENDER_KEY, SERVICES_KEY, ParkContext
from bot.telegram.http import bot_api_request
from bot.telegram.limits import SendLimiter, SharedChatLimits
from bot.telegram.persistence import DatabasePersistence
from bot.telegram.sender import OutboxSender
from bot.telegram.updates import PerPersonUpdates
from handlers import (
    assess,
    board,
    broadcast,
    chart_export,
    errors,
    escalations,
    fallback,
    flood,
    help,
    language,
    meetings,
    minutes,
    objections,
    onboarding,
    pairing,
    problems,
    values,
)
from handlers.menu import schedule_default_menus
from handlers.report import flow as report
from handlers.status import commands as status
from schedules import assessment, broadcast_status, drafts, jobs, warmup
from schedules import burden as burden_digest
from schedules import escalations as escalation_jobs
from schedules import pack as pack_notices

TELEGRAM_OVERALL_PER_S = 30
LOCAL_OVERALL_PER_S = 1000


def build_application(services: Services) -> Application:
    """An Application talking to the Bot API endpoint the settings name."""
    settings = services.settings
    # Telegram's 30 messages a second bot-wide is Telegram's limit, not the local messenger's:
    # there only the per-chat limits stay (nobody is sent more than a person can read).
    overall = LOCAL_OVERALL_PER_S if settings.uses_local_messenger() else TELEGRAM_OVERALL_PER_S
    sender = OutboxSender(
        services,
        # Runs only once the Application below exists.
        on_progress=lambda ids: report_progress(application, ids),
        limiter=SendLimiter(overall_per_s=overall),
        max_in_flight=settings.outbox_max_in_flight,
    )
    application = (
        ApplicationBuilder()
        .token(settings.bot_token())
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .request(bot_api_request(256))
        .get_updates_request(bot_api_request(1))
        .context_types(ContextTypes(context=ParkContext))
        # The admin wizards' steps and answers, in the database (bot/telegram/persistence.py).
        .persistence(DatabasePersistence(services.db))
        .rate_limiter(SharedChatLimits(sender.limiter, max_retries=3, overall_max_rate=overall))
        .concurrent_updates(PerPersonUpdates(settings.concurrent_updates))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[SENDER_KEY] = sender
    wire(application)
    drafts.register(application)
    jobs.register(application)
    warmup.register(application)
    broadcast_status.register(application)
    assessment.register(application)
    pack_notices.register(application)
    burden_digest.register(application)
    escalation_jobs.register(application)
    schedule_default_menus(application)
    return application


def wire(application: Application) -> None:
    """Adds the handlers; order matters: features first, fallbacks last."""
    # Whoever sends faster than a person is stopped before anything else looks at it.
    application.add_handler(flood.handler(), group=-2)
    # Project data is shown in private chats only: buttons pressed in groups stop here; and
    # edited messages are answered and stop here, so no command or wizard step acts on one.
    application.add_handler(TypeHandler(Update, fallback.before_features), group=-1)
    # The admin wizards come before the report form, so that while one is open its text
    # answers reach it rather than the form.
    for feature in (
        onboarding,
        help,
        language,
        meetings,
        minutes,
        broadcast,
        objections,
        escalations,
        problems,
        values,
        pairing,
        status,
        chart_export,
        board,
        assess,
        report,
    ):
        application.add_handlers(feature.handlers())
    # The report form's message handler takes every private non-command message and hands
    # what is not a form answer to the fallback; the fallbacks below answer what is left:
    # unknown commands, group commands and stale buttons.
    application.add_handlers(fallback.handlers())
    application.add_error_handler(errors.on_error)


async def _post_init(application: Application) -> None:
    await application.bot_data[SENDER_KEY].start()


async def _post_shutdown(application: Application) -> None:
    await application.bot_data[SENDER_KEY].stop()
