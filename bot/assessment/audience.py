"""Who belongs to a park for the assessment: its projects' liaisons and leaders, its reporters."""

from sqlmodel import Session, col, select

from models import Park, ParkReporter, Person, Project, ProjectLiaison


def park_people(session: Session, park_id: int) -> list[Person]:
    """The active people of a park: its active projects' liaisons and leaders, and reporters."""
    projects = select(Project.id).where(Project.park_id == park_id, col(Project.active))
    liaisons = select(ProjectLiaison.person_id).where(col(ProjectLiaison.project_id).in_(projects))
    leaders = select(Project.leader_id).where(Project.park_id == park_id, col(Project.active))
    reporters = select(ParkReporter.person_id).where(ParkReporter.park_id == park_id)
    query = select(Person).where(
        col(Person.active),
        col(Person.id).in_(liaisons) | col(Person.id).in_(leaders) | col(Person.id).in_(reporters),
    )
    return list(session.exec(query.order_by(col(Person.id))))


def people_by_park(session: Session) -> dict[str, list[Person]]:
    """Park name -> its active people (project liaisons and leaders, reporters), by id."""
    parks = {park.id: park.name for park in session.exec(select(Park))}
    found: dict[str, dict[int, Person]] = {name: {} for name in parks.values()}
    projects = session.exec(select(Project).where(col(Project.active).is_(True))).all()
    of_project = {project.id: parks[project.park_id] for project in projects}
    people = {person.id: person for person in session.exec(select(Person)) if person.active}

    def add(park: str, person_id: int | None) -> None:
        if person_id in people:
            found[park][person_id] = people[person_id]  # type: ignore[index]

    for project in projects:
        add(parks[project.park_id], project.leader_id)
    for link in session.exec(select(ProjectLiaison)):
        if link.project_id in of_project:
            add(of_project[link.project_id], link.person_id)
    for reporter in session.exec(select(ParkReporter)):
        add(parks[reporter.park_id], reporter.person_id)
    return {park: sorted(by_id.values(), key=lambda p: p.id or 0) for park, by_id in found.items()}


def parks_of(session: Session, person_id: int) -> list[Park]:
    """The parks a person belongs to (see park_people), by name."""
    liaison_of = select(ProjectLiaison.project_id).where(ProjectLiaison.person_id == person_id)
    projects = select(Project.park_id).where(
        col(Project.active),
        col(Project.id).in_(liaison_of) | (col(Project.leader_id) == person_id),
    )
    reporters = select(ParkReporter.park_id).where(ParkReporter.person_id == person_id)
    query = select(Park).where(col(Park.id).in_(projects) | col(Park.id).in_(reporters))
    return list(session.exec(query.order_by(col(Park.name))))


def admins(session: Session) -> list[Person]:
    """The active command-centre admins."""
    query = select(Person).where(col(Person.is_admin), col(Person.active))
    return list(session.exec(query.order_by(col(Person.id))))
