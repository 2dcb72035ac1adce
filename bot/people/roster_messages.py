"""The roster import's messages: the summary of what it did and the list of what was wrong."""

import functools
from collections.abc import Callable

from bot.i18n import Catalogue, format_list
from bot.people.roster_apply import Counts, ImportSummary
from bot.people.roster_file import RowError
from bot.people.roster_vocabulary import ENTITIES, PAIRING_ENTITIES

MAX_VALUE_SHOWN = 40
# People or projects named per list in the summary; the rest are counted.
MAX_LISTED = 50


def format_summary(summary: ImportSummary, catalogue: Catalogue, language: str) -> str:
    """The import result: created/updated/unchanged per entity, then who and what needs a look."""
    lines = [catalogue.text(language, "roster-summary-title")]
    shown = ENTITIES + (PAIRING_ENTITIES if summary.pairing_tables else ())
    for entity in shown:
        counts: Counts = getattr(summary, entity)
        lines.append(
            catalogue.text(
                language,
                "roster-summary-line",
                entity=catalogue.text(language, f"roster-entity-{entity}"),
                created=counts.created,
                updated=counts.updated,
                unchanged=counts.unchanged,
            )
        )
    if not summary.changed:
        lines.append(catalogue.text(language, "roster-summary-unchanged"))
    text = functools.partial(catalogue.text, language)
    if summary.inactive_people:
        lines.append(text("roster-summary-inactive", count=len(summary.inactive_people)))
        lines += _listed(
            text,
            [
                text("roster-summary-inactive-line", name=name, phone=phone)
                for name, phone in summary.inactive_people
            ],
        )
    done = "deactivated" if summary.deactivated_missing else "missing"
    if summary.missing_people:
        lines.append(text(f"roster-summary-{done}-people", count=len(summary.missing_people)))
        lines += _listed(
            text,
            [
                text("roster-summary-person", name=name, phone=phone)
                for name, phone in summary.missing_people
            ],
        )
    for key, names in (
        (f"roster-summary-{done}-projects", summary.missing_projects),
        ("roster-summary-reactivated-projects", summary.reactivated_projects),
    ):
        if names:
            lines.append(text(key, count=len(names)))
            lines += _listed(text, [text("roster-summary-project", name=name) for name in names])
    return "\n".join(lines)


def _listed(text: Callable[..., str], items: list[str]) -> list[str]:
    """The first MAX_LISTED items, then how many more there are."""
    if len(items) <= MAX_LISTED:
        return items
    return [*items[:MAX_LISTED], text("roster-summary-more", count=len(items) - MAX_LISTED)]


def format_errors(
    errors: list[RowError], catalogue: Catalogue, language: str, *, limit: int | None = None
) -> str:
    """Every problem on its own line (sheet, row, reason), after a one-line heading."""
    shown = errors if limit is None else errors[:limit]
    lines = [catalogue.text(language, "roster-errors-title", count=len(errors))]
    lines += [format_error(error, catalogue, language) for error in shown]
    if len(errors) > len(shown):
        lines.append(catalogue.text(language, "roster-errors-more", count=len(errors) - len(shown)))
    return "\n".join(lines)


def format_error(error: RowError, catalogue: Catalogue, language: str) -> str:
    """One problem as a line: where it is and what is wrong."""
    params = {key: _param(key, value, catalogue, language) for key, value in error.params.items()}
    reason = catalogue.text(language, error.message_key, **params)
    if error.row:
        return catalogue.text(
            language, "roster-error-line", sheet=error.sheet, row=str(error.row), reason=reason
        )
    return catalogue.text(language, "roster-error-line-sheet", sheet=error.sheet, reason=reason)


def _param(key: str, value: object, catalogue: Catalogue, language: str) -> str:
    """A message parameter as text; field and table names in the reader's language."""
    if key == "field":
        return catalogue.text(language, f"roster-field-{value}")
    if key == "kind":
        return catalogue.text(language, f"roster-kind-{value}")
    if isinstance(value, list | tuple):
        return format_list(catalogue, language, value)
    text = str(value)
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 1] + "…"
