"""Read-only lookups the meeting adapters need."""

from sqlmodel import Session

from models import Meeting


def meeting(*, session: Session, meeting_id: int) -> Meeting | None:
    """One meeting by id."""
    return session.get(Meeting, meeting_id)
