"""A scripted month with three dispatch meetings, driven hour by hour through the same
functions the jobs and the sender call (reminders, the cap, the digest) with time as a
parameter: every person stays within the caps, what is over them folds into one digest a day,
and a liaison who has reported gets no more reminders (SQLite and PG)."""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.i18n import Catalogue
from bot.meetings import service as meetings
from bot.meetings.policy import ReminderPolicy, parse_offsets, parse_quiet_hours
from bot.meetings.reminders import Messenger, run_due
from bot.outbox import burden, kinds
from bot.outbox import queue as outbox
from bot.reporting.reports import ReportInput, submit_report
from models import Meeting, OutboxMessage, OutboxStatus
from tests.factories import make_park, make_person, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAPS = burden.Caps(
    daily=5, cycle=15, tz=SHANGHAI, digest_at=time(18, 0), daily_reserve=1, cycle_reserve=4
)  # the defaults
CATALOGUE = Catalogue()
POLICY = ReminderPolicy(
    parse_offsets("7d,3d,1d,2h"), parse_offsets("2h")[0], parse_quiet_hours("22:00-08:00"), SHANGHAI
)
MESSENGER = Messenger(CATALOGUE, "zh_CN", POLICY)
START, END = "2025-02-24 08:00", "2025-03-31 20:00"
# (meeting, deadline, period): three meetings in March, ten days apart.
MEETINGS = (
    ("2025-03-08 09:00", "2025-03-06 18:00", "2025-01"),
    ("2025-03-18 09:00", "2025-03-16 18:00", "2025-02"),
    ("2025-03-28 09:00", "2025-03-26 18:00", "2025-03"),
)
REPORTED_AT = "2025-03-13 10:00"  # 李敏 files both February reports between two reminders
# The command centre broadcasts six times in one day, the day of the third meeting's 7-day
# reminder (18:00): the broadcasts leave it the reserved place.
BURST_DAY = "2025-03-19"


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def send_due(db, now: datetime) -> None:
    """The sender at `now`: batches through the cap, one send per chat per batch, recorded."""
    while True:
        with db.scope() as session:
            rows = outbox.due(session, now=now, limit=100)
            chats: set[int] = set()
            for row in burden.screen(session, rows, now=now, caps=CAPS):
                if row.chat_id not in chats:
                    chats.add(row.chat_id)
                    outbox.mark_sent(session, row.id, telegram_message_id=row.id, now=now)
        if not rows:
            return


def broadcast(db, people, text: str, now: datetime) -> None:
    with db.scope() as session:
        for person in people:
            outbox.enqueue(session, kind="broadcast", text=text, now=now, person=person)


def test_a_month_with_three_meetings_stays_within_the_caps(db):
    with db.scope() as session:
        host, other = make_park(session, "常德经开区"), make_park(session, "津市高新区")
        admin = make_person(session, "赵磊", is_admin=True, telegram_user_id=901)
        leader = make_person(session, "王强", is_leader=True, telegram_user_id=902)
        li = make_person(session, "李敏", is_liaison=True, telegram_user_id=903)
        chen = make_person(session, "陈静", is_liaison=True, telegram_user_id=904)
        zhou = make_person(session, "周涛", is_liaison=True, telegram_user_id=905)
        projects = [
            make_project(session, name="中联起重机械", park=host, leader=leader, liaisons=(li,)),
            make_project(session, name="美华尼龙四期", park=host, leader=leader, liaisons=(li,)),
            make_project(session, name="德施普惠医药", park=host, leader=leader, liaisons=(chen,)),
            make_project(session, name="飞桥汽车板簧", park=other, liaisons=(zhou,)),
        ]
        created = local("2025-02-20 09:00")
        ids = []
        for starts, deadline, period in MEETINGS:
            plan = meetings.prepare(
                session, starts_at=local(starts), park_id=host.id, place="经开区管委会",
                deadline=local(deadline), now=created, tz=SHANGHAI, period=period,
            )  # fmt: skip
            ids.append(meetings.create(session, plan, now=created, actor=admin).id)
    everyone = [admin, leader, li, chen, zhou]
    reported = local(REPORTED_AT)

    now, end = local(START), local(END)
    filed = False
    while now <= end:
        with db.scope() as session:
            result = run_due(session, now=now, messenger=MESSENGER)
        local_now = now.astimezone(SHANGHAI)
        if local_now.hour == 9 and local_now.minute == 0:
            broadcast(db, everyone, f"{local_now:%m-%d} 每日调度通报", now)
        if f"{local_now:%Y-%m-%d}" == BURST_DAY and 10 <= local_now.hour <= 15:
            broadcast(db, everyone, f"{local_now:%H}时 紧急通知", now)
        if not filed and now >= reported:
            for project in projects[:2]:
                data = ReportInput(
                    project_id=project.id, period="2025-02", investment_month=Decimal(10),
                    stage="started", percent=Decimal(5), progress="开工", problems="", photos=[],
                )  # fmt: skip
                with db.scope() as session:
                    submit_report(session, person=li, data=data, now=now)
            filed = True
        send_due(db, now)
        with db.scope() as session:
            burden.queue_digests(session, now=now, caps=CAPS, catalogue=CATALOGUE, language="zh_CN")
        send_due(db, now)
        step = now + timedelta(hours=1)
        if step.astimezone(SHANGHAI).hour > 20:  # the quiet night: on to 08:00
            step = (step.astimezone(SHANGHAI) + timedelta(hours=11)).replace(hour=8, minute=0)
        if result.next_due is not None and now < result.next_due < step:
            step = result.next_due
        now = step

    with db.scope() as session:
        rows = list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))
        starts = sorted(m.starts_at for m in session.exec(select(Meeting)))
    sent = [r for r in rows if r.status == OutboxStatus.SENT]
    folded = [r for r in rows if r.status == OutboxStatus.FOLDED]
    assert not [r for r in rows if r.status == OutboxStatus.QUEUED]

    def cycle_of(moment: datetime) -> int:
        return sum(1 for start in starts if start <= moment)

    daily: Counter = Counter()
    cycles: Counter = Counter()
    digests: Counter = Counter()
    for row in sent:
        day = row.sent_at.astimezone(SHANGHAI).date()
        if kinds.counted(row.kind):
            daily[row.person_id, day] += 1
            cycles[row.person_id, cycle_of(row.sent_at)] += 1
        if row.kind == "digest":
            digests[row.person_id, day] += 1
    assert max(daily.values()) == CAPS.daily  # the cap is reached, and never passed
    burst_day = datetime.fromisoformat(BURST_DAY).date()
    # On the burst day the liaisons got four broadcasts and the reminder; the others four.
    assert {p.name: daily[p.id, burst_day] for p in everyone} == {
        "赵磊": 4,
        "王强": 4,
        "李敏": 5,
        "陈静": 5,
        "周涛": 5,
    }
    assert max(cycles.values()) == CAPS.cycle
    assert set(digests.values()) == {1}  # at most one digest a person a day
    # A broadcast every day: the liaisons' reminders filled the cycles' reserve up to the cap;
    # the admin and the leader had none, so four places stayed kept for an escalation.
    fullest = {p.name: max(cycles[p.id, c] for c in range(4)) for p in everyone}
    assert fullest == {"赵磊": 11, "王强": 11, "李敏": 15, "陈静": 15, "周涛": 15}

    # Folded: only foldable kinds, each listed by exactly one digest sent to its person.
    assert folded and {r.kind for r in folded} <= {"broadcast", "notice", "summary"}
    by_id = {r.id: r for r in rows}
    for row in folded:
        digest = by_id[row.digest_id]
        assert digest.kind == "digest" and digest.status == OutboxStatus.SENT
        assert digest.person_id == row.person_id and digest.sent_at >= row.not_before
    listed = defaultdict(int)
    for row in folded:
        listed[row.digest_id] += 1
    for digest_id, count in listed.items():
        assert f"以下 {count} 条消息未单独发送" in by_id[digest_id].text
    # The burst day folded for everyone; a reminder was never folded.
    burst = [r for r in folded if f"{r.not_before.astimezone(SHANGHAI):%Y-%m-%d}" == BURST_DAY]
    assert {r.person_id for r in burst} == {p.id for p in everyone}
    reminders = [r for r in rows if r.kind == "reminder"]
    assert reminders and {r.status for r in reminders} == {OutboxStatus.SENT}

    # 李敏 reported February's two projects: no reminder of that meeting after it, while 陈静,
    # who did not, still got the later ones; both got the next meeting's.
    def reminded(person, meeting_id):
        return sorted(
            r.sent_at for r in reminders if (r.person_id, r.meeting_id) == (person.id, meeting_id)
        )

    li_feb, chen_feb = reminded(li, ids[1]), reminded(chen, ids[1])
    assert li_feb and max(li_feb) < reported
    assert any(moment > reported for moment in chen_feb)
    assert reminded(li, ids[2]) and reminded(chen, ids[2])
