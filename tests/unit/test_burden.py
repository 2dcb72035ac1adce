"""The burden cap (bot/outbox/burden.py): priority, counting, folding, digests, settled
reminders and the figures (SQLite and PG)."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.i18n import Catalogue
from bot.meetings import service as meetings
from bot.meetings.policy import ReminderPolicy, parse_offsets, parse_quiet_hours
from bot.meetings.reminders import Messenger, run_due
from bot.outbox import burden, kinds
from bot.outbox import queue as outbox
from bot.reporting.reports import ReportInput, submit_report
from models import OutboxMessage, OutboxStatus
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAPS = burden.Caps(daily=2, cycle=4, tz=SHANGHAI, digest_at=time(18, 0))
CATALOGUE = Catalogue()
POLICY = ReminderPolicy(
    parse_offsets("7d,3d,1d,2h"), parse_offsets("2h")[0], parse_quiet_hours("22:00-08:00"), SHANGHAI
)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def all_rows(db) -> list[OutboxMessage]:
    with db.scope() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def send_due(db, now: datetime, caps: burden.Caps = CAPS) -> list[str]:
    """What the sender does at `now` until nothing is due: screen, one send per chat, record."""
    sent: list[str] = []
    while True:
        with db.scope() as session:
            rows = outbox.due(session, now=now, limit=100)
            kept = burden.screen(session, rows, now=now, caps=caps)
            chats: set[int] = set()
            for row in kept:
                if row.chat_id in chats:
                    continue  # the sender's one message per chat at a time
                chats.add(row.chat_id)
                outbox.mark_sent(session, row.id, telegram_message_id=row.id, now=now)
                sent.append(row.text)
        if not rows:
            return sent


def test_the_priority_order_and_what_counts():
    assert kinds.priority("answer") < kinds.priority("instruction") < kinds.priority("reminder")
    assert kinds.priority("reminder") < kinds.priority("summary") < kinds.priority("notice")
    assert kinds.priority("notice") < kinds.priority("broadcast")
    assert kinds.priority("something-new") == kinds.priority("notice")
    for kind in ("answer", "slow-down", "digest"):
        assert not kinds.counted(kind) and not kinds.foldable(kind)
    for kind in ("reminder", "escalation", "instruction", "assignment", "security"):
        assert kinds.counted(kind) and not kinds.foldable(kind)
    for kind in ("notice", "broadcast", "summary", "pack", "something-new"):
        assert kinds.counted(kind) and kinds.foldable(kind)


def test_over_cap_names_the_cap_that_is_full():
    sent = burden.Sent
    assert burden.over_cap(sent(0), sent(0), CAPS) is None
    assert burden.over_cap(sent(1), sent(3), CAPS) is None
    assert burden.over_cap(sent(2), sent(2), CAPS) == "day"
    assert burden.over_cap(sent(1), sent(4), CAPS) == "cycle"


def test_a_reserve_keeps_places_for_what_never_folds():
    caps = burden.Caps(daily=5, cycle=15, tz=SHANGHAI, daily_reserve=1, cycle_reserve=4)
    sent = burden.Sent
    # Four notices today: the fifth place is the reminder's, the next notice folds.
    assert burden.over_cap(sent(4), sent(4), caps) == "day"
    # Once a reminder went out today, its reserved place is used: a notice may have the fifth.
    assert burden.over_cap(sent(4, urgent=1), sent(4, urgent=1), caps) is None
    # The cycle keeps four places until four urgent messages are sent.
    assert burden.over_cap(sent(0), sent(11), caps) == "cycle"
    assert burden.over_cap(sent(0), sent(11, urgent=2), caps) is None  # two still kept
    assert burden.over_cap(sent(0), sent(13, urgent=2), caps) == "cycle"
    assert burden.over_cap(sent(0), sent(13, urgent=4), caps) is None
    assert burden.over_cap(sent(0), sent(15, urgent=9), caps) == "cycle"


def test_a_day_starts_at_local_midnight():
    start = burden.day_start(local("2025-03-10 00:30"), SHANGHAI)
    assert start == local("2025-03-10 00:00")


def test_reminders_go_out_before_older_notices(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=601)
        for text in ("notice", "broadcast"):
            outbox.enqueue(session, kind=text, text=text, now=now, person=person)
        outbox.enqueue(session, kind="reminder", text="reminder", now=now, person=person)
        outbox.enqueue(session, kind="answer", text="answer", now=now, chat_id=601)
        order = [r.text for r in outbox.due(session, now=now, limit=10)]
    assert order == ["answer", "reminder", "notice", "broadcast"]


def test_over_the_daily_cap_notices_fold_and_urgent_messages_still_go(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=602)
        for index in range(3):
            outbox.enqueue(session, kind="notice", text=f"通知{index}", now=now, person=person)
        outbox.enqueue(session, kind="escalation", text="督办", now=now, person=person)
        outbox.enqueue(
            session, kind="answer", text="回复", now=now, chat_id=602, person_id=person.id
        )
    sent = send_due(db, now)
    # The answer is not counted; the escalation goes first and takes a place; one notice fits.
    assert sent == ["回复", "督办", "通知0"]
    statuses = {r.text: r.status for r in all_rows(db)}
    assert statuses["通知1"] == statuses["通知2"] == OutboxStatus.FOLDED
    # Over the cap an escalation still goes out: never folded, never dropped.
    with db.scope() as session:
        outbox.enqueue(session, kind="instruction", text="批示", now=now, person_id=person.id)
        outbox.enqueue(session, kind="broadcast", text="群发", now=now, person_id=person.id)
    assert send_due(db, now) == ["批示"]
    # The next local day has room again.
    tomorrow = local("2025-03-11 09:00")
    with db.scope() as session:
        outbox.enqueue(session, kind="notice", text="明天", now=tomorrow, person_id=person.id)
    assert send_due(db, tomorrow) == ["明天"]


def test_a_notice_with_buttons_is_sent_over_the_cap_because_a_digest_cannot_carry_them(db, now):
    buttons = {"inline_keyboard": [[{"text": "采纳", "callback_data": "ob:accept:1"}]]}
    with db.scope() as session:
        person = make_person(session, telegram_user_id=603)
        for index in range(3):
            outbox.enqueue(session, kind="notice", text=f"通知{index}", now=now, person=person)
        outbox.enqueue(
            session, kind="notice", text="请处理异议", now=now, person=person, reply_markup=buttons
        )
    assert send_due(db, now) == ["通知0", "通知1", "请处理异议"]
    assert {r.text: r.status for r in all_rows(db)}["通知2"] == OutboxStatus.FOLDED


def test_the_cycle_cap_runs_from_the_latest_meeting(db, now):
    with db.scope() as session:
        park = make_park(session)
        admin = make_person(session, is_admin=True, telegram_user_id=603)
        plan = meetings.prepare(
            session, starts_at=now + timedelta(hours=1), park_id=park.id, place="管委会",
            deadline=now + timedelta(minutes=30), now=now, tz=SHANGHAI,
        )  # fmt: skip
        meetings.create(session, plan, now=now, actor=admin)
    caps = burden.Caps(daily=100, cycle=3, tz=SHANGHAI)
    for day in range(4):  # before the meeting: its cycle began 31 days back (none before)
        moment = now - timedelta(days=3 - day, hours=1)
        with db.scope() as session:
            outbox.enqueue(session, kind="notice", text=f"前{day}", now=moment, person_id=admin.id)
        send_due(db, moment, caps)
    assert [r.status for r in all_rows(db)] == ["sent", "sent", "sent", "folded"]
    after = now + timedelta(hours=2)  # the meeting has begun: a new cycle
    with db.scope() as session:
        outbox.enqueue(session, kind="notice", text="后", now=after, person_id=admin.id)
    assert send_due(db, after, caps) == ["后"]


def test_a_persons_second_message_of_a_batch_waits_for_the_next_batch(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=604)
        for index in range(3):
            outbox.enqueue(session, kind="notice", text=f"n{index}", now=now, person=person)
        rows = outbox.due(session, now=now, limit=10)
        kept = burden.screen(session, rows, now=now, caps=CAPS)
    # Nothing sent yet: the first is let through, the others are left queued, not decided.
    assert [r.text for r in kept] == ["n0", "n1", "n2"]
    assert {r.status for r in all_rows(db)} == {"queued"}


def test_one_digest_a_day_lists_what_was_folded(db, now):
    with db.scope() as session:
        person = make_person(session, "李敏", telegram_user_id=605)
        for index in range(4):
            text = f"第{index}条通知\n第二行不列出"
            outbox.enqueue(session, kind="notice", text=text, now=now, person=person)
    send_due(db, now)
    assert [r.status for r in all_rows(db)].count("folded") == 2
    with db.scope() as session:
        early = burden.queue_digests(
            session, now=local("2025-03-10 17:59"), caps=CAPS, catalogue=CATALOGUE, language="zh_CN"
        )
    assert early == 0
    evening = local("2025-03-10 18:05")
    with db.scope() as session:
        assert (
            burden.queue_digests(
                session, now=evening, caps=CAPS, catalogue=CATALOGUE, language="zh_CN"
            )
            == 1
        )
    # Over the cap and still delivered: the digest neither counts nor folds.
    [digest] = send_due(db, evening)
    assert "2 条消息未单独发送" in digest and "每人每天最多 2 条" in digest
    assert "1.【通知】第2条通知" in digest and "2.【通知】第3条通知" in digest
    assert "第二行" not in digest
    rows = all_rows(db)
    [digest_row] = [r for r in rows if r.kind == "digest"]
    assert digest_row.dedupe_key == f"digest:p{person.id}:2025-03-10"
    assert {r.digest_id for r in rows if r.status == "folded"} == {digest_row.id}
    # Folded after today's digest: tomorrow's digest lists it, today's does not repeat.
    with db.scope() as session:
        outbox.enqueue(session, kind="broadcast", text="晚间群发", now=evening, person=person)
    send_due(db, evening)
    with db.scope() as session:
        again = burden.queue_digests(
            session, now=local("2025-03-10 21:00"), caps=CAPS, catalogue=CATALOGUE, language="en"
        )
        assert again == 0
        person.language = "en"
        session.add(person)
    with db.scope() as session:
        assert (
            burden.queue_digests(
                session,
                now=local("2025-03-11 18:00"),
                caps=CAPS,
                catalogue=CATALOGUE,
                language="zh_CN",
            )
            == 1
        )
    [tomorrow] = send_due(db, local("2025-03-11 18:00"))
    assert "1. [broadcast] 晚间群发" in tomorrow and "these 1 messages" in tomorrow


def test_an_inactive_person_gets_no_digest(db, now):
    with db.scope() as session:
        person = make_person(session, telegram_user_id=606)
        for index in range(3):
            outbox.enqueue(session, kind="notice", text=f"n{index}", now=now, person=person)
    send_due(db, now)
    with db.scope() as session:
        person.active = False
        session.add(person)
        queued = burden.queue_digests(
            session, now=local("2025-03-10 19:00"), caps=CAPS, catalogue=CATALOGUE, language="zh_CN"
        )
    assert queued == 0


@pytest.fixture
def reminded(db):
    """李敏 owes two projects, 陈静 one (co-liaison of the first); the 7-day reminder queued."""
    created = local("2025-03-01 09:00")
    with db.scope() as session:
        park = make_park(session, "常德经开区")
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=701)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=702)
        chen = make_person(session, "陈静", is_liaison=True, telegram_user_id=703)
        a = make_project(session, name="中联起重机械", park=park, liaisons=(li, chen))
        b = make_project(session, name="美华尼龙四期", park=park, liaisons=(li,))
        plan = meetings.prepare(
            session, starts_at=local("2025-03-20 09:00"), park_id=park.id, place="管委会",
            deadline=local("2025-03-17 18:00"), now=created, tz=SHANGHAI, period="2025-02",
        )  # fmt: skip
        meeting = meetings.create(session, plan, now=created, actor=admin)
        run_due(
            session,
            now=local("2025-03-10 18:00"),
            messenger=Messenger(CATALOGUE, "zh_CN", POLICY),
        )
    return {"li": li, "chen": chen, "a": a, "b": b, "meeting": meeting}


def report(db, person, project, when: datetime) -> None:
    data = ReportInput(
        project_id=project.id, period="2025-02", investment_month=Decimal(10), stage="started",
        percent=Decimal(5), progress="开工", problems="", photos=[],
    )  # fmt: skip
    with db.scope() as session:
        submit_report(session, person=person, data=data, now=when)


def reminder_status(db, person) -> list[str]:
    return [r.status for r in all_rows(db) if r.kind == "reminder" and r.person_id == person.id]


def test_a_report_cancels_the_queued_reminders_of_those_who_owe_nothing_more(db, reminded):
    li, chen = reminded["li"], reminded["chen"]
    assert reminder_status(db, li) == reminder_status(db, chen) == ["queued"]
    report(db, li, reminded["a"], local("2025-03-10 18:01"))
    # 陈静 owed only the first project: settled. 李敏 still owes the second: still reminded.
    assert reminder_status(db, chen) == ["cancelled"]
    assert reminder_status(db, li) == ["queued"]
    report(db, li, reminded["b"], local("2025-03-10 18:02"))
    assert reminder_status(db, li) == ["cancelled"]
    [row] = [r for r in all_rows(db) if r.person_id == li.id]
    assert row.last_error == burden.SETTLED
    # The next reminders are computed at fire time: nobody owes anything, nobody is reminded.
    with db.scope() as session:
        run_due(
            session, now=local("2025-03-14 18:00"), messenger=Messenger(CATALOGUE, "zh_CN", POLICY)
        )
    assert reminder_status(db, li) == ["cancelled"]


def test_the_figures_by_person_and_kind_most_first(db, now):
    with db.scope() as session:
        quiet = make_person(session, "周涛", is_liaison=True, telegram_user_id=801)
        busy = make_person(session, "王强", is_leader=True, is_admin=True, telegram_user_id=802)
        old = now - timedelta(days=40)
        outbox.enqueue(session, kind="notice", text="旧", now=old, person=quiet)
        outbox.enqueue(session, kind="answer", text="回复", now=now, chat_id=802, person_id=busy.id)
        for kind in ("reminder", "notice", "notice", "notice", "broadcast"):
            outbox.enqueue(session, kind=kind, text=kind, now=now, person=busy)
        outbox.enqueue(session, kind="notice", text="n", now=now, person=quiet)
    send_due(db, old)
    send_due(db, now)
    with db.scope() as session:
        table = burden.burden_table(session, now=now, days=30)
    assert [p.name for p in table.people] == ["王强", "周涛"]
    wang, zhou = table.people
    assert wang.sent == {"reminder": 1, "notice": 1} and wang.folded == {
        "notice": 2,
        "broadcast": 1,
    }
    assert (wang.total_sent, wang.total_folded, wang.roles) == (2, 3, ["admin", "leader"])
    assert zhou.sent == {"notice": 1} and zhou.folded == {}  # the 40-day-old one is left out
    assert table.kinds == ["reminder", "notice", "broadcast"]
    with pytest.raises(ValueError):
        burden.burden_table(session, now=now, days=0)


def test_the_demo_has_figures_to_read_once(db, now):
    from bot.demo.burden import seed_demo_burden

    with db.scope() as session:  # the demo roster's people it writes for (bot/demo/roster.py)
        for name, phone, role in (
            ("张伟", "13900000021", "is_liaison"), ("王芳", "13900000022", "is_liaison"),
            ("李娜", "13900000023", "is_liaison"), ("李明", "13900000011", "is_leader"),
            ("陈志强", "13900000001", "is_admin"),
        ):  # fmt: skip
            make_person(session, name, phone=phone, **{role: True})
        assert seed_demo_burden(session, now=now) > 0
        assert seed_demo_burden(session, now=now) == 0  # written once
        table = burden.burden_table(session, now=now, days=30)
    names = [p.name for p in table.people]
    assert len(names) == 5 and set(names[:3]) == {"张伟", "王芳", "李娜"}  # liaisons: reminders
    [zhang] = [p for p in table.people if p.name == "张伟"]
    assert zhang.sent == {"reminder": 3, "notice": 3, "broadcast": 6, "digest": 1}
    assert zhang.folded == {"notice": 2}
    # The history keeps the rules it shows: within the cycle cap, foldable within its reserve.
    counted = sum(n for kind, n in zhang.sent.items() if kinds.counted(kind))
    assert counted <= 15 and counted - zhang.sent["reminder"] <= 15 - 4


def test_a_broadcasts_status_says_how_many_got_it_in_their_digest(db, now):
    from bot.services import Services
    from bot.settings import Settings
    from bot.telegram.broadcast_progress import _status_update
    from models import Broadcast

    with db.scope() as session:
        admin = make_person(session, is_admin=True, telegram_user_id=901)
        sent = Broadcast(
            audience="everyone", text="通知", recipients=2, created_by_id=admin.id,
            status_chat_id=901, status_message_id=1, created_at=now,
        )  # fmt: skip
        session.add(sent)
        session.flush()
        for chat in (902, 903):
            row = outbox.enqueue(
                session, kind="broadcast", text="通知", now=now, chat_id=chat, broadcast_id=sent.id
            )
            burden.fold(session, row, now=now)
        services = Services(settings=Settings(_env_file=None), db=db, catalogue=CATALOGUE)
        _, _, text, finished = _status_update(session, services, sent.id)
    assert finished and CATALOGUE.text("zh_CN", "broadcast-folded", count=2) in text


def test_a_long_digest_names_twenty_and_counts_the_rest(now):
    items = [
        OutboxMessage(kind="broadcast", text=f"群发{n}", not_before=now, created_at=now)
        for n in range(25)
    ]
    text = burden.digest_text(CATALOGUE, "zh_CN", items, CAPS)
    assert "20.【群发】群发19" in text and "群发20" not in text
    assert CATALOGUE.text("zh_CN", "burden-digest-more", count=5) in text
