"""Small factories for domain rows, so tests say only what matters to them."""

import itertools
import struct
import zlib
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models import Enterprise, Pairing, Park, Person, ProgressReport, Project, ProjectLiaison

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
_sequence = itertools.count(1)


def make_park(session: Session, name: str | None = None) -> Park:
    """A park (named uniquely unless given a name)."""
    park = Park(name=name or f"测试园区{next(_sequence)}")
    session.add(park)
    session.flush()
    return park


def make_person(session: Session, name: str | None = None, **fields: object) -> Person:
    """A person with a unique phone; roles and the rest through keyword arguments."""
    number = next(_sequence)
    values: dict[str, object] = {
        "name": name or f"人员{number}",
        "phone": f"139{number:08d}",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    person = Person(**values)
    session.add(person)
    session.flush()
    return person


def make_project(
    session: Session,
    *,
    park: Park | None = None,
    leader: Person | None = None,
    liaisons: tuple[Person, ...] = (),
    **fields: object,
) -> Project:
    """A project in `park` (a new park if none), with its leader and liaisons."""
    park = park or make_park(session)
    values: dict[str, object] = {
        "name": f"测试项目{next(_sequence)}",
        "park_id": park.id,
        "total_investment": Decimal("100000"),
        "annual_plan": Decimal("30000"),
        "leader_id": leader.id if leader else None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    project = Project(**values)
    session.add(project)
    session.flush()
    for position, liaison in enumerate(liaisons):
        session.add(ProjectLiaison(project_id=project.id, person_id=liaison.id, position=position))
    session.flush()
    return project


def make_report(
    session: Session,
    *,
    project: Project,
    reporter: Person,
    period: str,
    investment_month: Decimal | int | str,
    investment_cumulative: Decimal | int | str | None = None,
    stage: str = "main_works",
    percent: Decimal | int | str = 40,
    progress: str = "进展",
    submitted_at: datetime | None = None,
    **fields: object,
) -> ProgressReport:
    """A current, first-revision report of `project` for `period` (YYYY-MM).

    The cumulative figure defaults to the month's, the submission to the 25th at 10:00.
    """
    cumulative = investment_month if investment_cumulative is None else investment_cumulative
    report = ProgressReport(
        project_id=project.id,
        period=period,
        investment_month=Decimal(investment_month),
        investment_cumulative=Decimal(cumulative),
        stage=stage,
        percent=Decimal(percent),
        progress=progress,
        reporter_id=reporter.id,
        submitted_at=submitted_at or datetime.fromisoformat(f"{period}-25T10:00:00+08:00"),
        **fields,
    )
    session.add(report)
    session.flush()
    return report


def make_one_project_site(session: Session, *, liaison_telegram_id: int) -> dict[str, object]:
    """中联起重机械 in 常德经开区 with one bound liaison 李敏, the only project they report."""
    park = make_park(session, "常德经开区")
    liaison = make_person(session, "李敏", is_liaison=True, telegram_user_id=liaison_telegram_id)
    project = make_project(
        session,
        name="中联起重机械",
        park=park,
        liaisons=(liaison,),
        total_investment=Decimal("100000"),
    )
    return {"project": project, "liaison": liaison}


def png(width: int = 32, height: int = 24) -> bytes:
    """A real, decodable PNG (a grey rectangle): a photo a browser or an image library opens."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x99" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_enterprise(
    session: Session, name: str, *, park: Park, kind: str = "backbone"
) -> Enterprise:
    """An enterprise of the 三个一 (backbone or struggling)."""
    enterprise = Enterprise(name=name, kind=kind, park_id=park.id, created_at=NOW, updated_at=NOW)
    session.add(enterprise)
    session.flush()
    return enterprise


def make_pairing(
    session: Session,
    *,
    leader: Person,
    project: Project | None = None,
    backbone: Enterprise | None = None,
    struggling: Enterprise | None = None,
    liaison: Person | None = None,
) -> Pairing:
    """A leader's 三个一 pairing."""
    pairing = Pairing(
        leader_id=leader.id,
        project_id=project.id if project else None,
        backbone_id=backbone.id if backbone else None,
        struggling_id=struggling.id if struggling else None,
        liaison_id=liaison.id if liaison else None,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(pairing)
    session.flush()
    return pairing
