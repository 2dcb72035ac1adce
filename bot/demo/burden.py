"""The demo's message history, so `parkbot burden` and /board/burden have figures to show.

Two weeks of what the bot would have sent the first liaisons, a leader and an admin, within
the default caps (5 a day, 15 a cycle, their reserves kept): a morning briefing broadcast three
days a week, the last meeting's report reminders, and one busy day whose extra notices were
folded into that evening's digest. Written once (the rows are
recognised by their dedupe keys); messages the running demo sends add to them.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.i18n import Catalogue
from bot.outbox.burden import Caps, digest_text
from bot.outbox.kinds import DIGEST_KIND
from models import OutboxMessage, OutboxStatus, Person

KEY = "demo-burden"
PHONES = ("13900000021", "13900000022", "13900000023", "13900000011", "13900000001")
DAYS = 14
BUSY_DAY = 3  # days back: the briefing and three notices went out, two more notices folded
BRIEFING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
BRIEFING = "【每日调度通报】今日全市重点项目推进情况已更新，请登录看板查看。"
REMINDER = "【填报提醒】请于截止时间前填报本月项目进度。"
NOTICE = "关于做好现场调度会准备工作的通知"
CAPS = Caps(daily=5, cycle=15, tz=ZoneInfo("Asia/Shanghai"))  # the defaults, for the digest text


def seed_demo_burden(session: Session, *, now: datetime) -> int:
    """Writes the history unless it is there; returns the rows written."""
    if session.exec(
        select(OutboxMessage.id).where(col(OutboxMessage.dedupe_key).startswith(KEY)).limit(1)
    ).first():
        return 0
    people = list(session.exec(select(Person).where(col(Person.phone).in_(PHONES))))
    tz = now.tzinfo
    catalogue = Catalogue()
    written = 0
    for person in people:
        for back in range(DAYS, 0, -1):
            day = (now - timedelta(days=back)).date()

            def at(hour: int, day: date = day) -> datetime:
                return datetime.combine(day, time(hour), tzinfo=tz)

            messages = []
            if day.weekday() in BRIEFING_DAYS or back == BUSY_DAY:
                messages.append(("broadcast", BRIEFING, at(9), OutboxStatus.SENT))
            if person.is_liaison and back in (9, 5, 4):
                messages.append(("reminder", REMINDER, at(10), OutboxStatus.SENT))
            if back == BUSY_DAY:
                folded = [("notice", NOTICE, at(15 + n), OutboxStatus.FOLDED) for n in range(2)]
                digest = digest_text(catalogue, person.language or "zh_CN", _rows(folded), CAPS)
                messages += [("notice", NOTICE, at(11 + n), OutboxStatus.SENT) for n in range(3)]
                messages += [*folded, (DIGEST_KIND, digest, at(18), OutboxStatus.SENT)]
            for index, (kind, text, moment, status) in enumerate(messages):
                session.add(
                    OutboxMessage(
                        dedupe_key=f"{KEY}:p{person.id}:{day.isoformat()}:{index}",
                        kind=kind,
                        person_id=person.id,
                        text=text,
                        status=status.value,
                        not_before=moment,
                        created_at=moment,
                        sent_at=moment if status is OutboxStatus.SENT else None,
                    )
                )
                written += 1
    session.flush()
    return written


def _rows(messages: list[tuple[str, str, datetime, OutboxStatus]]) -> list[OutboxMessage]:
    """Unsaved rows of the folded messages, for the digest's text."""
    return [
        OutboxMessage(kind=kind, text=text, not_before=moment, created_at=moment)
        for kind, text, moment, _ in messages
    ]
