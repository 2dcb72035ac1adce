"""The scheme's texts: import problems, and the scheme as the operator reads it."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.assessment import computed as computed_keys
from bot.assessment.computed import Value
from bot.assessment.scheme import Method, Scheme
from bot.assessment.scheme_file import SchemeProblem
from bot.assessment.scoring import Growth
from bot.assessment.scoring import Value as Scored
from bot.assessment.values import Source
from bot.i18n import Catalogue
from models import AssessmentScheme

MAX_VALUE_SHOWN = 40


def format_problems(problems: list[SchemeProblem], catalogue: Catalogue, language: str) -> str:
    """Every problem on its own line (sheet, row, reason), after a one-line heading."""
    lines = [catalogue.text(language, "assess-errors-title", count=len(problems))]
    lines += [format_problem(problem, catalogue, language) for problem in problems]
    return "\n".join(lines)


def format_value_problems(
    problems: list[SchemeProblem], catalogue: Catalogue, language: str
) -> str:
    """A values workbook's problems, each on its own line; a bad value says why."""
    lines = [catalogue.text(language, "values-file-errors-title", count=len(problems))]
    for problem in problems:
        params = dict(problem.params)
        if "reason_key" in params:
            reason_key = str(params.pop("reason_key"))
            reason = catalogue.text(language, reason_key, **params)
            params = {"column": params.get("column", ""), "reason": reason}
        lines.append(
            format_problem(
                SchemeProblem(problem.sheet, problem.row, problem.key, params), catalogue, language
            )
        )
    return "\n".join(lines)


def format_problem(problem: SchemeProblem, catalogue: Catalogue, language: str) -> str:
    """One problem as a line: where it is and what is wrong."""
    params = {key: _shown(value) for key, value in problem.params.items()}
    reason = catalogue.text(language, problem.key, **params)
    if problem.row:
        return catalogue.text(
            language, "assess-error-line", sheet=problem.sheet, row=str(problem.row), reason=reason
        )
    return catalogue.text(language, "assess-error-line-sheet", sheet=problem.sheet, reason=reason)


def format_scheme(
    scheme: Scheme, row: AssessmentScheme, catalogue: Catalogue, language: str
) -> str:
    """The scheme: its park types, then each category with its indicators."""

    def t(key: str, **params: object) -> str:
        return catalogue.text(language, key, **params)

    at = row.imported_at.strftime("%Y-%m-%d %H:%M")
    lines = [t("assess-show-title", version=scheme.version, at=at, actor=row.actor)]
    lines.append(t("assess-show-types"))
    for kind in scheme.types:
        parks = "、".join(park for park, of in scheme.park_types.items() if of == kind)
        lines.append(t("assess-show-type", type=kind, parks=parks))
    for category in scheme.categories:
        lines.append(t("assess-show-category", name=category.name, weight=_number(category.weight)))
        for item in scheme.indicators_of(category.name):
            if item.method is Method.DEDUCTION and item.per_occurrence is not None:
                extra = t("assess-show-per", per=_number(item.per_occurrence))
            elif item.target is not None:
                extra = t("assess-show-target", target=_number(item.target))
            else:
                extra = ""
            lines.append(
                t(
                    "assess-show-indicator",
                    code=item.key,
                    name=item.name,
                    unit=item.unit or "-",
                    weight=_number(item.weight),
                    method=t(f"assess-method-{item.method.value}"),
                    target=extra,
                )
            )
    return "\n".join(lines)


@dataclass(frozen=True)
class Filed:
    """What a scoring run would take (values.scoring_input) and the filers' names."""

    values: Mapping[str, Mapping[str, Scored]]
    sources: Mapping[str, Mapping[str, Source]]
    names: Mapping[str, str]


def format_values(
    period: str,
    values: dict[str, dict[str, Value]],
    scheme: Scheme | None,
    catalogue: Catalogue,
    language: str,
    *,
    filed: Filed | None = None,
) -> str:
    """Per park, each computed value with its rule, each filed value with who filed it and when,
    and what is missing; then the scheme's indicators left to supply."""

    def t(key: str, **params: object) -> str:
        return catalogue.text(language, key, **params)

    names = {item.key: item.name for item in scheme.indicators} if scheme else {}
    lines = [t("assess-values-title", period=period)]
    for park in sorted(values):
        lines.append(t("assess-values-park", park=park))
        for value in values[park].values():
            shown = "-" if value.value is None else _number(value.value)
            lines.append(
                t(
                    "assess-values-line",
                    code=value.key,
                    name=names.get(value.key, t(f"assess-computed-{value.key}")),
                    value=shown,
                    rule=t(value.rule, **value.figures),
                )
            )
        if scheme is not None and filed is not None:
            lines += _filed_lines(park, scheme, filed, t)
    if scheme is None:
        lines.append(t("assess-values-no-scheme"))
        return "\n".join(lines)
    computed = {key for park in values.values() for key in park}
    supplied = [f"{i.key} {i.name}" for i in scheme.indicators if i.key not in computed]
    if supplied:
        lines.append(t("assess-values-supplied", codes="、".join(supplied)))
    else:
        lines.append(t("assess-values-supplied-none"))
    return "\n".join(lines)


def _filed_lines(park: str, scheme: Scheme, filed: Filed, t: Callable[..., str]) -> list[str]:
    """A park's filed values with their source, then every indicator it is missing."""
    lines = []
    values, sources = filed.values.get(park, {}), filed.sources.get(park, {})
    for item in scheme.indicators:
        if item.key in computed_keys.KEYS:
            continue
        value, source = values.get(item.key), sources.get(item.key)
        if value is None or source is None or source.filed_at is None:
            lines.append(t("assess-values-filed-missing", code=item.key, name=item.name))
            continue
        by = filed.names.get(source.actor, source.actor)
        at = source.filed_at.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, Growth):
            shown = t("assess-values-growth", value=_number(value.value), base=_number(value.base))
        else:
            shown = _number(value)
        how = t(f"assess-values-source-{source.kind}", by=by, at=at)
        lines.append(
            t("assess-values-filed-line", code=item.key, name=item.name, value=shown, source=how)
        )
    missing = [i.key for i in scheme.indicators if values.get(i.key) is None]
    if missing:
        lines.append(t("assess-values-missing", codes="、".join(missing)))
    return lines


def _number(value: object) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 1] + "…"
