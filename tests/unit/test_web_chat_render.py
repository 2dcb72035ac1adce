"""The web chat's pure parts: safe HTML, image sniffing, the reply keyboard, rate windows."""

from bot.messenger.text import safe_html
from bot.web.chat.actions import image_type
from bot.web.chat.feed import keyboard
from bot.web.chat.limits import Window

BOT = {"id": 1, "is_bot": True}
USER = {"id": 2, "is_bot": False}


def test_safe_html_keeps_only_the_safe_tags_and_http_links() -> None:
    raw = '<b>a</b> &lt;x&gt; <span>s</span> <a href="javascript:alert(1)">j</a> <a href="https://e.cn/?a=1&amp;b=2">k</a>\n<i>i</i>'
    html = safe_html("shown differs", raw)
    assert html.startswith("<b>a</b> &lt;x&gt; s j ")
    assert (
        '<a href="https://e.cn/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">k</a>'
        in html
    )
    assert html.endswith("<br><i>i</i>")
    assert "javascript" not in html and "<span" not in html


def test_plain_text_is_escaped() -> None:
    assert safe_html("<script>x</script>\n&") == "&lt;script&gt;x&lt;/script&gt;<br>&amp;"
    assert safe_html("<b>", "<b>") == "&lt;b&gt;"  # raw equal to shown: not HTML


def test_images_are_known_by_their_bytes() -> None:
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type(b"\x89PNG\r\n\x1a\nrest") == "image/png"
    assert image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert image_type(b"GIF89a") is None and image_type(b"") is None


def test_the_latest_reply_keyboard_until_removed_or_used_once() -> None:
    share = {"keyboard": [[{"text": "share", "request_contact": True}, "no"]]}
    history = [{"from": BOT, "reply_keyboard": share}]
    assert keyboard(history) == {
        "rows": [[{"text": "share", "contact": True}, {"text": "no", "contact": False}]],
        "one_time": False,
    }
    assert keyboard([*history, {"from": BOT, "reply_keyboard": {"remove_keyboard": True}}]) is None
    once = [{"from": BOT, "reply_keyboard": {**share, "one_time_keyboard": True}}]
    assert keyboard(once) is not None and keyboard([*once, {"from": USER}]) is None


def test_a_window_forgets_old_events() -> None:
    now = [0.0]
    window = Window(2, 10, clock=lambda: now[0])
    assert window.hit("a") and window.hit("a") and not window.hit("a") and window.full("a")
    assert window.hit("b")
    now[0] = 10.5
    assert not window.full("a") and window.hit("a")
