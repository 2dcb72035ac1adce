"""Telegram Mini App initData: the product's check against Telegram's algorithm and vectors."""

import hashlib
import hmac
import json
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import pytest

from bot.web.board.init_data import FUTURE_SKEW, MiniAppUser, verify

TOKEN = "7000000001:AAFakeTokenForTheTestsOnly_0123456789"
NOW = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
AUTH = int(NOW.timestamp())
DAY = 86_400

# The example published with @tma.js/init-data (docs.telegram-mini-apps.com), signed by a
# real bot token the project made public for this purpose.
PUBLISHED_TOKEN = "5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8"
PUBLISHED = (
    "query_id=AAHdF6IQAAAAAN0XohDhrOrc"
    "&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22"
    "%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22"
    "%2C%22is_premium%22%3Atrue%7D"
    "&auth_date=1662771648"
    "&hash=c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2"
)


def _signed(fields: dict[str, str], token: str = TOKEN) -> str:
    """initData signed here, step by step as Telegram's documentation says."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret_key = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret_key, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest}, quote_via=quote)


def _fields(auth_date: int = AUTH, user_id: int = 42) -> dict[str, str]:
    user = {"id": user_id, "first_name": "李", "language_code": "zh-hans"}
    return {
        "query_id": "AAQ1",
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(auth_date),
    }


def _verify(init_data: str, token: str = TOKEN, max_age: int = DAY) -> MiniAppUser | None:
    return verify(init_data, token, now=NOW, max_age=max_age)


def test_telegram_signed_data_verifies_and_names_the_user() -> None:
    assert _verify(_signed(_fields())) == MiniAppUser(42, "zh-hans")


def test_the_published_example_verifies_at_its_own_time() -> None:
    then = datetime.fromtimestamp(1662771648 + 60, UTC)
    user = verify(PUBLISHED, PUBLISHED_TOKEN, now=then, max_age=DAY)
    assert user == MiniAppUser(279058397, "ru")
    assert verify(PUBLISHED, TOKEN, now=then, max_age=DAY) is None


@pytest.mark.parametrize("field", ["query_id", "user", "auth_date"])
def test_one_changed_field_is_refused(field: str) -> None:
    signed = _signed(_fields())
    changed = dict(_fields())
    changed[field] = {
        "query_id": "AAQ2",
        "user": changed["user"].replace("李", "王"),
        "auth_date": str(AUTH - 1),
    }[field]
    assert changed[field] != _fields()[field]
    tampered = urlencode({**changed, "hash": signed.rsplit("hash=", 1)[1]}, quote_via=quote)
    assert _verify(tampered) is None


def test_an_added_field_is_refused() -> None:
    assert _verify(_signed(_fields()) + "&start_param=admin") is None


def test_a_wrong_token_is_refused() -> None:
    assert _verify(_signed(_fields(), "7000000002:AAAnotherBot")) is None
    assert _verify(_signed(_fields()), token="") is None


@pytest.mark.parametrize("drop", ["hash=", "all"])
def test_a_missing_or_empty_hash_is_refused(drop: str) -> None:
    signed = _signed(_fields())
    without = signed.split("&hash=")[0]
    assert _verify(without if drop == "all" else without + "&hash=") is None


def test_auth_date_older_than_the_max_age_is_refused() -> None:
    assert _verify(_signed(_fields(AUTH - 3600)), max_age=3600) is not None
    assert _verify(_signed(_fields(AUTH - 3601)), max_age=3600) is None


def test_auth_date_in_the_future_beyond_a_small_skew_is_refused() -> None:
    assert _verify(_signed(_fields(AUTH + FUTURE_SKEW))) is not None
    assert _verify(_signed(_fields(AUTH + FUTURE_SKEW + 1))) is None


@pytest.mark.parametrize(
    "init_data",
    ["", "garbage", "a=1&a=2&hash=00", "=&&=", "x" * 9000],
)
def test_malformed_input_is_refused(init_data: str) -> None:
    assert _verify(init_data) is None


def test_a_signed_payload_without_a_user_or_a_numeric_id_is_refused() -> None:
    no_user = {k: v for k, v in _fields().items() if k != "user"}
    assert _verify(_signed(no_user)) is None
    assert _verify(_signed({**_fields(), "user": '{"id":"42"}'})) is None
    assert _verify(_signed({**_fields(), "auth_date": "soon"})) is None
