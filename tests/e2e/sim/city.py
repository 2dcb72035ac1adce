"""The scripted day's world: its clock, the faults injected, and the roster it is played on."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.db import Database
from tests.e2e.sim.screens import STAGE_LABELS
from tests.emulator.faults import FaultInjector
from tests.emulator.server import BotApiEmulator
from tests.factories import make_park, make_person, make_project


class RunningClock:
    """Services.now() for an in-process bot: runs with real time and can jump ahead.

    Real time keeps flowing so that the outbox sender's backoffs and flood pauses (rows queued
    for `now + delay`) elapse; jumps take the day from one reminder to the next.
    """

    def __init__(self, start: datetime) -> None:
        self._lock = threading.Lock()
        self._start = start
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        with self._lock:
            return self._start + timedelta(seconds=time.monotonic() - self._t0)

    def jump_to(self, moment: datetime) -> None:
        """Moves the clock forward to `moment` (never back)."""
        if moment < self():
            raise ValueError(f"the clock only moves forward: {moment} < {self()}")
        with self._lock:
            self._start, self._t0 = moment, time.monotonic()


# -- faults ------------------------------------------------------------------------------------


class FaultLog:
    """Counts the faults the emulator injects, by method and kind."""

    def __init__(self, injector: FaultInjector) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        original = injector.pick

        def pick(method: str, params: dict[str, Any] | None = None) -> Any:
            fault = original(method, params)
            if fault is not None:
                self.counts[(method, fault.kind)] += 1
            return fault

        injector.pick = pick  # type: ignore[method-assign]

    def of(self, kind: str, method: str | None = None) -> int:
        """Faults of a kind, on one method or on all."""
        return sum(n for (m, k), n in self.counts.items() if k == kind and method in (None, m))

    def summary(self) -> dict[str, int]:
        """Faults by kind."""
        totals: Counter[str] = Counter()
        for (_, kind), count in self.counts.items():
            totals[kind] += count
        return dict(totals)


# -- the city ----------------------------------------------------------------------------------


@dataclass
class LiaisonScript:
    """One liaison, their project and the answers they will give."""

    index: int
    person_id: int
    telegram_id: int
    name: str
    project_id: int
    project: str
    period: str
    month_label: str
    amount: int
    amount_text: str
    stage: str
    percent: int
    percent_text: str
    progress: str

    def draft_value(self, step: int) -> tuple[str, object]:
        """The draft answer (key, stored value) once question `step` (1..7) is answered."""
        values: list[tuple[str, object]] = [
            ("period", self.period),
            ("investment", str(self.amount)),
            ("stage", self.stage),
            ("percent", str(self.percent)),
            ("progress", self.progress),
            ("problems", ""),
            ("photos", []),
        ]
        return values[step - 1]


@dataclass
class City:
    """Who is on the roster of the scripted day."""

    parks: list[tuple[int, str]]
    liaisons: list[LiaisonScript]
    leaders: list[tuple[int, int, list[str]]]  # person id, telegram id, project names
    admin: tuple[int, int]  # person id, telegram id
    others: list[int]  # telegram ids of the rest of the roster

    @property
    def everyone(self) -> list[int]:
        """Telegram ids of every bound person."""
        return [
            *(s.telegram_id for s in self.liaisons),
            *(tid for _, tid, _ in self.leaders),
            self.admin[1],
            *self.others,
        ]


def seed_city(
    db: Database,
    emulator: BotApiEmulator,
    *,
    liaisons: int,
    others: int,
    period: str,
    seed: int,
    leaders: int = 2,
) -> City:
    """Two parks, one project per liaison, leaders sharing the projects, one admin, and
    `others` more people on the roster (bound, never talking); everyone has an account."""
    rng = random.Random(seed)
    year, month = period.split("-")
    month_label = f"{year}年{int(month)}月"
    with db.scope() as session:
        parks = [make_park(session, "常德经开区"), make_park(session, "鼎城高新区")]
        boss = make_person(session, "赵磊", is_admin=True, telegram_user_id=32000)
        heads = [
            make_person(session, f"领导{n}", is_leader=True, telegram_user_id=31000 + n)
            for n in range(leaders)
        ]
        scripts, led = [], [[] for _ in heads]
        for n in range(liaisons):
            person = make_person(
                session, f"联络员{n:02d}", is_liaison=True, telegram_user_id=30000 + n
            )
            head = heads[n * len(heads) // liaisons]
            project = make_project(
                session,
                name=f"攻坚项目{n:02d}",
                park=parks[n % 2],
                leader=head,
                liaisons=(person,),
                total_investment=Decimal("100000"),
            )
            led[heads.index(head)].append(project.name)
            amount = rng.randint(50, 9000)
            percent = rng.randint(1, 99)
            scripts.append(
                LiaisonScript(
                    index=n,
                    person_id=person.id,
                    telegram_id=person.telegram_user_id,
                    name=person.name,
                    project_id=project.id,
                    project=project.name,
                    period=period,
                    month_label=month_label,
                    amount=amount,
                    amount_text=rng.choice([str(amount), f"{amount:,}", f"{amount}万"]),
                    stage=rng.choice(list(STAGE_LABELS)),
                    percent=percent,
                    percent_text=rng.choice([str(percent), f"{percent}%"]),
                    progress=f"{project.name}本月完成第{rng.randint(1, 30)}层主体结构",
                )
            )
        crowd = [
            make_person(session, f"人员{n:03d}", telegram_user_id=900000 + n).telegram_user_id
            for n in range(others)
        ]
        city = City(
            parks=[(park.id, park.name) for park in parks],
            liaisons=scripts,
            leaders=[
                (h.id, h.telegram_user_id, names) for h, names in zip(heads, led, strict=True)
            ],
            admin=(boss.id, boss.telegram_user_id),
            others=crowd,
        )
    for script in city.liaisons:
        emulator.add_user(script.telegram_id, script.name)
    for n, (_, telegram_id, _) in enumerate(city.leaders):
        emulator.add_user(telegram_id, f"Leader{n}")
    emulator.add_user(city.admin[1], "Lei")
    for telegram_id in city.others:
        emulator.add_user(telegram_id, f"P{telegram_id}")
    return city


# -- simulated people ----------------------------------------------------------------------------
