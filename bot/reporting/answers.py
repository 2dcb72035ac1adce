"""The typed answers of an open report form, read from and written to its draft row.

`ReportDraft.answers` is a JSON column; `DraftAnswers` is what it holds. `read(draft)` gives
the typed answers and `write(draft, now, ...)` is the one place that changes them: it checks
every value against its field's type and stores it in the row's encoding. The encoding is
the one drafts have always had (money and percentages as plain decimal strings such as
"1200" or "12.5", stages by their value, absent answers as absent keys), so the open drafts
of a running bot read as they are; a key this model does not know (one an older release
wrote) is ignored on reading and kept untouched in the row.
"""

import unicodedata
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from models.draft import ReportDraft
from models.report import Stage


def plain(value: Decimal) -> str:
    """A decimal as the draft stores it: no exponent, no trailing zeros ("1200", "12.5")."""
    return format(Decimal(value).normalize(), "f")


# 万元 and percent values: Decimal in code, a plain decimal string in the row.
Amount = Annotated[Decimal, PlainSerializer(plain, return_type=str)]


class _Answers(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=False)


class Snapshot(_Answers):
    """A stored report as the form remembers it (last period's, or the one being revised)."""

    period: str
    investment_month: Amount
    cumulative: Amount
    stage: Stage
    percent: Amount
    progress: str
    problems: str


EVIDENCE_FIELDS = ("sha256", "phash", "source", "taken_at", "lat", "lon")


class Photo(_Answers):
    """A photo on the form: Telegram's ids and the local copy (None when the download failed)."""

    file_id: str
    file_unique_id: str
    local_path: str | None = None
    size: int | None = None
    # Evidence (bot/reporting/evidence.py); a photo stored by an older release has none.
    sha256: str | None = None
    phash: str | None = None
    source: str = "compressed"
    taken_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None

    @model_serializer(mode="wrap")
    def _without_absent_evidence(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Evidence a photo lacks is left out, so a draft written before it existed (and a
        # photo without it) is stored exactly as it was.
        data = handler(self)
        for key in EVIDENCE_FIELDS:
            if data.get(key) is None or (key == "source" and data[key] == "compressed"):
                data.pop(key, None)
        return data


class DraftAnswers(_Answers):
    """Every answer and bookkeeping value of an open form; None/empty until it is given."""

    # Opening the form
    current_period: str = ""
    choices: list[int] = []
    # The project question
    project_id: int | None = None
    project_name: str = ""
    total: Amount | None = None
    # The period question (and what it looked up)
    period: str | None = None
    previous_cumulative: Amount | None = None
    prior: Snapshot | None = None
    prefill: Snapshot | None = None
    revision_of: int | None = None
    existing_revision: int | None = None
    existing_at: str | None = None
    existing_reporter_name: str | None = None
    # The questions proper
    investment: Amount | None = None
    stage: Stage | None = None
    pending_stage: Stage | None = None
    percent: Amount | None = None
    pending_percent: Amount | None = None
    progress: str | None = None
    progress_overlong: str | None = None
    problems: str | None = None
    photos: list[Photo] = []
    # A location shared at any step (degrees), and when
    lat: float | None = None
    lon: float | None = None
    located_at: datetime | None = None
    # Bookkeeping: photos downloaded per day, answering from the summary, the last update
    fetched: dict[str, int] = {}
    editing: bool = False
    last_input: int = -1

    def photo_dicts(self) -> list[dict[str, Any]]:
        """The photos as the row stores them."""
        return [photo.model_dump(mode="json") for photo in self.photos]


FIELDS = frozenset(DraftAnswers.model_fields)


def read(draft: ReportDraft) -> DraftAnswers:
    """The draft's answers, typed."""
    return DraftAnswers.model_validate(draft.answers)


def encode(**changes: Any) -> dict[str, Any]:
    """Answers as the row stores them, each checked against its field's type."""
    unknown = set(changes) - FIELDS
    if unknown:
        raise ValueError(f"not a draft answer: {sorted(unknown)}")
    typed = DraftAnswers.model_validate(changes)
    return typed.model_dump(mode="json", include=set(changes))


def write(draft: ReportDraft, now: datetime, **changes: Any) -> None:
    """Stores answers on the draft (the only way they change) and marks it updated at `now`."""
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, **encode(**changes)}
    draft.updated_at = now


# Characters an answer never keeps: control, surrogate, private-use, unassigned.
DROPPED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


def clean_text(text: str) -> str:
    """Drops control and unassigned characters (keeping line breaks) and surrounding space."""
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in DROPPED_CATEGORIES
    ).strip()
    # Only zero-width or direction marks (category Cf) and spaces: nothing a reader can see.
    visible = any(unicodedata.category(ch)[0] in "LMNPS" for ch in kept)
    return kept if visible else ""
