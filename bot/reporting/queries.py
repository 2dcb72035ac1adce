"""Read-only lookups the report form's adapter needs."""

from sqlmodel import Session, col, select

from models import Project


def project(*, session: Session, project_id: int) -> Project | None:
    """One project by id."""
    return session.get(Project, project_id)


def project_names(*, session: Session, ids: list[int]) -> list[tuple[int, str]]:
    """(id, name) of the given projects, by name."""
    rows = session.exec(select(Project.id, Project.name).where(col(Project.id).in_(ids)))
    return sorted(((pid, name) for pid, name in rows), key=lambda r: r[1])
