"""SQLModel tables, one module per aggregate; importing this package registers them all."""

from models.assessment_run import (
    AssessmentRun,
    Objection,
    ObjectionStatus,
    Publication,
    PublicationStatus,
)
from models.assessment_scheme import AssessmentScheme
from models.audit import AuditEntry
from models.board_link import BoardLink
from models.campaign_target import CampaignTarget
from models.draft import DraftStatus, ReportDraft
from models.escalation import Decision, Escalation, EscalationKind, ProjectLight
from models.indicator_value import IndicatorValue, ParkReporter
from models.invite import Invite
from models.meeting import Leave, Meeting, MeetingStatus, ReminderRun
from models.outbox import Broadcast, OutboxMessage, OutboxStatus
from models.pairing import Enterprise, EnterpriseKind, Pairing, ServiceStatus, ServiceVisit
from models.park import Park
from models.person import Person, Role
from models.problem import Problem, ProblemStatus
from models.problem_event import ProblemEvent
from models.project import Category, Project, ProjectLiaison
from models.report import PhotoSource, ProgressReport, ReportPhoto, Stage
from models.web_session import WebSession
from models.wizard_state import WizardState

__all__ = [
    "AssessmentRun",
    "AssessmentScheme",
    "AuditEntry",
    "BoardLink",
    "Broadcast",
    "CampaignTarget",
    "Category",
    "Decision",
    "DraftStatus",
    "Enterprise",
    "EnterpriseKind",
    "Escalation",
    "EscalationKind",
    "IndicatorValue",
    "Invite",
    "Leave",
    "Meeting",
    "MeetingStatus",
    "Objection",
    "ObjectionStatus",
    "OutboxMessage",
    "OutboxStatus",
    "Pairing",
    "Park",
    "ParkReporter",
    "Person",
    "PhotoSource",
    "Problem",
    "ProblemEvent",
    "ProblemStatus",
    "ProgressReport",
    "Project",
    "ProjectLiaison",
    "ProjectLight",
    "Publication",
    "PublicationStatus",
    "ReminderRun",
    "ReportDraft",
    "ReportPhoto",
    "Role",
    "ServiceStatus",
    "ServiceVisit",
    "Stage",
    "WebSession",
    "WizardState",
]
