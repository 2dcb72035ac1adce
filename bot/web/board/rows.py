"""The board's project rows, rendered once per project and language and reused on refresh.

A city board at province scale has 5,000 rows: rendering them on every refresh was most of its
server time. The cached city view (bot.status.city_view) keeps the same ProjectStatus object
for a project until something it depends on changes (then it makes a new one), so a row's HTML
is reused while its status object is the very same one.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from bot.status.types import ProjectStatus

_ROWS: dict[tuple[str, int], tuple[ProjectStatus, Markup]] = {}
_ROWS_MAX = 50_000  # rows kept (both languages, a province); cleared when full


def row_renderer(lang: str, render: Callable[..., str]) -> Callable[..., Markup]:
    """A template function: the row's HTML (`render(row=...)`), from the cache while its
    status is unchanged."""

    def project_row(row: ProjectStatus) -> Markup:
        key = (lang, row.project_id)
        found = _ROWS.get(key)
        if found is not None and found[0] is row:
            return found[1]
        if len(_ROWS) >= _ROWS_MAX:
            _ROWS.clear()
        html = Markup(render(row=row))
        _ROWS[key] = (row, html)
        return html

    return project_row
