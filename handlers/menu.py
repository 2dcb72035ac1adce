"""Publishes the Telegram command menu: per language for strangers, per chat for members."""

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.commands import commands_for
from bot.i18n import LANGUAGES, Catalogue
from bot.telegram.context import SERVICES_KEY
from models import Person

log = logging.getLogger(__name__)
RETRY_MENUS = 60.0  # seconds
# Telegram takes two-letter ISO 639-1 codes for the menu's language.
MENU_LANGUAGE_CODES = {"zh_CN": "zh", "en": "en"}


def menu(
    catalogue: Catalogue, language: str, person: Person | None, *, reporter: bool = False
) -> list[BotCommand]:
    """The menu entries this person sees, in their language (`reporter`: files park values)."""
    return [
        BotCommand(command.name, catalogue.text(language, command.description_key))
        for command in commands_for(person, reporter=reporter)
    ]


async def publish_default_menus(bot: Bot, catalogue: Catalogue, default_language: str) -> None:
    """Sets the menu strangers see: one per language, and the default one."""
    scope = BotCommandScopeDefault()
    await bot.set_my_commands(menu(catalogue, default_language, None), scope=scope)
    for language in LANGUAGES:
        await bot.set_my_commands(
            menu(catalogue, language, None),
            scope=scope,
            language_code=MENU_LANGUAGE_CODES[language],
        )


async def publish_member_menu(
    bot: Bot,
    catalogue: Catalogue,
    *,
    chat_id: int,
    person: Person,
    language: str,
    reporter: bool = False,
) -> None:
    """Sets the menu of a member's private chat to their role's commands."""
    commands = menu(catalogue, language, person, reporter=reporter)
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))


def schedule_default_menus(application: Application) -> None:
    """Publishes the default menus once polling has started, retrying while that fails.

    Off the start-up path: three setMyCommands round trips need not delay the first poll,
    and a network error here must not keep the bot from starting.
    """
    application.job_queue.run_once(_publish_default_menus, when=0, name="publish-menus")


async def _publish_default_menus(context: ContextTypes.DEFAULT_TYPE) -> None:
    services = context.application.bot_data[SERVICES_KEY]
    try:
        await publish_default_menus(context.bot, services.catalogue, services.settings.language)
    except TelegramError as error:
        log.warning("default menus not published (%s); retrying in %s s", error, RETRY_MENUS)
        context.job_queue.run_once(_publish_default_menus, when=RETRY_MENUS, name="publish-menus")
