"""The report form as a state machine over a draft row: every answer is stored at once.

Handlers call one function per user action; each validates, writes the draft and returns
the step to ask next, or raises FormRefused so the same question is asked again.
"""

import unicodedata
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Session, select

from bot.formatting import format_money
from bot.parsing import ParseError, parse_money, parse_percent, period_of, previous_period
from bot.people.access import can_report
from bot.reporting import media
from bot.reporting.media import PhotoLimits, megabytes
from bot.reporting.reports import (
    ReportInput,
    ReportRefused,
    Submitted,
    cumulative_before,
    current_report,
    own_projects,
    prior_report,
    submit_report,
)
from bot.text_limits import units
from models import Person, Project
from models.draft import DraftStatus, ReportDraft
from models.report import ProgressReport, Stage

MAX_PROGRESS = 1000
MAX_PROBLEMS = 1000
MAX_PHOTOS = 5
DROPPED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


class Step(StrEnum):
    """The questions of the form."""

    PROJECT = "project"
    PERIOD = "period"
    REVISE = "revise"
    INVESTMENT = "investment"
    STAGE = "stage"
    STAGE_CONFIRM = "stage_confirm"
    PERCENT = "percent"
    PERCENT_CONFIRM = "percent_confirm"
    PROGRESS = "progress"
    PROBLEMS = "problems"
    PHOTOS = "photos"
    SUMMARY = "summary"
    EDIT = "edit"


# The order Back walks; confirmations and the revise question step back to their question.
ORDER = [
    Step.PROJECT,
    Step.PERIOD,
    Step.INVESTMENT,
    Step.STAGE,
    Step.PERCENT,
    Step.PROGRESS,
    Step.PROBLEMS,
    Step.PHOTOS,
    Step.SUMMARY,
]
BACK_TO = {
    Step.REVISE: Step.PERIOD,
    Step.STAGE_CONFIRM: Step.STAGE,
    Step.PERCENT_CONFIRM: Step.PERCENT,
    Step.EDIT: Step.SUMMARY,
}
EDITABLE = (Step.INVESTMENT, Step.STAGE, Step.PERCENT, Step.PROGRESS, Step.PROBLEMS, Step.PHOTOS)


class FormRefused(Exception):
    """The answer is not accepted; `key` is the catalogue key of the reason."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# -- opening and closing -------------------------------------------------------------------


def person_and_draft(
    session: Session, telegram_user_id: int
) -> tuple[Person | None, ReportDraft | None]:
    """The active person bound to this account and their open form, in one query."""
    query = (
        select(Person, ReportDraft)
        .outerjoin(
            ReportDraft,
            (ReportDraft.person_id == Person.id) & (ReportDraft.status == DraftStatus.OPEN.value),
        )
        .where(Person.telegram_user_id == telegram_user_id, Person.active)
        .order_by(ReportDraft.id.desc())
        .limit(1)
    )
    row = session.exec(query).first()
    return (row[0], row[1]) if row else (None, None)


def open_draft(session: Session, person: Person) -> ReportDraft | None:
    """The person's open form, if any."""
    query = select(ReportDraft).where(
        ReportDraft.person_id == person.id, ReportDraft.status == DraftStatus.OPEN.value
    )
    return session.exec(query.order_by(ReportDraft.id.desc())).first()


def is_expired(draft: ReportDraft, now: datetime, ttl: timedelta) -> bool:
    """Whether an open draft has been left alone for longer than `ttl`."""
    return draft.status == DraftStatus.OPEN.value and now - draft.updated_at > ttl


REPLAY_WINDOW = timedelta(days=1)


def is_replay(draft: ReportDraft, sequence: int, now: datetime) -> bool:
    """Whether this input was already applied (an update delivered again after a crash).

    Telegram's update ids only grow, except after a week without updates; redeliveries come
    within minutes, so only recent drafts are checked.
    """
    recent = now - draft.updated_at < REPLAY_WINDOW
    return recent and sequence <= draft.answers.get("last_input", -1)


def mark_input(draft: ReportDraft, sequence: int) -> None:
    """Records the input being applied, so a redelivery of it is recognised."""
    _update(draft, draft.updated_at, last_input=sequence)


def expire_stale(session: Session, *, now: datetime, ttl: timedelta) -> list[ReportDraft]:
    """Closes every open form left alone for longer than `ttl`; returns them."""
    query = select(ReportDraft).where(
        ReportDraft.status == DraftStatus.OPEN.value, ReportDraft.updated_at < now - ttl
    )
    stale = list(session.exec(query))
    for draft in stale:
        close(session, draft, DraftStatus.EXPIRED, now)
    return stale


def close(session: Session, draft: ReportDraft, status: DraftStatus, now: datetime) -> None:
    """Ends a form (cancelled, expired or submitted); photo files no report keeps go."""
    draft.status = status.value
    draft.updated_at = now
    session.add(draft)
    media.discard(session, media.photo_paths(draft.answers.get("photos", [])))


def start(
    session: Session,
    *,
    person: Person,
    chat_id: int,
    now: datetime,
    choices: list[Project] | None = None,
) -> ReportDraft:
    """Opens a new form (closing any open one) over `choices` (default: the person's projects).

    With a single choice the project is picked at once.
    """
    previous = open_draft(session, person)
    if previous is not None:
        close(session, previous, DraftStatus.CANCELLED, now)
    draft = ReportDraft(
        person_id=person.id,
        chat_id=chat_id,
        step=Step.PROJECT.value,
        answers={"current_period": period_of(now.date())},
        created_at=now,
        updated_at=now,
    )
    if choices is None:
        choices = own_projects(session, person)
    draft.answers["choices"] = [project.id for project in choices]
    session.add(draft)
    session.flush()
    if len(choices) == 1:
        choose_project(session, draft, person=person, project_id=choices[0].id, now=now)
    return draft


# -- answers ---------------------------------------------------------------------------------


def choose_project(
    session: Session, draft: ReportDraft, *, person: Person, project_id: int, now: datetime
) -> None:
    """Sets the project; only its liaisons and admins may report on it."""
    project = session.get(Project, project_id)
    if project is None or not project.active or not can_report(session, person, project_id):
        raise FormRefused("report-not-yours")
    _update(
        draft,
        now,
        step=Step.PERIOD,
        project_id=project.id,
        project_name=project.name,
        total=_text(project.total_investment),
    )


def periods(draft: ReportDraft) -> list[str]:
    """The periods offered: this month first, then the previous one."""
    current = draft.answers["current_period"]
    return [current, previous_period(current)]


def choose_period(session: Session, draft: ReportDraft, *, period: str, now: datetime) -> None:
    """Sets the period; an existing report asks whether to revise it."""
    if period not in periods(draft):
        raise FormRefused("report-period-not-offered")
    project_id = draft.answers["project_id"]
    existing = current_report(session, project_id, period)
    prior = prior_report(session, project_id, period)
    base = {
        "period": period,
        "previous_cumulative": _text(cumulative_before(session, project_id, period)),
        "prior": _snapshot(prior),
        "prefill": _snapshot(existing or prior),
        "revision_of": existing.id if existing else None,
        "existing_revision": existing.revision if existing else None,
        "existing_at": existing.submitted_at.isoformat() if existing else None,
        "existing_reporter_name": _person_name(session, existing.reporter_id) if existing else None,
    }
    _update(draft, now, step=Step.REVISE if existing else Step.INVESTMENT, **base)


def confirm_revision(draft: ReportDraft, now: datetime) -> None:
    """Goes on to revise the existing report, its answers prefilled."""
    _update(draft, now, step=Step.INVESTMENT)


def copy_previous(session: Session, draft: ReportDraft, now: datetime) -> None:
    """Takes every answer from the prefill (an uneventful month) and shows the summary."""
    prefill = draft.answers.get("prefill")
    if not prefill:
        raise FormRefused("report-nothing-to-copy")
    amount = Decimal(prefill["investment_month"])
    _check_total(session, draft, amount)
    dropped = media.photo_paths(draft.answers.get("photos", []))
    _update(
        draft,
        now,
        step=Step.SUMMARY,
        investment=prefill["investment_month"],
        stage=prefill["stage"],
        percent=prefill["percent"],
        progress=prefill["progress"],
        problems=prefill["problems"] if draft.answers.get("revision_of") else "",
        photos=[],
    )
    media.discard(session, dropped)


def answer_investment(session: Session, draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores this month's investment (万元) after checking it against the project's total."""
    try:
        amount = parse_money(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    _check_total(session, draft, amount)
    _advance(draft, now, investment=_text(amount))


def answer_stage(draft: ReportDraft, stage: str, now: datetime) -> None:
    """Stores the stage; one earlier than last period's asks for a confirmation first."""
    if stage not in {item.value for item in Stage}:
        raise FormRefused("report-stage-unknown")
    prior = draft.answers.get("prior")
    if prior and Stage(stage).rank < Stage(prior["stage"]).rank:
        _update(draft, now, step=Step.STAGE_CONFIRM, pending_stage=stage)
        return
    _advance(draft, now, stage=stage)


def confirm_stage(draft: ReportDraft, now: datetime) -> None:
    """Accepts a stage earlier than last period's."""
    _advance(draft, now, from_step=Step.STAGE, stage=draft.answers["pending_stage"])


def answer_percent(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores physical progress 0–100; lower than last period's asks for a confirmation."""
    try:
        percent = parse_percent(text)
    except ParseError as error:
        raise FormRefused(error.message_key, **error.params) from None
    prior = draft.answers.get("prior")
    if prior and percent < Decimal(prior["percent"]):
        _update(draft, now, step=Step.PERCENT_CONFIRM, pending_percent=_text(percent))
        return
    _advance(draft, now, percent=_text(percent))


def confirm_percent(draft: ReportDraft, now: datetime) -> None:
    """Accepts a percentage lower than last period's."""
    _advance(draft, now, from_step=Step.PERCENT, percent=draft.answers["pending_percent"])


def answer_progress(draft: ReportDraft, text: str, now: datetime) -> None:
    """Stores the main progress text; an overlong one is kept so nothing typed is lost."""
    cleaned = _clean_text(text)
    if not cleaned:
        raise FormRefused("report-progress-empty")
    # Counted as Telegram counts (an emoji is 2), so the summary quoting both texts fits in
    # one message.
    if units(cleaned) > MAX_PROGRESS:
        _update(draft, now, progress_overlong=cleaned)
        raise FormRefused("report-progress-too-long", length=units(cleaned), limit=MAX_PROGRESS)
    _advance(draft, now, progress=cleaned, progress_overlong=None)


def answer_problems(draft: ReportDraft, text: str | None, now: datetime) -> None:
    """Stores the problems needing coordination (None: there are none)."""
    cleaned = _clean_text(text or "")
    if units(cleaned) > MAX_PROBLEMS:
        raise FormRefused("report-problems-too-long", length=units(cleaned), limit=MAX_PROBLEMS)
    _advance(draft, now, problems=cleaned)


def reserve_photo(
    session: Session, draft: ReportDraft, image: dict, *, limits: PhotoLimits, now: datetime
) -> bool:
    """Checks a photo against the limits before it is downloaded, and counts it for the day.

    Returns False when this very photo is already on the form (nothing to download). Sizes
    are the ones Telegram announces; add_photo checks the downloaded file again.
    """
    photos = draft.answers.get("photos", [])
    if any(p["file_unique_id"] == image["file_unique_id"] and p.get("local_path") for p in photos):
        return False
    _check_photo(photos, image, image.get("size"), limits)
    day = now.date().isoformat()
    if photos_fetched_on(session, draft.person_id, now) >= limits.daily_count:
        raise FormRefused("report-photo-daily-limit", limit=limits.daily_count)
    fetched = draft.answers.get("fetched", {})
    _update(draft, now, fetched={day: fetched.get(day, 0) + 1})
    return True


def photos_fetched_on(session: Session, person_id: int, now: datetime) -> int:
    """How many photos this person's forms downloaded on `now`'s day (closed forms too)."""
    day_start = datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)
    query = select(ReportDraft.answers).where(
        ReportDraft.person_id == person_id, ReportDraft.updated_at >= day_start
    )
    day = now.date().isoformat()
    return sum(answers.get("fetched", {}).get(day, 0) for answers in session.exec(query))


def add_photo(
    session: Session, draft: ReportDraft, photo: dict, *, limits: PhotoLimits, now: datetime
) -> int:
    """Attaches a downloaded photo; returns how many there are. The fifth one ends the step."""
    old = draft.answers.get("photos", [])
    photos = [item for item in old if item["file_unique_id"] != photo["file_unique_id"]]
    _check_photo(photos, photo, photo.get("size"), limits)
    photos.append(photo)
    if len(photos) >= MAX_PHOTOS:
        _advance(draft, now, photos=photos)
    else:
        _update(draft, now, photos=photos)
    # A photo sent again replaces its earlier copy; a file no longer referred to goes.
    media.discard(session, media.photo_paths(old) - media.photo_paths(photos))
    return len(photos)


def _check_photo(photos: list[dict], image: dict, size: int | None, limits: PhotoLimits) -> None:
    """Refuses a photo past the count, its own size cap or the report's total."""
    others = [p for p in photos if p["file_unique_id"] != image["file_unique_id"]]
    if len(others) >= MAX_PHOTOS:
        raise FormRefused("report-photos-full", limit=MAX_PHOTOS)
    if size is None:
        return
    if size > limits.max_bytes:
        raise FormRefused(
            "report-photo-too-large", size=megabytes(size), limit=megabytes(limits.max_bytes)
        )
    total = sum(p.get("size") or 0 for p in others) + size
    if total > limits.report_bytes:
        raise FormRefused("report-photos-too-large", limit=megabytes(limits.report_bytes))


def finish_photos(draft: ReportDraft, now: datetime) -> None:
    """Done with photos (none is fine)."""
    _advance(draft, now, photos=draft.answers.get("photos", []))


def back(draft: ReportDraft, now: datetime) -> None:
    """Returns to the previous question, answers kept; while editing, back to the summary."""
    step = Step(draft.step)
    if draft.answers.get("editing") and step in EDITABLE:
        target = Step.SUMMARY
    elif step in BACK_TO:
        target = BACK_TO[step]
    else:
        index = ORDER.index(step)
        target = ORDER[max(index - 1, 0)]
    _update(draft, now, step=target, editing=False)


def edit(draft: ReportDraft, field: str, now: datetime) -> None:
    """From the summary: jumps to one question, then back to the summary."""
    if field == "menu":
        _update(draft, now, step=Step.EDIT)
        return
    if field not in {step.value for step in EDITABLE}:
        raise FormRefused("report-stage-unknown")
    _update(draft, now, step=Step(field), editing=True)


def submit(session: Session, draft: ReportDraft, *, person: Person, now: datetime) -> Submitted:
    """Writes the report in this transaction and closes the form."""
    if Step(draft.step) is not Step.SUMMARY:
        raise FormRefused("report-not-finished")
    answers = draft.answers
    data = ReportInput(
        project_id=answers["project_id"],
        period=answers["period"],
        investment_month=Decimal(answers["investment"]),
        stage=answers["stage"],
        percent=Decimal(answers["percent"]),
        progress=answers["progress"],
        problems=answers.get("problems", ""),
        photos=[
            {key: photo[key] for key in ("file_id", "file_unique_id", "local_path")}
            for photo in answers.get("photos", [])
        ],
    )
    try:
        submitted = submit_report(session, person=person, data=data, now=now)
    except ReportRefused as refusal:
        raise FormRefused(f"report-{refusal.code}", **refusal.params) from None
    close(session, draft, DraftStatus.SUBMITTED, now)
    return submitted


# -- helpers -----------------------------------------------------------------------------------


def _check_total(session: Session, draft: ReportDraft, amount: Decimal) -> None:
    # The draft's snapshot of the project total and prior cumulative answers at once, with
    # no query; submit_report checks again against the database inside its transaction.
    answers = draft.answers
    cumulative = Decimal(answers["previous_cumulative"]) + amount
    if cumulative > Decimal(answers["total"]):
        raise FormRefused(
            "report-over-total",
            cumulative=format_money(cumulative, exact=True),
            total=format_money(answers["total"], exact=True),
        )


def _advance(draft: ReportDraft, now: datetime, from_step: Step | None = None, **answers) -> None:
    """Stores answers and moves to the next question (or back to the summary when editing)."""
    step = from_step or Step(draft.step)
    target = Step.SUMMARY if draft.answers.get("editing") else ORDER[ORDER.index(step) + 1]
    _update(draft, now, step=target, editing=False, **answers)


def _update(draft: ReportDraft, now: datetime, step: Step | None = None, **answers) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, **answers}
    if step is not None:
        draft.step = step.value
    draft.updated_at = now


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.name if person else ""


def _snapshot(report: ProgressReport | None) -> dict | None:
    if report is None:
        return None
    return {
        "period": report.period,
        "investment_month": _text(report.investment_month),
        "cumulative": _text(report.investment_cumulative),
        "stage": report.stage,
        "percent": _text(report.percent),
        "progress": report.progress,
        "problems": report.problems,
    }


def _text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def _clean_text(text: str) -> str:
    """Drops control and unassigned characters (keeping line breaks) and surrounding space."""
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in DROPPED_CATEGORIES
    ).strip()
    # Only zero-width or direction marks (category Cf) and spaces: nothing a reader can see.
    visible = any(unicodedata.category(ch)[0] in "LMNPS" for ch in kept)
    return kept if visible else ""
