"""Telegram's limits counted in UTF-16 units: an emoji or an astral character counts twice."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.outbox import queue as outbox
from bot.text_limits import CAPTION_LIMIT, MESSAGE_LIMIT, clip, units
from handlers.chart_export import _caption
from handlers.status.commands import clip as clip_message
from models import OutboxMessage
from tests.factories import make_person

EMOJI = "🏗️"  # U+1F3D7 and a variation selector: 3 units
ASTRAL_HAN = "𠀀"  # CJK Extension B, outside the BMP: 2 units
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_units_count_as_telegram_does():
    assert units("abc") == 3
    assert units("中联重科") == 4
    assert units("😀") == 2 and len("😀") == 1
    assert units(ASTRAL_HAN) == 2
    assert units(EMOJI) == 3


def test_a_text_within_the_limit_is_kept_whole():
    text = "中" * MESSAGE_LIMIT
    assert clip(text) == text
    assert clip("😀" * 2048) == "😀" * 2048  # 4,096 units exactly


def test_2049_emoji_are_cut_although_len_says_they_fit():
    text = "😀" * 2049  # len() 2,049, Telegram 4,098
    cut = clip(text)
    assert units(cut) <= MESSAGE_LIMIT and cut.endswith("…")
    assert cut == "😀" * 2047 + "…"


def test_a_cut_never_splits_a_surrogate_pair():
    text = "a" + "😀" * 600  # the limit falls in the middle of an emoji
    cut = clip(text, 100)
    cut.encode("utf-8")  # a lone surrogate would fail here
    assert cut == "a" + "😀" * 49 + "…" and units(cut) == 100


@given(st.text(min_size=0, max_size=300), st.integers(min_value=1, max_value=200))
def test_clip_fits_and_keeps_a_prefix(text, limit):
    cut = clip(text, limit)
    assert units(cut) <= limit
    assert cut == text or (cut.endswith("…") and text.startswith(cut[:-1]))
    cut.encode("utf-8")


def test_status_replies_are_clipped_in_units():
    assert units(clip_message("😀" * 3000)) <= MESSAGE_LIMIT


def test_a_chart_caption_fits_in_units():
    what = "园区" + ASTRAL_HAN * 700  # 702 code points, 1,402 units
    caption = _caption(what, "数据截至 2025-03-08 10:00 收到的填报")
    assert units(caption) <= CAPTION_LIMIT
    assert caption.endswith("数据截至 2025-03-08 10:00 收到的填报")


def test_the_outbox_stores_what_telegram_accepts(db):
    with db.scope() as session:
        person = make_person(session, "李敏", telegram_user_id=42)
        row = outbox.enqueue(session, kind="notice", text="😀" * 3000, now=NOW, person=person)
    with db.scope() as session:
        stored = session.get(OutboxMessage, row.id)
    assert units(stored.text) <= MESSAGE_LIMIT and stored.text.startswith("😀" * 2000)
