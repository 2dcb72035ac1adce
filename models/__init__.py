"""SQLModel tables, one module per aggregate; importing this package registers them all."""

from models.audit import AuditEntry
from models.draft import DraftStatus, ReportDraft
from models.invite import Invite
from models.park import Park
from models.person import Person, Role
from models.problem import Problem, ProblemStatus
from models.project import Category, Project, ProjectLiaison
from models.report import ProgressReport, ReportPhoto, Stage

__all__ = [
    "AuditEntry",
    "Category",
    "DraftStatus",
    "Invite",
    "Park",
    "Person",
    "Problem",
    "ProblemStatus",
    "ProgressReport",
    "Project",
    "ProjectLiaison",
    "ReportDraft",
    "ReportPhoto",
    "Role",
    "Stage",
]
