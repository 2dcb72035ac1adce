"""What a messenger app does for its user: send text, share a contact, send a photo, press a button.

The web chat (bot/web/chat) and the tests' scripted users (tests/emulator/users.py) both act
through this, so the bot receives from a browser exactly the updates a Telegram app sends.
"""

from __future__ import annotations

import copy
from typing import Any

from bot.messenger.api import document_object, photo_sizes
from bot.messenger.state import ApiError, ChatState, Message, MessengerState, api_view


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram marks on a leading /command, if there is one."""
    if not text.startswith("/") or len(text) < 2:
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


class ChatClient:
    """One user's side of the messenger: every action becomes the update Telegram would send."""

    def __init__(self, state: MessengerState, user: dict[str, Any]) -> None:
        self.state = state
        self.user = user
        self.id: int = user["id"]

    def chat(self, chat_id: int | None = None) -> ChatState:
        """The user's private chat with the bot, or another chat they are in."""
        return self.state.chat(self.id if chat_id is None else chat_id)

    def send(self, chat: ChatState, kind: str = "message", **fields: Any) -> Message:
        """Post a message from the user and queue its update; returns a copy."""
        with self.state.cond:
            message = self.state.new_message(chat, self.user, **fields)
            self.state.push_update(kind, api_view(message))
            return copy.deepcopy(message)

    def send_text(self, text: str, chat_id: int | None = None) -> Message:
        """Send text; a leading /command is marked as Telegram marks it."""
        fields: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            fields["entities"] = entities
        return self.send(self.chat(chat_id), **fields)

    def send_contact(self, phone: str, chat_id: int | None = None) -> Message:
        """Share the user's own contact (the share-phone button)."""
        contact = {
            "phone_number": phone,
            "first_name": self.user["first_name"],
            "user_id": self.id,
        }
        return self.send(self.chat(chat_id), contact=contact)

    def send_photo(
        self,
        data: bytes,
        caption: str | None = None,
        chat_id: int | None = None,
        mime_type: str = "image/jpeg",
    ) -> Message:
        """Send a photo; its sizes' file_ids serve the bytes."""
        record = self.state.add_file(data, "photos", ".jpg", mime_type)
        fields: dict[str, Any] = {"photo": photo_sizes(self.state, record)}
        if caption:
            fields["caption"] = caption
        return self.send(self.chat(chat_id), **fields)

    def send_document(
        self,
        data: bytes,
        file_name: str,
        mime_type: str,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> Message:
        """Send a file as it is (a photo sent this way keeps its EXIF time and place)."""
        ext = file_name[file_name.rfind(".") :] if "." in file_name else ""
        record = self.state.add_file(data, "documents", ext, mime_type, file_name)
        fields: dict[str, Any] = {"document": document_object(record)}
        if caption:
            fields["caption"] = caption
        return self.send(self.chat(chat_id), **fields)

    def send_location(
        self, latitude: float, longitude: float, chat_id: int | None = None
    ) -> Message:
        """Share a location (the web chat's 📍 button: the browser's geolocation)."""
        location = {"latitude": latitude, "longitude": longitude}
        return self.send(self.chat(chat_id), location=location)

    def press_callback(self, message: Message, callback_data: str) -> dict[str, Any]:
        """Press an inline button of a bot message: queue its callback_query."""
        with self.state.cond:
            query_id = self.state.new_query_id()
            self.state.callback_queries[query_id] = self.id
            query = {
                "id": query_id,
                "from": dict(self.user),
                "message": api_view(message),
                "chat_instance": f"ci{message['chat']['id']}",
                "data": callback_data,
            }
            self.state.push_update("callback_query", query)
            return copy.deepcopy(query)

    def press_inline(self, message_id: int, callback_data: str) -> dict[str, Any]:
        """Press the button with this callback_data on a live bot message of the user's chat."""
        with self.state.cond:
            message = self.chat().find(message_id)
            if message is None or not message["from"].get("is_bot"):
                raise ApiError(400, "Bad Request: message not found")
            buttons = [
                button
                for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                for button in row
            ]
            if not any(b.get("callback_data") == callback_data for b in buttons):
                raise ApiError(400, "Bad Request: no such button")
            return self.press_callback(message, callback_data)
