"""The Bot API methods parkbot uses, working on the messenger's state (getUpdates: the servers)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.messenger.state import ApiError, ChatState, EmuState, FileRecord, Message, api_view
from bot.messenger.text import render

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


@dataclass
class Upload:
    """A file uploaded by the bot in a multipart request."""

    data: bytes
    filename: str | None = None
    content_type: str | None = None

    def __repr__(self) -> str:
        return f"<upload {self.filename!r} {len(self.data)} bytes>"


def _require(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise ApiError(400, f"Bad Request: parameter {name!r} is required")
    return params[name]


def _check_web_app(button: dict[str, Any], https_only: bool) -> None:
    """A web_app button needs web_app.url; Telegram takes https addresses only."""
    web_app = button["web_app"]
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str) or not url:
        raise ApiError(
            400,
            'Bad Request: can\'t parse inline keyboard button: field "url" must be of type String',
        )
    if https_only and not url.startswith("https://"):
        raise ApiError(
            400,
            f"Bad Request: inline keyboard button Web App URL '{url}' is invalid: "
            "Only HTTPS links are allowed",
        )


def _split_markup(
    markup: Any, *, web_app_https_only: bool = False
) -> tuple[dict | None, dict | None]:
    """Split reply_markup into (inline keyboard kept on the message, other keyboard)."""
    if not markup:
        return None, None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return None, markup
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            if "web_app" in button:
                _check_web_app(button, web_app_https_only)
    return markup, None


class BotApi:
    """Implements the non-polling Bot API methods against the shared state."""

    def __init__(self, state: EmuState, *, web_app_https_only: bool = False) -> None:
        self.state = state
        # Telegram refuses web_app buttons whose address is not https (the emulator says so
        # too); the local messenger serves an intranet's http site and takes them.
        self.web_app_https_only = web_app_https_only
        self.handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            name[3:]: getattr(self, name)
            for name in dir(self)
            if name.startswith("on_") and callable(getattr(self, name))
        }

    def handle(self, method: str, params: dict[str, Any]) -> Any:
        """Run one method under the state lock and return its JSON result."""
        with self.state.cond:
            result = self.handlers[method](params)
            self.state.cond.notify_all()
            return result

    # -- helpers -----------------------------------------------------------------------------

    def _writable_chat(self, params: dict[str, Any]) -> ChatState:
        chat = self.state.chat(_require(params, "chat_id"))
        if chat.blocked:
            raise ApiError(403, BLOCKED)
        return chat

    def _bot_message(self, chat: ChatState, params: dict[str, Any], action: str) -> Message:
        message = chat.find(_require(params, "message_id"))
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        if not message["from"].get("is_bot"):
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _send(self, chat: ChatState, params: dict[str, Any], **fields: Any) -> Message:
        inline, other = _split_markup(
            params.get("reply_markup"), web_app_https_only=self.web_app_https_only
        )
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id", params.get("reply_to_message_id"))
        if reply_id is not None:
            target = chat.find(reply_id)
            if target is not None:
                fields["reply_to_message"] = api_view(
                    {k: v for k, v in target.items() if k != "reply_to_message"}
                )
            elif not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
        if inline:
            fields["reply_markup"] = inline
        if other:
            fields["reply_keyboard"] = other
        message = self.state.new_message(chat, self.state.bot_sender, edits=0, **fields)
        return api_view(message)

    def _text_fields(self, params: dict[str, Any], key: str, limit: int) -> dict[str, Any]:
        raw = params.get(key)
        if raw is None or raw == "":
            return {}
        raw = str(raw)
        shown = render(raw, params.get("parse_mode"))
        # Telegram counts UTF-16 code units: an emoji or astral character is 2.
        if len(shown.encode("utf-16-le")) // 2 > limit:
            what = "message" if key == "text" else "message caption"
            raise ApiError(400, f"Bad Request: {what} is too long")
        fields: dict[str, Any] = {key: shown, "raw_text": raw}
        entities = params.get("entities" if key == "text" else "caption_entities")
        if entities:
            fields["entities" if key == "text" else "caption_entities"] = entities
        return fields

    def _input_file(self, value: Any, folder: str, ext: str, mime: str | None) -> FileRecord:
        if isinstance(value, Upload):
            name = value.filename
            if name and "." in name:
                ext = name[name.rindex(".") :]
            return self.state.add_file(value.data, folder, ext, value.content_type or mime, name)
        record = self.state.files.get(value) if isinstance(value, str) else None
        if record is None:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return record

    # -- service methods ---------------------------------------------------------------------

    def on_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return the bot user."""
        return dict(self.state.bot_user)

    def on_logOut(self, params: dict[str, Any]) -> bool:
        """Accept and do nothing."""
        return True

    def on_close(self, params: dict[str, Any]) -> bool:
        """Accept and do nothing."""
        return True

    def on_setWebhook(self, params: dict[str, Any]) -> bool:
        """Store the webhook settings (getUpdates then answers 409)."""
        self.state.webhook = {k: v for k, v in params.items() if not isinstance(v, Upload)}
        if params.get("drop_pending_updates"):
            self.state.drop_updates()
        self.state.save_settings()
        return True

    def on_deleteWebhook(self, params: dict[str, Any]) -> bool:
        """Remove the webhook, optionally dropping pending updates."""
        self.state.webhook = {}
        if params.get("drop_pending_updates"):
            self.state.drop_updates()
        self.state.save_settings()
        return True

    def on_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return the stored webhook URL and the pending update count."""
        info = {
            "url": self.state.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if self.state.webhook.get("allowed_updates"):
            info["allowed_updates"] = self.state.webhook["allowed_updates"]
        return info

    def on_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return a known chat."""
        chat = self.state.chat(_require(params, "chat_id"))
        return {**chat.chat, "accent_color_id": 0, "max_reaction_count": 11}

    # -- messages ----------------------------------------------------------------------------

    def on_sendMessage(self, params: dict[str, Any]) -> Message:
        """Send a text message."""
        chat = self._writable_chat(params)
        fields = self._text_fields(params, "text", 4096)
        if not fields:
            raise ApiError(400, "Bad Request: message text is empty")
        return self._send(chat, params, **fields)

    def on_sendPhoto(self, params: dict[str, Any]) -> Message:
        """Send a photo (upload or file_id)."""
        chat = self._writable_chat(params)
        fields = self._text_fields(params, "caption", 1024)
        record = self._input_file(_require(params, "photo"), "photos", ".jpg", "image/jpeg")
        photo = photo_sizes(self.state, record)
        return self._send(chat, params, photo=photo, **fields)

    def on_sendDocument(self, params: dict[str, Any]) -> Message:
        """Send a document (upload or file_id)."""
        chat = self._writable_chat(params)
        fields = self._text_fields(params, "caption", 1024)
        record = self._input_file(_require(params, "document"), "documents", "", None)
        return self._send(chat, params, document=document_object(record), **fields)

    def on_sendChatAction(self, params: dict[str, Any]) -> bool:
        """Validate the chat; actions are only logged."""
        self._writable_chat(params)
        _require(params, "action")
        return True

    def on_editMessageText(self, params: dict[str, Any]) -> Message:
        """Edit a bot message's text; 400 'not modified' if nothing changes."""
        chat = self._writable_chat(params)
        message = self._bot_message(chat, params, "edit")
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        fields = self._text_fields(params, "text", 4096)
        if not fields:
            raise ApiError(400, "Bad Request: message text is empty")
        fields.setdefault("entities", None)
        return self._edit(message, fields, params.get("reply_markup"))

    def on_editMessageCaption(self, params: dict[str, Any]) -> Message:
        """Edit a bot message's caption."""
        chat = self._writable_chat(params)
        message = self._bot_message(chat, params, "edit")
        fields = self._text_fields(params, "caption", 1024) or {"caption": None}
        return self._edit(message, fields, params.get("reply_markup"))

    def on_editMessageReplyMarkup(self, params: dict[str, Any]) -> Message:
        """Replace (or remove) a bot message's inline keyboard."""
        chat = self._writable_chat(params)
        message = self._bot_message(chat, params, "edit")
        return self._edit(message, {}, params.get("reply_markup"))

    def _edit(self, message: Message, fields: dict[str, Any], markup: Any) -> Message:
        inline, _ = _split_markup(markup, web_app_https_only=self.web_app_https_only)
        same_text = all(message.get(k) == v for k, v in fields.items() if k != "raw_text")
        if same_text and message.get("reply_markup") == inline:
            raise ApiError(400, NOT_MODIFIED)
        for key, value in fields.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        if inline:
            message["reply_markup"] = inline
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        message["edits"] += 1
        self.state.touch(self.state.chat(message["chat"]["id"]), message)
        return api_view(message)

    def on_deleteMessage(self, params: dict[str, Any]) -> bool:
        """Flag a message as deleted."""
        chat = self.state.chat(_require(params, "chat_id"))
        message = chat.find(_require(params, "message_id"))
        if message is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        message["deleted"] = True
        self.state.touch(chat, message)
        return True

    def on_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        """Record the answer for the user who pressed the button."""
        query_id = str(_require(params, "callback_query_id"))
        user_id = self.state.callback_queries.pop(query_id, None)
        if user_id is None:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.state.callback_answers.setdefault(user_id, []).append(dict(params))
        self.state.changed(user_id)  # a private chat's id is its user's
        return True

    # -- files -------------------------------------------------------------------------------

    def on_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return file info with a download path."""
        record = self.state.files.get(str(_require(params, "file_id")))
        if record is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return record.info()

    # -- commands and menu -------------------------------------------------------------------

    def on_setMyCommands(self, params: dict[str, Any]) -> bool:
        """Validate and store commands per (scope, language_code)."""
        commands = _require(params, "commands")
        for command in commands:
            if not COMMAND_RE.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        self.state.commands[commands_key(params)] = list(commands)
        self.state.save_settings()
        return True

    def on_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the commands stored for (scope, language_code)."""
        return list(self.state.commands.get(commands_key(params), []))

    def on_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        """Forget the commands for (scope, language_code)."""
        self.state.commands.pop(commands_key(params), None)
        self.state.save_settings()
        return True

    def on_setChatMenuButton(self, params: dict[str, Any]) -> bool:
        """Store the menu button of a chat (or the default one)."""
        chat_id = params.get("chat_id")
        if chat_id is not None:
            self.state.chat(chat_id)
        self.state.menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
        self.state.save_settings()
        return True

    def on_getChatMenuButton(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return the menu button of a chat."""
        buttons = self.state.menu_buttons
        chat_id = params.get("chat_id")
        return buttons.get(chat_id) or buttons.get(None) or {"type": "commands"}


def commands_key(params: dict[str, Any]) -> tuple[str, str]:
    """Return the storage key of a command list: (scope JSON, language code)."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.get("language_code") or ""


def photo_sizes(state: EmuState, record: FileRecord) -> list[dict[str, Any]]:
    """Return a PhotoSize list (thumbnail, full size); both file_ids serve the record's bytes."""
    thumb = state.add_file(record.data, "photos", ".jpg", record.mime_type)
    return [
        {**_size(thumb), "width": 320, "height": 240},
        {**_size(record), "width": 1280, "height": 960},
    ]


def _size(record: FileRecord) -> dict[str, Any]:
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.size,
    }


def document_object(record: FileRecord) -> dict[str, Any]:
    """Return a Document object for a stored file."""
    document: dict[str, Any] = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.size,
    }
    if record.file_name:
        document["file_name"] = record.file_name
    if record.mime_type:
        document["mime_type"] = record.mime_type
    return document
