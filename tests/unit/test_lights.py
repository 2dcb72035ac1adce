"""The traffic-light rule (亮灯督办): every threshold edge, the combination, the catalogue."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import partial
from types import SimpleNamespace

import pytest

from bot.i18n import LANGUAGES, Catalogue
from bot.status.lights import (
    RULES,
    LightPolicy,
    ProjectFacts,
    describe,
    evaluation_period,
    expected_percent,
    facts_missing_periods,
    light_for,
    reason_args,
)
from bot.status.types import Light, Reason

TODAY = date(2025, 6, 15)

# A project with nothing wrong: on plan in May, started, production far away, all reported.
BASE = ProjectFacts(
    today=TODAY,
    annual_plan=Decimal(1200),
    year_investment=Decimal(500),  # 41.7% of the plan; May's time-proportional plan is 41.7%
    evaluation_period="2025-05",
    planned_start=date(2025, 3, 1),
    planned_production=date(2026, 6, 30),
    stage="main_works",
    missing_periods=0,
    overdue_problems=0,
)


def facts(**changes: object) -> ProjectFacts:
    """BASE with some facts changed."""
    return replace(BASE, **changes)


def only(light: Light, rule: str) -> Reason | None:
    """The reason for `rule`, if the light has one."""
    found = [reason for reason in light.reasons if reason.rule == rule]
    assert len(found) <= 1
    return found[0] if found else None


def test_base_is_green():
    assert light_for(BASE) == Light("green", ())


# --- behind the time-proportional plan -----------------------------------------------------


# June: expected 50%; annual plan 1000 万元, so 1 万元 is 0.1 percentage point.
@pytest.mark.parametrize(
    ("year_investment", "color", "behind"),
    [
        ("500", None, None),  # on plan
        ("400.1", None, None),  # 9.99 behind
        ("400", "yellow", "10.0"),  # exactly 10
        ("350", "yellow", "15.0"),
        ("200", "yellow", "30.0"),  # exactly 30
        ("199.9", "red", "30.0"),  # 30.01: red, though shown as 30.0
        ("0", "red", "50.0"),
        ("800", None, None),  # ahead of plan
    ],
)
def test_behind_plan_thresholds(year_investment, color, behind):
    changed = facts(
        annual_plan=Decimal(1000),
        year_investment=Decimal(year_investment),
        evaluation_period="2025-06",
    )
    reason = only(light_for(changed), "behind-plan")
    assert (reason.color if reason else None) == color
    if reason:
        assert reason.params["behind"] == behind
        assert reason.params["expected"] == "50.0"


@pytest.mark.parametrize(
    ("year_investment", "color"),
    [("0", "red"), ("69.99", "red"), ("70", "yellow"), ("90", "yellow"), ("90.01", None)],
)
def test_behind_plan_in_december(year_investment, color):
    # Expected 100% of a 100 万元 plan: 30 points behind is 70 done, 10 points behind is 90.
    changed = facts(
        annual_plan=Decimal(100),
        year_investment=Decimal(year_investment),
        evaluation_period="2025-12",
    )
    reason = only(light_for(changed), "behind-plan")
    assert (reason.color if reason else None) == color


@pytest.mark.parametrize("annual_plan", ["0", "-5"])
def test_no_annual_plan_no_behind_rule(annual_plan):
    light = light_for(facts(annual_plan=Decimal(annual_plan), year_investment=Decimal(0)))
    assert only(light, "behind-plan") is None


@pytest.mark.parametrize(
    ("annual_plan", "year_investment", "period", "expected", "actual", "behind", "needed"),
    [
        # 25 - 12 = 13 behind; under 10 needs more than 15% of 2000 = 300, minus 240 done.
        ("2000", "240", "2025-03", "25.0", "12.0", "13.0", "61"),
        # Exactly 10 behind: any further investment clears it, 1 万元 the least whole amount.
        ("1000", "150", "2025-03", "25.0", "15.0", "10.0", "1"),
        # 100 - 0: more than 90% of the plan is needed.
        ("5000", "0", "2025-12", "100.0", "0.0", "100.0", "4,501"),
        # 48.333...% of 1000 = 483.333... minus 100: the next whole 万元 above it.
        ("1000", "100", "2025-07", "58.3", "10.0", "48.3", "384"),
        # Half a 万元 short: still a whole 万元.
        ("1000", "149.5", "2025-03", "25.0", "15.0", "10.1", "1"),
        # Large round amounts: grouped, no exponent (4E+4).
        ("100000", "0", "2025-06", "50.0", "0.0", "50.0", "40,001"),
        # 16.666...% - 10 = 6.666...% of 3 is exactly 0.2: the whole 万元 above it.
        ("3", "0", "2025-02", "16.7", "0.0", "16.7", "1"),
        # 41.666...% behind 31.666...%: exactly 10, though neither has an exact decimal.
        ("3", "0.95", "2025-05", "41.7", "31.7", "10.0", "1"),
    ],
)
def test_behind_plan_params(annual_plan, year_investment, period, expected, actual, behind, needed):
    changed = facts(
        annual_plan=Decimal(annual_plan),
        year_investment=Decimal(year_investment),
        evaluation_period=period,
    )
    reason = only(light_for(changed), "behind-plan")
    assert reason is not None
    assert reason.params == {
        "expected": expected,
        "actual": actual,
        "behind": behind,
        "needed": needed,
    }
    # "At least the amount shown" is exact: that much clears the rule, 1 万元 less does not.
    amount = Decimal(needed.replace(",", ""))
    done = Decimal(year_investment)
    assert only(light_for(replace(changed, year_investment=done + amount)), "behind-plan") is None
    short = replace(changed, year_investment=done + amount - 1)
    assert only(light_for(short), "behind-plan") is not None


@pytest.mark.parametrize(
    ("period", "percent"),
    [
        ("2025-01", "8.3333"),
        ("2025-02", "16.6667"),
        ("2025-03", "25.0000"),
        ("2025-04", "33.3333"),
        ("2025-05", "41.6667"),
        ("2025-06", "50.0000"),
        ("2025-07", "58.3333"),
        ("2025-08", "66.6667"),
        ("2025-09", "75.0000"),
        ("2025-10", "83.3333"),
        ("2025-11", "91.6667"),
        ("2025-12", "100.0000"),
    ],
)
def test_expected_percent_per_month(period, percent):
    assert expected_percent(period).quantize(Decimal("0.0001")) == Decimal(percent)


def test_expected_percent_is_exact_on_quarters():
    assert expected_percent("2025-03") == 25
    assert expected_percent("2024-12") == 100


def test_expected_percent_rejects_a_bad_period():
    with pytest.raises(ValueError):
        expected_percent("2025-13")


# --- planned start -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned_start", "stage", "color", "months"),
    [
        (date(2025, 6, 1), None, None, None),  # this month: not late yet
        (date(2025, 6, 30), None, None, None),
        (date(2025, 7, 1), None, None, None),  # in the future
        (date(2025, 5, 31), None, "yellow", "1"),  # last month
        (date(2025, 5, 1), "preparation", "yellow", "1"),
        (date(2025, 4, 15), None, "yellow", "2"),
        (date(2025, 3, 1), None, "red", "3"),
        (date(2024, 12, 1), "preparation", "red", "6"),  # across the year end
        (date(2025, 3, 1), "started", None, None),  # started clears it
        (date(2025, 3, 1), "trial", None, None),
        (None, None, None, None),
    ],
)
def test_start_late(planned_start, stage, color, months):
    reason = only(light_for(facts(planned_start=planned_start, stage=stage)), "start-late")
    assert (reason.color if reason else None) == color
    if reason:
        assert reason.params == {"planned": planned_start.isoformat(), "months": months}


def test_start_late_red_months_is_configurable():
    late = facts(planned_start=date(2025, 4, 1), stage=None)
    assert only(light_for(late), "start-late").color == "yellow"
    assert only(light_for(late, LightPolicy(start_late_red_months=2)), "start-late").color == "red"


# --- planned production --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned_production", "stage", "days"),
    [
        (date(2025, 6, 16), "trial", None),  # the day before
        (date(2025, 6, 15), "trial", None),  # the day itself
        (date(2025, 6, 14), "trial", "1"),  # the day after
        (date(2025, 1, 1), None, "165"),
        (date(2025, 6, 14), "in_production", None),  # in production clears it
        (None, "trial", None),
    ],
)
def test_production_late(planned_production, stage, days):
    changed = facts(planned_production=planned_production, stage=stage, planned_start=None)
    reason = only(light_for(changed), "production-late")
    assert (reason.params["days"] if reason else None) == days
    if reason:
        assert reason.color == "red"
        assert reason.params["planned"] == planned_production.isoformat()


def test_an_unknown_stage_is_an_error_not_a_light():
    with pytest.raises(ValueError):
        light_for(facts(stage="finished"))


# --- missing reports -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "color", "since"),
    [(0, None, None), (1, "yellow", "2025-05"), (2, "red", "2025-04"), (3, "red", "2025-03")],
)
def test_report_missing(missing, color, since):
    reason = only(light_for(facts(missing_periods=missing)), "report-missing")
    assert (reason.color if reason else None) == color
    if reason:
        assert reason.params == {"periods": str(missing), "since": since}


def test_report_missing_since_crosses_the_year():
    changed = facts(today=date(2025, 2, 3), missing_periods=3, evaluation_period="2025-01")
    assert only(light_for(changed), "report-missing").params["since"] == "2024-11"


def test_missing_red_periods_is_configurable():
    policy = LightPolicy(missing_red_periods=3)
    assert only(light_for(facts(missing_periods=2), policy), "report-missing").color == "yellow"
    assert only(light_for(facts(missing_periods=3), policy), "report-missing").color == "red"


@pytest.mark.parametrize(
    ("reported", "first_period", "expected"),
    [
        ({"2025-05", "2025-04"}, None, 0),
        ({"2025-06"}, "2025-06", 0),  # nothing closed since the first period
        ({"2025-04"}, None, 1),
        ({"2025-03", "2025-06"}, None, 2),  # the current month does not count either way
        ({"2025-02"}, None, 3),
        (set(), "2025-05", 1),  # the first period stops the count
        (set(), "2025-04", 2),
        (set(), "2025-03", 3),
        ({"2025-04"}, "2025-01", 1),  # a report stops it before the first period does
        (set(), "2024-11", 7),  # across the year end
        (set(), None, 12),  # capped
        (set(), "2020-01", 12),
    ],
)
def test_facts_missing_periods(reported, first_period, expected):
    assert facts_missing_periods(TODAY, reported, first_period) == expected


def test_facts_missing_periods_in_january():
    assert facts_missing_periods(date(2025, 1, 10), {"2024-11"}, None) == 1


# --- overdue problems ----------------------------------------------------------------------


@pytest.mark.parametrize(("count", "color"), [(0, None), (1, "yellow"), (5, "yellow")])
def test_problem_overdue(count, color):
    reason = only(light_for(facts(overdue_problems=count)), "problem-overdue")
    assert (reason.color if reason else None) == color
    if reason:
        assert reason.params == {"count": str(count)}


# --- the combination -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "color", "rules"),
    [
        ({"overdue_problems": 1}, "yellow", ["problem-overdue"]),
        (
            {"overdue_problems": 1, "missing_periods": 1},
            "yellow",
            ["report-missing", "problem-overdue"],
        ),
        (
            {"overdue_problems": 2, "missing_periods": 2},
            "red",
            ["report-missing", "problem-overdue"],
        ),
        (
            # Yellow behind plan, red production: red first, then the rule order.
            {
                "year_investment": Decimal(300),
                "planned_production": date(2025, 6, 1),
                "overdue_problems": 1,
            },
            "red",
            ["production-late", "behind-plan", "problem-overdue"],
        ),
        (
            {
                "year_investment": Decimal(0),
                "stage": None,
                "planned_production": date(2025, 6, 1),
                "missing_periods": 3,
                "overdue_problems": 1,
            },
            "red",
            RULES,
        ),
        (
            {"stage": "preparation", "planned_start": date(2025, 5, 1), "missing_periods": 1},
            "yellow",
            ["start-late", "report-missing"],
        ),
    ],
)
def test_worst_colour_wins_and_reasons_are_worst_first(changes, color, rules):
    light = light_for(facts(**changes))
    assert light.color == color
    assert [reason.rule for reason in light.reasons] == list(rules)
    severities = [("green", "yellow", "red").index(reason.color) for reason in light.reasons]
    assert severities == sorted(severities, reverse=True)


# --- the policy ----------------------------------------------------------------------------


def test_policy_from_settings_without_the_fields_keeps_the_defaults():
    assert LightPolicy.from_settings(SimpleNamespace()) == LightPolicy()


def test_policy_from_settings_reads_the_fields():
    settings = SimpleNamespace(
        light_behind_yellow=5.5,
        light_behind_red="20",
        light_start_late_red_months=2,
        light_missing_red_periods=3,
    )
    expected = LightPolicy(Decimal("5.5"), Decimal(20), 2, 3)
    assert LightPolicy.from_settings(settings) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"behind_yellow": Decimal(40)},
        {"behind_yellow": Decimal(-1)},
        {"start_late_red_months": 0},
        {"missing_red_periods": 0},
    ],
)
def test_policy_rejects_nonsense(changes):
    with pytest.raises(ValueError):
        LightPolicy(**changes)


def test_behind_thresholds_are_configurable():
    policy = LightPolicy(behind_yellow=Decimal(5), behind_red=Decimal(12))
    changed = facts(
        annual_plan=Decimal(1000), year_investment=Decimal(180), evaluation_period="2025-03"
    )
    reason = only(light_for(changed, policy), "behind-plan")
    assert (reason.color, reason.params["needed"]) == ("yellow", "21")
    lagging = replace(changed, year_investment=Decimal(120))
    assert only(light_for(lagging, policy), "behind-plan").color == "red"


# --- the catalogue -------------------------------------------------------------------------

EVERYTHING = facts(
    year_investment=Decimal(0),
    stage=None,
    planned_production=date(2025, 6, 1),
    missing_periods=3,
    overdue_problems=2,
)
SINGULAR = facts(
    year_investment=Decimal("0.5"),
    planned_start=date(2025, 5, 1),
    stage=None,
    planned_production=date(2025, 6, 14),
    missing_periods=1,
    overdue_problems=1,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_both_texts(catalogue, language, rule):
    keys = catalogue.keys(language)
    assert f"light-reason-{rule}" in keys
    assert f"light-fix-{rule}" in keys


def test_the_examples_cover_every_rule():
    for example in (EVERYTHING, SINGULAR):
        assert {reason.rule for reason in light_for(example).reasons} == set(RULES)


# Which params each reason shows; the fix of behind-plan shows `needed`.
SHOWN = {
    "behind-plan": ("expected", "actual", "behind"),
    "start-late": ("planned", "months"),
    "production-late": ("planned", "days"),
    "report-missing": ("since",),
    "problem-overdue": ("count",),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", [EVERYTHING, SINGULAR], ids=["plural", "singular"])
@pytest.mark.parametrize("numbers", [True, False], ids=["numbers", "strings"])
def test_every_reason_renders_with_its_params(catalogue, language, example, numbers):
    for reason in light_for(example).reasons:
        # Strings too: a caller that skips reason_args still gets a sentence.
        args = reason_args(reason) if numbers else reason.params
        text = catalogue.text(language, f"light-reason-{reason.rule}", **args)
        fix = catalogue.text(language, f"light-fix-{reason.rule}", **args)
        assert text and fix
        assert all(reason.params[name] in text for name in SHOWN[reason.rule])
        if reason.rule == "behind-plan":
            assert reason.params["needed"] in fix


def test_describe_in_chinese(catalogue):
    changed = facts(
        annual_plan=Decimal(2000),
        year_investment=Decimal(240),
        evaluation_period="2025-03",
        missing_periods=1,
    )
    lines = describe(light_for(changed), partial(catalogue.text, "zh_CN"))
    assert lines == [
        "🟡 年度投资完成率 12.0%，序时进度 25.0%，落后 13.0 个百分点 — 本年再完成投资至少 61 万元",
        "🟡 2025-05 未填报进度 — 请联络员补报所缺月份的进度",
    ]


def test_describe_in_english_uses_plurals(catalogue):
    t = partial(catalogue.text, "en")
    one = describe(light_for(facts(overdue_problems=1)), t)
    two = describe(light_for(facts(overdue_problems=2, missing_periods=2)), t)
    assert one == [
        "🟡 1 assigned problem is past the due date — press the responsible units to resolve "
        "the problems and sign them off"
    ]
    assert two[0].startswith("🔴 No progress report for 2 months in a row, since 2025-04 — ")
    assert two[1].startswith("🟡 2 assigned problems are past the due date — ")


@pytest.mark.parametrize(
    ("language", "text"), [("zh_CN", "🟢 各项指标正常"), ("en", "🟢 All indicators normal")]
)
def test_describe_green(catalogue, language, text):
    assert describe(light_for(BASE), partial(catalogue.text, language)) == [text]


def test_reason_args_makes_counts_numbers():
    reason = Reason("report-missing", "red", {"periods": "2", "since": "2025-04", "needed": "0.5"})
    assert reason_args(reason) == {"periods": 2, "since": "2025-04", "needed": "0.5"}


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (date(2025, 3, 1), "2025-02"),
        (date(2025, 3, 31), "2025-02"),
        (date(2025, 12, 20), "2025-11"),
        (date(2026, 1, 5), "2025-12"),  # January: last year's December
    ],
)
def test_every_project_is_evaluated_at_the_last_closed_month(today, month):
    assert evaluation_period(today) == month


def test_an_early_report_cannot_make_a_project_look_worse():
    """Reported December early with nothing invested, or not yet: the same light."""
    december = date(2025, 12, 10)
    # 1,000 of 1,200 is 83.3%: 8.3 points behind November, 16.7 behind December.
    month = evaluation_period(december)
    waiting = facts(today=december, year_investment=Decimal(1000), evaluation_period=month)
    assert month == "2025-11" and light_for(waiting) == Light("green")
    # The old rule measured the early reporter at this month: it would have turned yellow.
    assert light_for(replace(waiting, evaluation_period="2025-12")).color == "yellow"
    # Money an early report brings in only ever helps.
    behind = replace(waiting, year_investment=Decimal(900))  # 75%: 16.7 points behind
    caught_up = replace(behind, year_investment=Decimal(1000))
    assert (light_for(behind).color, light_for(caught_up).color) == ("yellow", "green")
