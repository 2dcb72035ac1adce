"""SQLModel tables, one module per aggregate; importing this package registers them all."""

from models.audit import AuditEntry
from models.invite import Invite
from models.park import Park
from models.person import Person, Role
from models.project import Category, Project, ProjectLiaison

__all__ = [
    "AuditEntry",
    "Category",
    "Invite",
    "Park",
    "Person",
    "Project",
    "ProjectLiaison",
    "Role",
]
