"""Publishes the Telegram command menu: per language for strangers, per chat for members."""

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.commands import commands_for
from bot.i18n import LANGUAGES, Catalogue
from models import Person

# Telegram takes two-letter ISO 639-1 codes for the menu's language.
MENU_LANGUAGE_CODES = {"zh_CN": "zh", "en": "en"}


def menu(catalogue: Catalogue, language: str, person: Person | None) -> list[BotCommand]:
    """The menu entries this person sees, in their language."""
    return [
        BotCommand(command.name, catalogue.text(language, command.description_key))
        for command in commands_for(person)
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
    bot: Bot, catalogue: Catalogue, *, chat_id: int, person: Person, language: str
) -> None:
    """Sets the menu of a member's private chat to their role's commands."""
    await bot.set_my_commands(menu(catalogue, language, person), scope=BotCommandScopeChat(chat_id))
