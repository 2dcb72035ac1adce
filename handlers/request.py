"""One unit of work per update: the session, the viewer, the time and the translator, once.

A handler opens the request, does its domain work, and leaves the block before it replies: the
block commits on success (nothing on error), so what the person is told was saved is saved,
and no Bot API round trip ever runs while the transaction holds the database.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session
from telegram import Update, User

from bot.refusals import Refused
from bot.reporting.drafts import account_with_open_draft
from bot.services import Services
from bot.telegram.context import ParkContext
from handlers.viewer import Viewer, identify, viewer_for
from models import Person
from models.draft import ReportDraft


@dataclass
class Request:
    """What one update works with: its transaction, who is asking, and the time it arrived."""

    session: Session
    services: Services
    viewer: Viewer
    now: datetime
    user: User | None
    # The person's open report form as the request began (looked up with the person, in the
    # same statement: most updates are form steps). Stale once the request opens or closes one.
    draft: ReportDraft | None = None

    @property
    def person(self) -> Person | None:
        """The person behind the update, None when the account is not on the roster."""
        return self.viewer.person

    def identify_again(self) -> Viewer:
        """The viewer looked up anew, after this request bound the account or changed it."""
        self.viewer, self.draft = _identify(self.session, self.services, self.user)
        return self.viewer

    def t(self, key: str, **args: object) -> str:
        """A catalogue text in the viewer's language."""
        return self.viewer.t(key, **args)

    def refusal(self, refused: Refused) -> str:
        """The reason for a refusal, in the viewer's language."""
        return self.viewer.t(refused.key, **refused.params)


@contextmanager
def request(update: Update, context: ParkContext) -> Iterator[Request]:
    """The update's unit of work: commits when the block ends, rolls back if it raises."""
    with _opened(update, context, context.services.db.scope) as req:
        yield req


@contextmanager
def trial(update: Update, context: ParkContext) -> Iterator[Request]:
    """A dry run of the update's work: the same request, always rolled back (a preview)."""
    with _opened(update, context, context.services.db.trial) as req:
        yield req


@contextmanager
def _opened(
    update: Update, context: ParkContext, transaction: Callable[[], ContextManager[Session]]
) -> Iterator[Request]:
    services = context.services
    user = update.effective_user
    with transaction() as session:
        viewer, draft = _identify(session, services, user)
        yield Request(session, services, viewer, services.now(), user, draft)


def _identify(
    session: Session, services: Services, user: User | None
) -> tuple[Viewer, ReportDraft | None]:
    """The viewer and their open form, with one statement."""
    if user is None:
        return identify(session, services, None), None
    person, draft = account_with_open_draft(session, user.id)
    return viewer_for(services, person, user), draft
