"""The burden cap (减负): per person, at most K bot-initiated messages a day and per meeting cycle.

The 2023 rules against 指尖上的形式主义 forbid over-messaging cadres. The cap is decided at send
time: the sender (bot/telegram/sender.py) passes each batch it loaded through `screen`, which
sees what already went out. A message that would put its person over the daily cap (a local
day) or the cycle cap (from the latest meeting's start to the next meeting) is not sent when
its kind may fold (bot/outbox/kinds.py has the order): its row turns "folded", and once a day,
at the digest time, `queue_digests` writes each person one message listing what was folded.
Rows are the truth: a folded row waits with `digest_id` empty until a digest lists it, so a
restart loses nothing.

Never folded, though they count: reminders (folded into an evening digest a deadline reminder
would come after the deadline), leaders' instructions and escalations (a decision would wait),
assignments and security alerts. So that they find room, a few places of each cap are kept for
them (PARKBOT_BURDEN_DAILY_RESERVE, PARKBOT_BURDEN_CYCLE_RESERVE: by default one a day and four
a cycle, one per default reminder offset): a notice folds once only the unused reserve is left.
Past the reserve they still go out, which is the one way a person gets more than K.

The digest itself does not count. It exists only because the cap was reached: counted, it
would either fold itself (and what it lists would never be seen) or push its person over the
cap by one. It is one message per person per local day at most (its dedupe key), so a person
gets at most K counted messages plus one digest a day.

Answers to a person's own requests (kind "answer", "slow-down") never count: they are replies.

Reminders stop the moment the report is in: `settle_reminders` (called by the report
submission, in its transaction) cancels the still-queued reminders of a liaison who owes
nothing more for the period.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from sqlalchemy import case, func, update
from sqlmodel import Session, col, select

from bot.i18n import Catalogue
from bot.outbox import queue as outbox
from bot.outbox.kinds import (
    ANSWER_KINDS,
    DIGEST_KIND,
    NOT_COUNTED,
    URGENT_KINDS,
    counted,
    foldable,
    priority,
)
from bot.settings import Settings
from models import (
    Meeting,
    MeetingStatus,
    OutboxMessage,
    OutboxStatus,
    Person,
    ProgressReport,
    Project,
    ProjectLiaison,
)

# Before the first meeting a cycle is the last 31 days (the campaign meets monthly).
FIRST_CYCLE = timedelta(days=31)
DIGEST_LISTS_AT_MOST = 20  # items named in one digest; the rest are counted
DIGEST_LINE_CHARS = 60  # of each folded message's first line
SETTLED = "reported"  # last_error of a reminder cancelled because the report is in


@dataclass(frozen=True)
class Caps:
    """The caps, the places of each kept for what never folds, and the local time zone."""

    daily: int
    cycle: int
    tz: tzinfo
    digest_at: time = time(18, 0)
    daily_reserve: int = 0
    cycle_reserve: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> "Caps":
        """PARKBOT_BURDEN_DAILY_CAP, _CYCLE_CAP, _DAILY_RESERVE, _CYCLE_RESERVE, _DIGEST_AT."""
        return cls(
            daily=settings.burden_daily_cap,
            cycle=settings.burden_cycle_cap,
            tz=settings.tz,
            digest_at=settings.burden_digest_time,
            daily_reserve=settings.burden_daily_reserve,
            cycle_reserve=settings.burden_cycle_reserve,
        )


@dataclass(frozen=True)
class Sent:
    """Counted messages a person was sent in a window, and how many of them never fold."""

    total: int = 0
    urgent: int = 0


NOTHING = Sent()


def over_cap(today: Sent, cycle: Sent, caps: Caps) -> str | None:
    """Which cap one more foldable message would break: "day", "cycle", or None.

    A foldable message may not take the places kept for urgent ones: of each cap, the reserve
    less the urgent messages already sent in that window.
    """
    if today.total >= caps.daily - max(caps.daily_reserve - today.urgent, 0):
        return "day"
    if cycle.total >= caps.cycle - max(caps.cycle_reserve - cycle.urgent, 0):
        return "cycle"
    return None


def day_start(now: datetime, tz: tzinfo) -> datetime:
    """Local midnight of `now`'s day."""
    local = now.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def cycle_start(session: Session, now: datetime) -> datetime:
    """The start of the latest meeting not after `now` (not cancelled), else 31 days back."""
    query = select(func.max(Meeting.starts_at)).where(
        Meeting.status != MeetingStatus.CANCELLED.value, Meeting.starts_at <= now
    )
    started = session.exec(query).one()
    return started if started is not None else now - FIRST_CYCLE


def sent_since(session: Session, person_ids: Iterable[int], since: datetime) -> dict[int, Sent]:
    """Counted messages sent to each person since `since` (and how many were urgent)."""
    ids = list(person_ids)
    if not ids:
        return {}
    urgent = case((col(OutboxMessage.kind).in_(URGENT_KINDS), 1), else_=0)
    query = (
        select(OutboxMessage.person_id, func.count(), func.sum(urgent))
        .where(
            col(OutboxMessage.person_id).in_(ids),
            OutboxMessage.status == OutboxStatus.SENT.value,
            col(OutboxMessage.sent_at) >= since,
            col(OutboxMessage.kind).not_in(sorted(NOT_COUNTED)),
        )
        .group_by(OutboxMessage.person_id)
    )
    return {
        person_id: Sent(int(count), int(urgent_count or 0))
        for person_id, count, urgent_count in session.exec(query)
    }


def screen(
    session: Session, rows: Sequence[OutboxMessage], *, now: datetime, caps: Caps
) -> list[OutboxMessage]:
    """The rows to send now: foldable ones over their person's cap are folded and left out.

    Only a person's first counted row of the batch is decided: the sender sends one message
    per chat at a time (and records it before the next starts), so the rest of that person's
    rows wait and are decided in a later batch, against counts that include this one.
    """
    people = {r.person_id for r in rows if r.person_id is not None and may_fold(r)}
    if not people:
        return list(rows)
    today = sent_since(session, people, day_start(now, caps.tz))
    cycle = sent_since(session, people, cycle_start(session, now))
    decided: set[int] = set()
    kept: list[OutboxMessage] = []
    for row in rows:
        person = row.person_id
        if person is None or not counted(row.kind) or person in decided:
            kept.append(row)
            continue
        if may_fold(row) and over_cap(today.get(person, NOTHING), cycle.get(person, NOTHING), caps):
            fold(session, row, now=now)
            continue
        decided.add(person)
        kept.append(row)
    return kept


def may_fold(row: OutboxMessage) -> bool:
    """Whether the row may fold: a foldable kind that asks for no action.

    A message with buttons (an objection's 采纳 / 驳回, the pack's 获取会前材料) asks its reader to
    act; a digest line cannot carry the buttons, so it goes out as itself, and counts.
    """
    markup = row.reply_markup or {}
    return foldable(row.kind) and not markup.get("inline_keyboard")


def fold(session: Session, row: OutboxMessage, *, now: datetime) -> None:
    """Marks a queued row folded (its time kept in not_before): the next digest lists it."""
    statement = (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == row.id,
            OutboxMessage.status == OutboxStatus.QUEUED.value,
        )
        .values(status=OutboxStatus.FOLDED.value, not_before=now)
    )
    session.execute(statement.execution_options(synchronize_session=False))


# -- the daily digest ----------------------------------------------------------------------


def digest_key(person_id: int, now: datetime, tz: tzinfo) -> str:
    """The digest's dedupe key: one per person per local day."""
    return f"digest:p{person_id}:{now.astimezone(tz).date().isoformat()}"


def queue_digests(
    session: Session, *, now: datetime, caps: Caps, catalogue: Catalogue, language: str
) -> int:
    """From the digest time on, one digest per person listing their not yet listed folded
    messages; returns how many digests were queued. Folded after today's digest: tomorrow's."""
    if now.astimezone(caps.tz).time() < caps.digest_at:
        return 0
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.FOLDED.value,
            col(OutboxMessage.digest_id).is_(None),
            col(OutboxMessage.person_id).is_not(None),
        )
        .order_by(OutboxMessage.person_id, OutboxMessage.not_before, OutboxMessage.id)
    )
    waiting: dict[int, list[OutboxMessage]] = defaultdict(list)
    for row in session.exec(query):
        waiting[row.person_id].append(row)  # type: ignore[index]
    if not waiting:
        return 0
    people = {
        p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(list(waiting))))
    }
    queued = 0
    for person_id, items in waiting.items():
        person = people.get(person_id)
        if person is None or not person.active:
            continue  # lost access: nothing more is sent to them
        text = digest_text(catalogue, person.language or language, items, caps)
        digest = outbox.enqueue(
            session,
            kind=DIGEST_KIND,
            text=text,
            now=now,
            person=person,
            dedupe_key=digest_key(person_id, now, caps.tz),
        )
        if digest is None:
            continue  # today's digest went out already: these wait for tomorrow's
        statement = (
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_([item.id for item in items]))
            .values(digest_id=digest.id)
        )
        session.execute(statement.execution_options(synchronize_session=False))
        queued += 1
    return queued


def digest_text(
    catalogue: Catalogue, language: str, items: Sequence[OutboxMessage], caps: Caps
) -> str:
    """The digest: why it came, then each folded message's kind and first line."""
    lines = [
        catalogue.text(
            language, "burden-digest-head", count=len(items), daily=caps.daily, cycle=caps.cycle
        )
    ]
    for index, item in enumerate(items[:DIGEST_LISTS_AT_MOST], start=1):
        first = (item.text.strip().splitlines() or [""])[0].strip()
        if len(first) > DIGEST_LINE_CHARS:
            first = first[: DIGEST_LINE_CHARS - 1] + "…"
        kind = catalogue.text(language, "burden-kind", kind=item.kind)
        lines.append(
            catalogue.text(language, "burden-digest-line", index=index, kind=kind, text=first)
        )
    if len(items) > DIGEST_LISTS_AT_MOST:
        more = len(items) - DIGEST_LISTS_AT_MOST
        lines.append(catalogue.text(language, "burden-digest-more", count=more))
    lines.append(catalogue.text(language, "burden-digest-foot"))
    return "\n".join(lines)


# -- reminders stop when the report is in --------------------------------------------------


def settle_reminders(
    session: Session, *, project_id: int, period: str, reporter_id: int | None, now: datetime
) -> int:
    """After a report for `period`: the still-queued reminders of that period's meetings to
    each of the project's liaisons (and the reporter) who owe nothing more are cancelled."""
    meetings = select(Meeting.id).where(Meeting.period == period)
    liaisons = set(
        session.exec(
            select(ProjectLiaison.person_id).where(ProjectLiaison.project_id == project_id)
        )
    )
    if reporter_id is not None:
        liaisons.add(reporter_id)
    settled = [person for person in sorted(liaisons) if not _still_owes(session, person, period)]
    if not settled:
        return 0
    statement = (
        update(OutboxMessage)
        .where(
            OutboxMessage.kind == "reminder",
            OutboxMessage.status == OutboxStatus.QUEUED.value,
            col(OutboxMessage.meeting_id).in_(meetings),
            col(OutboxMessage.person_id).in_(settled),
        )
        .values(status=OutboxStatus.CANCELLED.value, last_error=SETTLED, not_before=now)
    )
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def _still_owes(session: Session, person_id: int, period: str) -> bool:
    """Whether one of the person's active projects has no current report for the period."""
    theirs = (
        select(Project.id)
        .join(ProjectLiaison, col(ProjectLiaison.project_id) == Project.id)
        .where(ProjectLiaison.person_id == person_id, Project.active)
    )
    reported = select(ProgressReport.project_id).where(
        ProgressReport.period == period, ProgressReport.is_current
    )
    query = select(func.count()).select_from(
        theirs.where(col(Project.id).not_in(reported)).subquery()
    )
    return session.exec(query).one() > 0


# -- the figures: parkbot burden and the board's admin page --------------------------------


@dataclass
class PersonBurden:
    """What one person received in the window, by kind: sent and folded."""

    person_id: int
    name: str
    roles: list[str]
    sent: dict[str, int] = field(default_factory=dict)
    folded: dict[str, int] = field(default_factory=dict)

    @property
    def total_sent(self) -> int:
        """Messages that reached the person (the digests included)."""
        return sum(self.sent.values())

    @property
    def total_folded(self) -> int:
        """Messages folded into digests instead."""
        return sum(self.folded.values())

    @property
    def kinds(self) -> list[str]:
        """The kinds this person received, in the table's order."""
        return sorted(self.sent.keys() | self.folded.keys(), key=kind_order)


def kind_order(kind: str) -> tuple[int, str]:
    """Kinds in priority order (bot/outbox/kinds.py), then by name."""
    return priority(kind), kind


@dataclass
class BurdenTable:
    """The figures of the last `days` days, most messages first."""

    days: int
    since: datetime
    people: list[PersonBurden]

    @property
    def kinds(self) -> list[str]:
        """Every kind anyone received, in priority order."""
        return sorted({kind for p in self.people for kind in p.kinds}, key=kind_order)


MIN_DAYS, MAX_DAYS = 1, 366


def burden_table(session: Session, *, now: datetime, days: int = 30) -> BurdenTable:
    """Per person, the bot-initiated messages of the last `days` days by kind (sent, folded);
    answers to their own requests are left out."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(f"days must be {MIN_DAYS}-{MAX_DAYS}")
    since = now - timedelta(days=days)
    people: dict[int, PersonBurden] = {}

    def entry(person: Person) -> PersonBurden:
        if person.id not in people:
            roles = [role for role, has in person_roles(person) if has]
            people[person.id] = PersonBurden(person.id, person.name, roles)  # type: ignore[arg-type]
        return people[person.id]  # type: ignore[index]

    for status, moment, column in (
        (OutboxStatus.SENT, OutboxMessage.sent_at, "sent"),
        (OutboxStatus.FOLDED, OutboxMessage.not_before, "folded"),
    ):
        query = (
            select(Person, OutboxMessage.kind, func.count())
            .join(OutboxMessage, col(OutboxMessage.person_id) == Person.id)
            .where(
                OutboxMessage.status == status.value,
                col(moment) >= since,
                col(OutboxMessage.kind).not_in(list(ANSWER_KINDS)),
            )
            .group_by(Person.id, OutboxMessage.kind)
        )
        for person, kind, count in session.exec(query):
            getattr(entry(person), column)[kind] = int(count)
    ranked = sorted(
        people.values(), key=lambda p: (-p.total_sent, -p.total_folded, p.name, p.person_id)
    )
    return BurdenTable(days, since, ranked)


def person_roles(person: Person) -> list[tuple[str, bool]]:
    """The person's roles as (role, has it), admin first."""
    return [
        ("admin", person.is_admin),
        ("leader", person.is_leader),
        ("liaison", person.is_liaison),
    ]
