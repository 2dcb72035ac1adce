"""Configuration from the environment and `.env` (pydantic-settings)."""

import re
from datetime import time
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Telegram tokens look like 123456789:AAE...; placeholders copied from docs do not.
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
PLACEHOLDER_WORDS = ("replace", "your", "changeme", "example", "placeholder", "xxxx")
# Telegram's rule for setWebhook's secret_token; it arrives in every delivery's header.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class SettingsError(Exception):
    """A setting is missing or wrong: `key` names the operator's one line in the catalogue."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


class Settings(BaseSettings):
    """Every setting parkbot reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias="TELEGRAM_BOT_TOKEN"
    )
    telegram_base_url: str = Field(
        default="https://api.telegram.org/bot", validation_alias="TELEGRAM_BASE_URL"
    )
    telegram_base_file_url: str = Field(
        default="https://api.telegram.org/file/bot", validation_alias="TELEGRAM_BASE_FILE_URL"
    )
    telegram_bot_username: str | None = Field(
        default=None, validation_alias="TELEGRAM_BOT_USERNAME"
    )
    database_url: str = Field(default="sqlite:///parkbot.db", validation_alias="DATABASE_URL")
    timezone_name: str = Field(default="Asia/Shanghai", validation_alias="PARKBOT_TIMEZONE")
    language: str = Field(default="zh_CN", validation_alias="PARKBOT_LANGUAGE")
    invite_ttl_days: int = Field(default=14, ge=1, le=365, validation_alias="INVITE_TTL_DAYS")
    log_level: str = Field(default="INFO", validation_alias="PARKBOT_LOG_LEVEL")
    # Long-poll timeout of getUpdates in seconds; tests lower it to stop quickly.
    poll_timeout: int = Field(default=30, ge=0, le=50, validation_alias="PARKBOT_POLL_TIMEOUT")
    # The first wait before asking an unreachable Bot API again; doubled up to 30 s.
    bot_api_retry_seconds: float = Field(
        default=1.0, gt=0, le=30, validation_alias="PARKBOT_BOT_API_RETRY_SECONDS"
    )

    media_dir: Path = Field(default=Path("media"), validation_alias="PARKBOT_MEDIA_DIR")

    # Which messenger the bot talks to: "local" is parkbot's own (bot/messenger, served with
    # the web chat), "telegram" the Bot API at TELEGRAM_BASE_URL; "auto" is local without a
    # token.
    messenger: Literal["auto", "local", "telegram"] = Field(
        default="auto", validation_alias="PARKBOT_MESSENGER"
    )
    # The local messenger's chats, messages and files (a SQLite file and a folder).
    messenger_dir: Path = Field(default=Path("messenger"), validation_alias="PARKBOT_MESSENGER_DIR")
    # The web server: web chat, health, metrics, webhook (bot/web).
    web_host: str = Field(default="127.0.0.1", validation_alias="PARKBOT_WEB_HOST")
    web_port: int = Field(default=8080, ge=0, le=65535, validation_alias="PARKBOT_WEB_PORT")
    # The address people open (behind a reverse proxy: its https URL); links use it.
    web_public_url: str | None = Field(default=None, validation_alias="PARKBOT_WEB_PUBLIC_URL")
    # The web chat's sign-in: cookie signing secret (unset: made once, kept beside the
    # messenger's files) and how long a session lasts.
    web_secret: SecretStr | None = Field(default=None, validation_alias="PARKBOT_WEB_SECRET")
    web_session_days: int = Field(
        default=30, ge=1, le=366, validation_alias="PARKBOT_WEB_SESSION_DAYS"
    )
    # The Telegram Mini App's sign-in: initData older than this (by its auth_date) is refused.
    miniapp_max_age_seconds: int = Field(
        default=86_400, ge=60, le=30 * 86_400, validation_alias="PARKBOT_MINIAPP_MAX_AGE_SECONDS"
    )
    # The wall board (bot/web/board): seconds between refreshes (the issue asks ≤ 60) and
    # between park pages when the parks do not fit the screen.
    board_refresh_seconds: int = Field(
        default=60, ge=1, le=60, validation_alias="PARKBOT_BOARD_REFRESH_SECONDS"
    )
    board_rotate_seconds: int = Field(
        default=20, ge=3, le=3600, validation_alias="PARKBOT_BOARD_ROTATE_SECONDS"
    )
    # With a token: Telegram delivers updates to this https URL instead of long polling.
    webhook_url: str | None = Field(default=None, validation_alias="PARKBOT_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(
        default=None, validation_alias="PARKBOT_WEBHOOK_SECRET"
    )
    draft_ttl_hours: int = Field(default=72, ge=1, le=24 * 60, validation_alias="DRAFT_TTL_HOURS")
    # An admin wizard (meeting, move, cancel, broadcast, problem step) left idle this long
    # ends: a text typed much later is not taken as its answer.
    wizard_idle_minutes: int = Field(
        default=15, ge=1, le=24 * 60, validation_alias="WIZARD_IDLE_MINUTES"
    )
    # Site photo caps, checked against the size Telegram announces before anything is fetched.
    photo_max_mb: float = Field(default=10, gt=0, le=2000, validation_alias="PHOTO_MAX_MB")
    photo_report_max_mb: float = Field(
        default=30, gt=0, le=10_000, validation_alias="PHOTO_REPORT_MAX_MB"
    )
    photo_daily_limit: int = Field(
        default=30, ge=1, le=10_000, validation_alias="PHOTO_DAILY_LIMIT"
    )

    reminder_offsets: str = Field(default="7d,3d,1d,2h", validation_alias="REMINDER_OFFSETS")
    meeting_notice_offset: str = Field(default="2h", validation_alias="MEETING_NOTICE_OFFSET")
    quiet_hours: str = Field(default="22:00-08:00", validation_alias="QUIET_HOURS")
    deadline_days_before: int = Field(
        default=3, ge=0, le=30, validation_alias="DEADLINE_DAYS_BEFORE"
    )
    # The pre-meeting pack (会前材料): this many days before each meeting, admins and the
    # attending leaders are told it is ready (a button delivers it); 0 turns the notice off.
    pack_days_before: int = Field(
        default=2, ge=0, le=30, validation_alias="PARKBOT_PACK_DAYS_BEFORE"
    )

    # The most outbox sends in flight at once; the sender keeps about 30/s × the measured round
    # trip in flight, up to this. A crash can repeat at most this many messages.
    outbox_max_in_flight: int = Field(
        default=16, ge=1, le=30, validation_alias="OUTBOX_MAX_IN_FLIGHT"
    )
    # Updates handled at once (bot.telegram.updates): different people's concurrently, each
    # person's one after another; 1 handles every update one at a time.
    concurrent_updates: int = Field(
        default=64, ge=1, le=1024, validation_alias="PARKBOT_CONCURRENT_UPDATES"
    )
    # The flood guard (bot.flood): more updates than this from one person within the window
    # is faster than anyone types; they are told once to slow down and ignored for a while.
    flood_max_updates: int = Field(default=6, ge=1, le=10_000, validation_alias="FLOOD_MAX_UPDATES")
    flood_window_seconds: float = Field(
        default=10, gt=0, le=3600, validation_alias="FLOOD_WINDOW_SECONDS"
    )
    flood_mute_seconds: float = Field(
        default=60, ge=0, le=86_400, validation_alias="FLOOD_MUTE_SECONDS"
    )
    # A stranger's idle messages get the access explanation at most this often (0: always).
    stranger_notice_seconds: float = Field(
        default=60, ge=0, le=86_400, validation_alias="STRANGER_NOTICE_SECONDS"
    )
    # The 公示 objection window (bot/assessment/calendar.py): this many official working days
    # after the day of publication, closing at this local time on the last one.
    objection_working_days: int = Field(
        default=5, ge=1, le=30, validation_alias="PARKBOT_OBJECTION_WORKING_DAYS"
    )
    objection_closes_at: str = Field(
        default="18:00", validation_alias="PARKBOT_OBJECTION_CLOSES_AT"
    )
    # The burden cap (减负, bot/outbox/burden.py): bot-initiated messages a person is sent per
    # local day and per meeting cycle (one meeting to the next); over either, lower-priority
    # messages fold into one daily digest, sent at this local time. Reminders, escalations,
    # instructions and assignments are never folded (they count all the same).
    burden_daily_cap: int = Field(
        default=5, ge=1, le=1000, validation_alias="PARKBOT_BURDEN_DAILY_CAP"
    )
    burden_cycle_cap: int = Field(
        default=15, ge=1, le=10_000, validation_alias="PARKBOT_BURDEN_CYCLE_CAP"
    )
    # Places of each cap kept for what never folds (one reminder a day; one per default
    # reminder offset a cycle): a notice folds when only the unused reserve is left.
    burden_daily_reserve: int = Field(
        default=1, ge=0, le=1000, validation_alias="PARKBOT_BURDEN_DAILY_RESERVE"
    )
    burden_cycle_reserve: int = Field(
        default=4, ge=0, le=10_000, validation_alias="PARKBOT_BURDEN_CYCLE_RESERVE"
    )
    burden_digest_at: str = Field(default="18:00", validation_alias="PARKBOT_BURDEN_DIGEST_AT")
    light_behind_yellow: Decimal = Field(
        default=Decimal(10), ge=0, le=100, validation_alias="LIGHT_BEHIND_YELLOW"
    )
    light_behind_red: Decimal = Field(
        default=Decimal(30), ge=0, le=100, validation_alias="LIGHT_BEHIND_RED"
    )
    light_start_late_red_months: int = Field(
        default=3, ge=1, le=24, validation_alias="LIGHT_START_LATE_RED_MONTHS"
    )
    light_missing_red_periods: int = Field(
        default=2, ge=1, le=12, validation_alias="LIGHT_MISSING_RED_PERIODS"
    )

    @model_validator(mode="after")
    def _light_thresholds_in_order(self) -> "Settings":
        if self.light_behind_red < self.light_behind_yellow:
            raise ValueError("LIGHT_BEHIND_RED must not be below LIGHT_BEHIND_YELLOW")
        return self

    @model_validator(mode="after")
    def _burden_reserves_below_caps(self) -> "Settings":
        if self.burden_daily_reserve >= self.burden_daily_cap:
            raise ValueError("PARKBOT_BURDEN_DAILY_RESERVE must be below PARKBOT_BURDEN_DAILY_CAP")
        if self.burden_cycle_reserve >= self.burden_cycle_cap:
            raise ValueError("PARKBOT_BURDEN_CYCLE_RESERVE must be below PARKBOT_BURDEN_CYCLE_CAP")
        return self

    @field_validator("reminder_offsets", "meeting_notice_offset")
    @classmethod
    def _offsets_readable(cls, value: str) -> str:
        from bot.durations import parse_offsets

        parse_offsets(value)
        return value

    @field_validator("objection_closes_at", "burden_digest_at")
    @classmethod
    def _closing_time_readable(cls, value: str) -> str:
        from bot.durations import parse_time_of_day

        parse_time_of_day(value)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_https(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        # Telegram delivers only to https; plain http is allowed on loopback (tests, a proxy
        # on the same machine).
        if parts.scheme != "https" and not (
            parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        ):
            raise ValueError("PARKBOT_WEBHOOK_URL must be an https:// URL")
        if not parts.hostname:
            raise ValueError("PARKBOT_WEBHOOK_URL has no host")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_allowed(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not WEBHOOK_SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("PARKBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -")
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours_readable(cls, value: str) -> str:
        from bot.durations import parse_quiet_hours

        parse_quiet_hours(value)
        return value

    @field_validator("timezone_name")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        from bot.i18n import normalize_language

        known = normalize_language(value)
        if known is None:
            raise ValueError(f"unsupported language {value!r} (use zh_CN or en)")
        return known

    @cached_property
    def tz(self) -> ZoneInfo:
        """The campaign's time zone."""
        return ZoneInfo(self.timezone_name)

    @property
    def objection_closing_time(self) -> time:
        """The local time an objection window closes on its last working day."""
        from bot.durations import parse_time_of_day

        return parse_time_of_day(self.objection_closes_at)

    @property
    def burden_digest_time(self) -> time:
        """The local time the daily digest of folded messages goes out."""
        from bot.durations import parse_time_of_day

        return parse_time_of_day(self.burden_digest_at)

    def bot_token(self) -> str:
        """The bot token, or a SettingsError saying in one line what is wrong with it."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set", "cli-token-missing")
        token = self.telegram_bot_token.get_secret_value().strip()
        if any(word in token.lower() for word in PLACEHOLDER_WORDS):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is still a placeholder", "cli-token-placeholder"
            )
        if not TOKEN_PATTERN.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token", "cli-token-malformed"
            )
        return token

    def uses_local_messenger(self) -> bool:
        """Whether the bot talks to parkbot's own messenger rather than to Telegram."""
        if self.messenger != "auto":
            return self.messenger == "local"
        token = self.telegram_bot_token
        return token is None or not token.get_secret_value().strip()

    def uses_webhook(self) -> bool:
        """Whether Telegram delivers updates to PARKBOT_WEBHOOK_URL instead of long polling."""
        return bool(self.webhook_url) and not self.uses_local_messenger()

    def web_url(self) -> str:
        """The web server's address as people open it (no trailing slash)."""
        if self.web_public_url:
            return self.web_public_url.rstrip("/")
        host = "127.0.0.1" if self.web_host in ("0.0.0.0", "::", "") else self.web_host
        return f"http://{host}:{self.web_port}"

    def sqlite_path(self) -> Path | None:
        """The SQLite file behind DATABASE_URL, if it is one."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url.removeprefix(prefix))
        return None
