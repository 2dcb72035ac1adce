"""Read-only lookups the problem adapters need."""

from sqlmodel import Session

from models import Problem


def problem(*, session: Session, problem_id: int) -> Problem | None:
    """One problem by id."""
    return session.get(Problem, problem_id)
