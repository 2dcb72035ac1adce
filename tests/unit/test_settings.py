"""Settings: defaults, .env, and one clear line for a missing or placeholder token."""

import pytest

from bot.settings import Settings, SettingsError

GOOD_TOKEN = "123456789:AAHfakeTokenForTests_abcdefghijkl"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BASE_URL",
        "DATABASE_URL",
        "PARKBOT_TIMEZONE",
        "PARKBOT_LANGUAGE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults():
    settings = Settings()
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.database_url == "sqlite:///parkbot.db"
    assert str(settings.tz) == "Asia/Shanghai"
    assert settings.language == "zh_CN"


def test_reads_dotenv(tmp_path):
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={GOOD_TOKEN}\nTELEGRAM_BASE_URL=http://127.0.0.1:9/bot\n"
        "PARKBOT_LANGUAGE=en-US\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.bot_token() == GOOD_TOKEN
    assert settings.telegram_base_url == "http://127.0.0.1:9/bot"
    assert settings.language == "en"


@pytest.mark.parametrize(
    ("token", "complaint"),
    [
        (None, "not set"),
        ("", "not set"),
        ("123456:replace-with-your-token", "placeholder"),
        ("your-bot-token", "placeholder"),
        ("12345", "does not look like"),
    ],
)
def test_bad_tokens_give_one_clear_line(monkeypatch, token, complaint):
    if token is not None:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with pytest.raises(SettingsError, match=complaint) as error:
        Settings().bot_token()
    assert "\n" not in str(error.value)


def test_unknown_timezone_is_rejected(monkeypatch):
    monkeypatch.setenv("PARKBOT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValueError, match="unknown time zone"):
        Settings()
