"""Who gets the pre-meeting pack: the command centre and the leaders attending the meeting.

The leaders attending a dispatch meeting are the city leaders (市级领导, city scope) and the
host park's leaders: the leaders of the host park's active projects. Admins get it too. The
same rule decides who may press the pack's button, so a forged button from anyone else
(a liaison, another park's leader) is refused.
"""

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from models import Meeting, Person, Project


def _host_leaders(meeting: Meeting):
    return select(Project.leader_id).where(
        Project.park_id == meeting.park_id, Project.active, col(Project.leader_id).is_not(None)
    )


def _attending(meeting: Meeting):
    return or_(
        col(Person.is_admin),
        and_(col(Person.is_leader), col(Person.city_scope)),
        and_(col(Person.is_leader), col(Person.id).in_(_host_leaders(meeting))),
    )


def pack_recipients(session: Session, meeting: Meeting) -> list[Person]:
    """Active admins, city leaders and the host park's leaders, by id."""
    query = select(Person).where(Person.active, _attending(meeting)).order_by(Person.id)
    return list(session.exec(query))


def may_receive_pack(session: Session, person: Person | None, meeting: Meeting) -> bool:
    """Whether this person may have the meeting's pack (see the module's rule)."""
    if person is None or not person.active:
        return False
    if person.is_admin or (person.is_leader and person.city_scope):
        return True
    if not person.is_leader:
        return False
    query = select(Project.id).where(
        Project.park_id == meeting.park_id, Project.active, Project.leader_id == person.id
    )
    return session.exec(query.limit(1)).first() is not None
