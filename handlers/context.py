"""The callback context every handler receives, with parkbot's services attached."""

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services

SERVICES_KEY = "services"


class ParkContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to parkbot's services."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """The services built by the entry point."""
        return self.application.bot_data[SERVICES_KEY]
