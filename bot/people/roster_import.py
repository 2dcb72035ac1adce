"""Imports the roster (项目 and 人员 tables): validates every row, then applies idempotently.

Validation comes first and is complete: every problem in the file is reported together, and
nothing is written unless the whole file is valid. Applying then matches parks by name, people
by phone and projects by name. Nobody is re-activated: a deactivated person the file lists stays
deactivated and is named in the summary. What the file no longer lists (people, when it has a
people table; projects, when it has a projects table) is named in the summary and left alone,
or deactivated with `deactivate_missing` (audited; their outstanding invites revoked).

Roles: a person listed in the people table gets exactly the roles the file gives them (the
table's roles plus those implied by the projects table: a project's leader is a leader, its
liaisons are liaisons). A person who appears only in the projects table keeps the roles they
already have and gains the implied ones, so a projects-only file never strips an admin.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from bot.db import Database
from bot.people.roster_apply import Applier, ImportSummary
from bot.people.roster_file import RosterError, RosterSheet
from bot.people.roster_pairing import PairingPlan, apply_pairings, check_pairings
from bot.people.roster_validation import Plan, check
from models import Park

PAIRING_KINDS = ("enterprises", "pairings")


def _validate(
    session: Session, sheets: list[RosterSheet], today: date
) -> tuple[Plan, PairingPlan | None]:
    """Every table's plan; RosterError listing every problem in the file (三个一 sheets too)."""
    known = _park_names(session) if _names_reporter_parks(sheets) else set()
    plan, errors = check(sheets, today=today, known_parks=known)
    pairing = None
    if any(sheet.kind in PAIRING_KINDS for sheet in sheets):
        pairing = check_pairings(session, sheets, plan, errors, today)
    if errors:
        raise RosterError(errors)
    return plan, pairing


def import_roster(
    session: Session,
    sheets: list[RosterSheet],
    *,
    now: datetime,
    today: date,
    actor: str,
    deactivate_missing: bool = False,
) -> ImportSummary:
    """Validates the whole roster, then applies it in `session`'s one transaction.

    Raises RosterError having written nothing. For small rosters written together with other
    rows (the demo); the command line uses `import_roster_batched`.
    """
    plan, pairing = _validate(session, sheets, today)
    applier = Applier(now=now, actor=actor)
    for step in applier.steps(plan, deactivate_missing=deactivate_missing):
        step(session)
    applier.settle(session)
    _apply_pairings(session, pairing, applier, now=now, actor=actor)
    return applier.summary


def _apply_pairings(
    session: Session, pairing: PairingPlan | None, applier: Applier, *, now: datetime, actor: str
) -> None:
    """The 三个一 sheets, applied once the parks, people and projects are written."""
    if pairing is None:
        return
    applier.summary.pairing_tables = True
    apply_pairings(session, pairing, applier.summary, now=now, actor=actor)


@dataclass(frozen=True)
class Batching:
    """Where the batched import ends its transactions.

    SQLite has one writer and no queue: a writer waiting on the lock retries on its own clock
    (its busy handler sleeps up to 100 ms between tries), so a transaction that is committed and
    at once followed by the next could starve it. Each batch therefore lasts about
    `max_seconds` (its rows written every `settle_every` steps, so the last write is small),
    and the import pauses longer than one such sleep before the next batch. `max_steps` bounds
    a batch's memory when steps are quick.
    """

    max_steps: int = 2000
    max_seconds: float = 0.25
    settle_every: int = 50
    pause: float = 0.12


def import_roster_batched(
    db: Database,
    sheets: list[RosterSheet],
    *,
    now: datetime,
    today: date,
    actor: str,
    deactivate_missing: bool = False,
    batching: Batching = Batching(),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> ImportSummary:
    """Validates the whole roster, then applies it in short transactions beside a running bot.

    Raises RosterError having written nothing: every row is checked before the first write.
    Each batch commits on its own, so a process that dies part-way leaves part of the file
    applied; since applying is idempotent, importing the same file again completes it.
    """
    with db.scope() as session:
        plan, pairing = _validate(session, sheets, today)
    applier = Applier(now=now, actor=actor)
    steps = applier.steps(plan, deactivate_missing=deactivate_missing)
    pause = batching.pause if db.engine.dialect.name == "sqlite" else 0.0
    number = 0
    while True:
        # Each batch stamps its own, later time: the city-wide status cache
        # (bot/status/city_view.py) sees changed projects by updated_at, and a bot reading
        # between two batches must notice the second one too.
        applier.now = now + timedelta(microseconds=number)
        with db.scope() as session:
            started, finished = clock(), True
            for done, step in enumerate(steps, start=1):
                step(session)
                if done % batching.settle_every == 0:
                    applier.settle(session)
                if done >= batching.max_steps or clock() - started >= batching.max_seconds:
                    finished = False
                    break
            applier.settle(session)
        if finished:
            with db.scope() as session:
                _apply_pairings(session, pairing, applier, now=applier.now, actor=actor)
            return applier.summary
        number += 1
        if pause:
            sleep(pause)


def _park_names(session: Session) -> set[str]:
    """The parks that exist: a reporter may be given one of them."""
    return set(session.exec(select(Park.name)).all())


def _names_reporter_parks(sheets: list[RosterSheet]) -> bool:
    """Whether some person row fills 指标填报园区 (only then are the parks looked up)."""
    return any("report_parks" in row.values for sheet in sheets for row in sheet.rows)
