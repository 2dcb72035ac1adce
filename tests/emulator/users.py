"""Simulated users and groups: they act from the test thread and read what the bot sent."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

from bot.messenger.api import document_object, photo_sizes
from bot.messenger.client import ChatClient
from bot.messenger.state import ChatState, EmuState, Message, api_view, message_text
from tests.emulator.mini_app import init_data_for, web_app_url

Predicate = Callable[[Message], bool] | str | None


def _as_predicate(predicate: Predicate) -> Callable[[Message], bool]:
    """Accept a callable, a substring of the text/caption, or None (anything)."""
    if predicate is None:
        return lambda _message: True
    if isinstance(predicate, str):
        needle = predicate
        return lambda message: needle in message_text(message)
    return predicate


def button_texts(message: Message) -> list[str]:
    """Return the visible texts of a message's inline or reply keyboard buttons."""
    markup = message.get("reply_markup") or message.get("reply_keyboard") or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [b if isinstance(b, str) else b["text"] for row in rows for b in row]


def describe(message: Message) -> str:
    """Return a one-line summary of a message for assertion errors."""
    kinds = [k for k in ("photo", "document", "sticker", "voice", "contact") if k in message]
    extra = f" buttons={button_texts(message)}" if button_texts(message) else ""
    media = f" [{','.join(kinds)}]" if kinds else ""
    flags = " (deleted)" if message.get("deleted") else ""
    return f"#{message['message_id']}{media} {message_text(message)!r}{extra}{flags}"


class ChatReader:
    """Reads the bot's messages in one chat with this reader's own consumption cursor."""

    def __init__(self, state: EmuState, chat_id: int) -> None:
        self._state = state
        self.chat_id = chat_id
        self._consumed: set[int] = set()
        self._seen_edits: dict[int, int] = {}

    def _chat(self) -> ChatState:
        return self._state.chats[self.chat_id]

    def _unread(self) -> list[Message]:
        return [m for m in self._chat().bot_messages() if m["message_id"] not in self._consumed]

    def messages(self) -> list[Message]:
        """Return copies of all bot messages in the chat (current state, deleted ones flagged)."""
        with self._state.cond:
            return copy.deepcopy(self._chat().bot_messages())

    def last(self) -> Message | None:
        """Return a copy of the newest non-deleted bot message, or None."""
        alive = [m for m in self.messages() if not m.get("deleted")]
        return alive[-1] if alive else None

    def drain(self) -> list[Message]:
        """Mark every bot message as read and return the ones that were unread."""
        with self._state.cond:
            unread = self._unread()
            self._consumed.update(m["message_id"] for m in unread)
            return copy.deepcopy(unread)

    def wait_message(self, predicate: Predicate = None, timeout: float = 5.0) -> Message:
        """Wait for the oldest unread new bot message matching predicate and mark it read."""
        match = _as_predicate(predicate)

        def find() -> Message | None:
            """Return the awaited message once it exists."""
            for message in self._chat().bot_messages():
                if message["message_id"] not in self._consumed and match(message):
                    return message
            return None

        with self._state.cond:
            found = self._state.cond.wait_for(find, timeout)
            if not found:
                raise AssertionError(self._timeout_report("a new bot message", timeout))
            self._consumed.add(found["message_id"])
            return copy.deepcopy(found)

    def wait_edit(
        self, message: Message | int, predicate: Predicate = None, timeout: float = 5.0
    ) -> Message:
        """Wait until a bot message gets a new edit after which it matches predicate."""
        message_id = message if isinstance(message, int) else message["message_id"]
        match = _as_predicate(predicate)

        def find() -> Message | None:
            """Return the awaited message once it exists."""
            current = self._chat().find(message_id)
            seen = self._seen_edits.get(message_id, 0)
            if current is not None and current.get("edits", 0) > seen and match(current):
                return current
            return None

        with self._state.cond:
            found = self._state.cond.wait_for(find, timeout)
            if not found:
                raise AssertionError(self._timeout_report(f"an edit of #{message_id}", timeout))
            self._seen_edits[message_id] = found["edits"]
            return copy.deepcopy(found)

    def expect_silence(self, timeout: float = 0.3) -> None:
        """Assert that no unread bot message arrives within timeout seconds."""
        with self._state.cond:
            unread = self._state.cond.wait_for(self._unread, timeout)
            if unread:
                got = "; ".join(describe(m) for m in unread)
                raise AssertionError(f"chat {self.chat_id}: expected silence, got {got}")

    def _timeout_report(self, what: str, timeout: float) -> str:
        bot = self._chat().bot_messages()
        unread = [describe(m) for m in self._unread()]
        recent = [describe(m) for m in bot[-5:]]
        return (
            f"chat {self.chat_id}: no {what} matching the predicate within {timeout}s; "
            f"unread: {unread or 'none'}; last bot messages: {recent or 'none'}"
        )


class SimGroup(ChatReader):
    """A group chat that users can write into."""

    def __init__(self, state: EmuState, chat: dict[str, Any]) -> None:
        super().__init__(state, chat["id"])
        self.chat = chat
        self.title: str = chat["title"]


class SimUser(ChatReader):
    """A Telegram user chatting with the bot; every method is safe to call from tests."""

    def __init__(
        self, state: EmuState, user: dict[str, Any], phone: str, bot_token: str = ""
    ) -> None:
        super().__init__(state, user["id"])
        self.user = user
        self.bot_token = bot_token  # the emulated bot's: Telegram signs Mini App data with it
        self.id: int = user["id"]
        self.first_name: str = user["first_name"]
        self.phone = phone
        self._answers_read = 0
        self._client = ChatClient(state, user)

    # -- sending -----------------------------------------------------------------------------

    def _target(self, chat: SimGroup | int | None) -> ChatState:
        chat_id = self.id if chat is None else chat if isinstance(chat, int) else chat.chat_id
        return self._state.chat(chat_id)

    def _send(self, chat: SimGroup | int | None, kind: str = "message", **fields: Any) -> Message:
        return self._client.send(self._target(chat), kind, **fields)

    def send_text(self, text: str, chat: SimGroup | int | None = None) -> Message:
        """Send a plain text message."""
        return self._send(chat, text=text)

    def send_command(self, cmd: str, args: str = "", chat: SimGroup | int | None = None) -> Message:
        """Send /cmd [args] with a bot_command entity."""
        command = "/" + cmd.lstrip("/")
        text = f"{command} {args}" if args else command
        entity = {"type": "bot_command", "offset": 0, "length": len(command)}
        return self._send(chat, text=text, entities=[entity])

    def send_contact(
        self,
        phone_number: str | None = None,
        user_id: int | None = None,
        first_name: str | None = None,
        chat: SimGroup | int | None = None,
    ) -> Message:
        """Share a contact; by default the user's own (phone from self.phone)."""
        contact = {
            "phone_number": phone_number or self.phone,
            "first_name": first_name or self.first_name,
            "user_id": self.id if user_id is None else user_id,
        }
        return self._send(chat, contact=contact)

    def send_sticker(self, emoji: str = "👍", chat: SimGroup | int | None = None) -> Message:
        """Send a (fake) sticker."""
        record = self._state.add_file(b"RIFF-fake-webp", "stickers", ".webp", "image/webp")
        sticker = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._send(chat, sticker=sticker)

    def send_voice(
        self, data: bytes = b"OggS-fake", duration: int = 1, chat: SimGroup | int | None = None
    ) -> Message:
        """Send a voice note backed by data."""
        record = self._state.add_file(data, "voice", ".oga", "audio/ogg")
        voice = {**document_object(record), "duration": duration}
        return self._send(chat, voice=voice)

    def send_location(
        self,
        latitude: float,
        longitude: float,
        chat: SimGroup | int | None = None,
        *,
        live_period: int | None = None,
    ) -> Message:
        """Send a location; live_period (seconds) makes it a live location."""
        location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
        if live_period is not None:
            location["live_period"] = live_period
        return self._send(chat, location=location)

    def move_live_location(self, message: Message, latitude: float, longitude: float) -> Message:
        """A live location moving: Telegram sends it as an edited_message."""
        with self._state.cond:
            chat = self._state.chat(message["chat"]["id"])
            stored = chat.find(message["message_id"])
            if stored is None or "live_period" not in stored.get("location", {}):
                raise AssertionError(f"#{message['message_id']} is not a live location")
            stored["location"] = {
                **stored["location"],
                "latitude": latitude,
                "longitude": longitude,
            }
            stored["edit_date"] = int(time.time())
            self._state.touch(chat, stored)
            self._state.push_update("edited_message", api_view(stored))
            return copy.deepcopy(stored)

    def send_photo(
        self,
        data: bytes,
        caption: str | None = None,
        chat: SimGroup | int | None = None,
        *,
        same_as: Message | None = None,
    ) -> Message:
        """Send a photo; its PhotoSize file_ids serve data.

        same_as: send again the photo of that earlier message (the same file ids, as a
        forward of it has); data is ignored then.
        """
        if same_as is not None:
            sizes = copy.deepcopy(same_as["photo"])
        else:
            record = self._state.add_file(data, "photos", ".jpg", "image/jpeg")
            sizes = photo_sizes(self._state, record)
        fields: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        return self._send(chat, **fields)

    def send_document(
        self,
        data: bytes,
        file_name: str = "file.bin",
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat: SimGroup | int | None = None,
        *,
        announce_size: bool = True,
    ) -> Message:
        """Send a document backed by data; announce_size=False leaves out file_size (optional
        in the Bot API, so a client may omit it; getFile still gives it)."""
        ext = file_name[file_name.rfind(".") :] if "." in file_name else ""
        record = self._state.add_file(data, "documents", ext, mime_type, file_name)
        fields: dict[str, Any] = {"document": document_object(record)}
        if not announce_size:
            del fields["document"]["file_size"]
        if caption is not None:
            fields["caption"] = caption
        return self._send(chat, **fields)

    def edit_text(self, message: Message, new_text: str) -> Message:
        """Edit one of the user's own text messages (queues an edited_message update)."""
        with self._state.cond:
            chat = self._state.chat(message["chat"]["id"])
            stored = chat.find(message["message_id"])
            if stored is None or stored["from"]["id"] != self.id:
                raise AssertionError(f"user {self.id} has no message #{message['message_id']}")
            stored.update(text=new_text, edit_date=int(time.time()))
            stored.pop("entities", None)
            if new_text.startswith("/"):  # Telegram marks a leading /command in an edit too
                command = new_text.split(maxsplit=1)[0]
                stored["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            self._state.touch(chat, stored)
            self._state.push_update("edited_message", api_view(stored))
            return copy.deepcopy(stored)

    # -- keyboards ---------------------------------------------------------------------------

    def press(
        self,
        button: str,
        message: Message | None = None,
        chat: SimGroup | int | None = None,
    ) -> dict[str, Any]:
        """Press an inline (text or callback_data) or reply button; return query or message."""
        with self._state.cond:
            target = self._target(chat if message is None else message["chat"]["id"])
            alive = [m for m in reversed(target.bot_messages()) if not m.get("deleted")]
            if message is not None:
                alive = [m for m in alive if m["message_id"] == message["message_id"]]
            inline = next((m for m in alive if m.get("reply_markup")), None)
            if inline is not None and (found := _find_inline(inline, button)) is not None:
                return self._callback(inline, found)
            reply = next((m["reply_keyboard"] for m in alive if "reply_keyboard" in m), {})
            for row in reply.get("keyboard", []):
                for item in row:
                    entry = {"text": item} if isinstance(item, str) else item
                    if entry["text"] != button:
                        continue
                    if entry.get("request_contact"):
                        return self.send_contact(chat=target.chat["id"])
                    return self.send_text(button, chat=target.chat["id"])
            shown = [describe(m) for m in alive[:3]]
            raise AssertionError(f"no button {button!r} in chat {target.chat['id']}: {shown}")

    def open_web_app(self, button: str, *, auth_date: int, message: Message | None = None) -> str:
        """Press a web_app button as Telegram's app does: the URL it opens, initData signed."""
        with self._state.cond:
            alive = [m for m in reversed(self._chat().bot_messages()) if not m.get("deleted")]
            if message is not None:
                alive = [m for m in alive if m["message_id"] == message["message_id"]]
            for candidate in alive:
                if candidate.get("reply_markup") and (found := _find_inline(candidate, button)):
                    break
            else:
                raise AssertionError(f"no button {button!r}: {[describe(m) for m in alive[:3]]}")
        if "web_app" not in found:
            raise AssertionError(f"button {button!r} is not a web_app button: {found}")
        init_data = init_data_for(self.user, self.bot_token, auth_date=auth_date)
        return web_app_url(found["web_app"]["url"], init_data)

    def _callback(self, message: Message, button: dict[str, Any]) -> dict[str, Any]:
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} has no callback_data: {button}")
        return self._client.press_callback(message, button["callback_data"])

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        """Return the answerCallbackQuery params the bot sent for this user's queries."""
        with self._state.cond:
            return copy.deepcopy(self._state.callback_answers.get(self.id, []))

    def wait_callback_answer(self, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the next unread answerCallbackQuery for this user."""
        with self._state.cond:
            answers = self._state.callback_answers
            ok = self._state.cond.wait_for(
                lambda: len(answers.get(self.id, [])) > self._answers_read, timeout
            )
            if not ok:
                raise AssertionError(f"user {self.id}: no callback answer within {timeout}s")
            self._answers_read += 1
            return copy.deepcopy(answers[self.id][self._answers_read - 1])

    # -- blocking ----------------------------------------------------------------------------

    def block(self) -> None:
        """Block the bot: sends to this user now fail with 403."""
        self._set_blocked(True)

    def unblock(self) -> None:
        """Unblock the bot."""
        self._set_blocked(False)

    def _set_blocked(self, blocked: bool) -> None:
        with self._state.cond:
            chat = self._state.chat(self.id)
            if chat.blocked == blocked:
                return
            self._state.set_blocked(chat, blocked)
            bot = self._state.bot_sender
            member = {"status": "member", "user": bot}
            kicked = {"status": "kicked", "user": bot, "until_date": 0}
            update = {
                "chat": dict(chat.chat),
                "from": dict(self.user),
                "date": int(time.time()),
                "old_chat_member": member if blocked else kicked,
                "new_chat_member": kicked if blocked else member,
            }
            self._state.push_update("my_chat_member", update)


def _find_inline(message: Message, button: str) -> dict[str, Any] | None:
    """Find an inline button by visible text, falling back to exact callback_data."""
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    by_text = next((b for b in buttons if b["text"] == button), None)
    return by_text or next((b for b in buttons if b.get("callback_data") == button), None)
