"""Who sees which pairings and who works on which enterprise's problems."""

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from models import Pairing, Person


def visible_pairings(person: Person | None) -> ColumnElement[bool]:
    """A filter on Pairing: admins and city leaders see all; a leader or liaison their own."""
    if person is None or not person.active:
        return false()
    if person.sees_whole_city:
        return true()
    return or_(Pairing.leader_id == person.id, Pairing.liaison_id == person.id)


def own_pairings(session: Session, person: Person | None) -> list[Pairing]:
    """The pairings this person serves: as the paired leader or as the named liaison."""
    if person is None or not person.active:
        return []
    query = select(Pairing).where(
        or_(Pairing.leader_id == person.id, Pairing.liaison_id == person.id)
    )
    return list(session.exec(query.order_by(col(Pairing.id))))


def may_see_pairings(session: Session, person: Person | None) -> bool:
    """Admins and city leaders, and whoever is on a pairing."""
    if person is None or not person.active:
        return False
    return person.sees_whole_city or bool(own_pairings(session, person))


def enterprise_ids_of(pairings: list[Pairing]) -> set[int]:
    """The enterprises of these pairings."""
    ids = {p.backbone_id for p in pairings} | {p.struggling_id for p in pairings}
    return {i for i in ids if i is not None}


def can_work_on_enterprise(session: Session, person: Person | None, enterprise_id: int) -> bool:
    """Admins, and the paired leader and liaison of a pairing with this enterprise."""
    if person is None or not person.active:
        return False
    if person.is_admin:
        return True
    return enterprise_id in enterprise_ids_of(own_pairings(session, person))


def visible_enterprise_ids(session: Session, person: Person | None) -> set[int] | None:
    """Enterprises whose problems this person sees; None for all of them."""
    if person is None or not person.active:
        return set()
    if person.sees_whole_city:
        return None
    return enterprise_ids_of(own_pairings(session, person))
