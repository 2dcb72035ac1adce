"""The scoring arithmetic against hand-computed figures."""

from decimal import Decimal as D

from bot.assessment.scheme import Category, Indicator, Method, Scheme
from bot.assessment.scoring import Growth, score


def _scheme(park_types: dict[str, str]) -> Scheme:
    """速度效益 60 (completion 40, growth 20) and 基础工作 40 (rank 40, a deduction)."""
    return Scheme(
        version="t",
        park_types=park_types,
        categories=(Category("速度效益", D(60)), Category("基础工作", D(40))),
        indicators=(
            Indicator("invest", "完成投资", "速度效益", "万元", D(40), Method.COMPLETION, D(1000)),
            Indicator("output", "产值增长", "速度效益", "%", D(20), Method.GROWTH, D(10)),
            Indicator("tax", "税收", "基础工作", "万元", D(40), Method.RANK),
            Indicator(
                "accident",
                "安全事故",
                "基础工作",
                "次",
                D(50),
                Method.DEDUCTION,
                per_occurrence=D(15),
            ),
        ),
    )


def test_completion_is_capped_and_growth_is_against_the_base_year():
    scheme = _scheme({"甲园": "A"})
    result = score(
        scheme,
        {
            "甲园": {
                "invest": D(1500),  # 1500 / 1000 = 150 %, capped at 100 % -> 40 × 1 = 40
                "output": Growth(D(105), D(100)),  # growth 5 % of 10 % -> 20 × 0.5 = 10
                "tax": D(7),  # alone in its type: rank 1 of 1 -> 40 × 1/1 = 40
                "accident": D(0),  # no accident -> 0 off
            }
        },
    )
    (park,) = result.parks
    speed, base = park.categories
    assert [s.points for s in speed.indicators] == [D("40.00"), D("10.00")]
    assert speed.indicators[0].params["ratio"] == "100.00"
    assert speed.indicators[1].params["rate"] == "5.00"
    assert speed.points == D("50.00") and base.points == D("40.00")
    assert park.total == D("90.00") and park.rank == 1
    assert result.complete and park.missing == ()


def test_rounding_is_half_up_to_two_decimals():
    result = score(
        _scheme({"甲园": "A"}),
        {
            "甲园": {
                # 40 × 333.625 / 1000 = 13.345: half up gives 13.35 (half even would give 13.34)
                "invest": D("333.625"),
                "output": Growth(D(100), D(100)),  # 0 % growth -> 0
                "tax": D(1),
                "accident": D(0),
            }
        },
    )
    assert result.parks[0].categories[0].indicators[0].points == D("13.35")


def test_deductions_are_bounded_and_the_category_floors_at_zero():
    types = {"甲园": "A", "乙园": "A"}
    result = score(
        _scheme(types),
        {
            # 甲园: tax rank 2 of 2 -> 40 × 1/2 = 20; 4 accidents × 15 = 60, at most 50 -> -50;
            # 20 - 50 = -30, floored -> 基础工作 0
            "甲园": {
                "invest": D(0),
                "output": Growth(D(90), D(100)),
                "tax": D(1),
                "accident": D(4),
            },
            # 乙园: tax rank 1 -> 40; 1 accident -> -15; 基础工作 25
            "乙园": {
                "invest": D(500),
                "output": Growth(D(100), D(100)),
                "tax": D(9),
                "accident": D(1),
            },
        },
    )
    by_name = {park.park: park for park in result.parks}
    jia, yi = by_name["甲园"], by_name["乙园"]
    assert [s.points for s in jia.categories[1].indicators] == [D("20.00"), D("-50.00")]
    assert jia.categories[1].points == D(0)
    # 甲园 速度效益: invest 0; growth -10 % floors at 0 -> 0; total 0
    assert jia.total == D(0)
    # 乙园: invest 500/1000 -> 20; growth 0 -> 0; 基础工作 40 - 15 = 25; total 45
    assert yi.categories[1].points == D(25) and yi.total == D(45)
    assert [p.park for p in result.parks] == ["乙园", "甲园"]
    assert [p.rank for p in result.parks] == [1, 2]


def test_ties_share_a_rank_ordered_by_name_and_types_rank_separately():
    types = {"丙园": "A", "乙园": "A", "甲园": "A", "丁园": "B", "戊园": "B"}
    same = {"invest": D(1000), "output": Growth(D(110), D(100)), "accident": D(0)}
    result = score(
        _scheme(types),
        {
            # Type A: tax 5, 5, 3 -> ranks 1, 1, 3 of 3 -> 40, 40, 40 × 1/3 = 13.33
            "丙园": {**same, "tax": D(5)},  # 40 + 20 + 40 = 100
            "乙园": {**same, "tax": D(5)},  # 100
            "甲园": {**same, "tax": D(3)},  # 40 + 20 + 13.33 = 73.33
            # Type B: ranked on their own; 丁园 tax 1 of 2 -> 40 × 1/2 = 20 -> 80; 戊园 100
            "丁园": {**same, "tax": D(1)},
            "戊园": {**same, "tax": D(2)},
        },
    )
    a = result.of_type("A")
    # Equal totals share rank 1, the next is 3; 丙 (U+4E19) sorts before 乙 (U+4E59)
    assert [(p.park, p.total, p.rank) for p in a] == [
        ("丙园", D(100), 1),
        ("乙园", D(100), 1),
        ("甲园", D("73.33"), 3),
    ]
    b = result.of_type("B")
    assert [(p.park, p.total, p.rank) for p in b] == [("戊园", D(100), 1), ("丁园", D(80), 2)]
    tax = a[2].categories[1].indicators[0]
    assert tax.rule == "assess-rule-rank" and tax.params == {"rank": "3", "count": "3"}


def test_missing_values_score_zero_and_are_listed():
    types = {"甲园": "A", "乙园": "A"}
    result = score(
        _scheme(types),
        {
            # 甲园 lacks output and tax; tax ranks among those with a value only (乙园: 1 of 1)
            "甲园": {"invest": D(1000), "output": None, "accident": D(0)},
            # 乙园: base year 0 makes growth incomputable: listed too
            "乙园": {
                "invest": D(1000),
                "output": Growth(D(5), D(0)),
                "tax": D(2),
                "accident": D(0),
            },
        },
    )
    by_name = {park.park: park for park in result.parks}
    assert not result.complete
    assert result.missing == {"甲园": ("output", "tax"), "乙园": ("output",)}
    jia = by_name["甲园"]
    # 40 + 0 + 0 + 0 = 40
    assert jia.total == D(40)
    assert [s.rule for s in jia.categories[0].indicators] == [
        "assess-rule-completion",
        "assess-rule-missing",
    ]
    # 乙园: 40 + 0 (base 0) + 40 (rank 1 of 1) = 80
    assert by_name["乙园"].total == D(80)
    assert by_name["乙园"].categories[0].indicators[1].rule == "assess-rule-missing-base"


def test_a_park_with_no_values_at_all_is_listed_with_every_indicator():
    result = score(_scheme({"甲园": "A"}), {})
    assert result.parks[0].total == 0
    assert result.missing == {"甲园": ("invest", "output", "tax", "accident")}


def test_per_type_targets_override_the_default_target():
    scheme = _scheme({"甲园": "A", "乙园": "B"})
    invest = scheme.indicators[0]
    scheme = Scheme(
        "t",
        scheme.park_types,
        scheme.categories,
        (
            Indicator(
                "invest",
                "完成投资",
                "速度效益",
                "万元",
                D(40),
                Method.COMPLETION,
                D(1000),
                targets_by_type={"B": D(500)},
            ),
            *scheme.indicators[1:],
        ),
    )
    assert invest.target == D(1000)
    values = {"invest": D(500), "output": None, "tax": None, "accident": None}
    result = score(scheme, {"甲园": values, "乙园": values})
    points = {p.park: p.categories[0].indicators[0].points for p in result.parks}
    # 甲园: 500 / 1000 -> 20; 乙园 (type B, target 500): 500 / 500 -> 40
    assert points == {"甲园": D(20), "乙园": D(40)}


def test_every_rule_is_explained_in_both_languages():
    from bot.i18n import Catalogue

    catalogue = Catalogue()
    result = score(
        _scheme({"甲园": "A", "乙园": "A"}),
        {
            "甲园": {"invest": D(5), "output": Growth(D(5), D(4)), "tax": D(1), "accident": D(1)},
            "乙园": {"output": Growth(D(5), D(0))},
        },
    )
    rules = {
        (s.rule, tuple(sorted(s.params.items())))
        for park in result.parks
        for category in park.categories
        for s in category.indicators
    }
    assert {rule for rule, _ in rules} == {
        "assess-rule-completion",
        "assess-rule-growth",
        "assess-rule-rank",
        "assess-rule-deduction",
        "assess-rule-missing",
        "assess-rule-missing-base",
    }
    for language in ("zh_CN", "en"):
        for rule, params in rules:
            text = catalogue.text(language, rule, **dict(params))
            assert text != rule and "{" not in text and "$" not in text, (language, rule, text)
            for value in dict(params).values():
                assert value in text


def test_a_type_without_a_target_scores_zero_and_is_listed():
    scheme = _scheme({"甲园": "A"})
    no_default = Scheme(
        "t",
        scheme.park_types,
        scheme.categories,
        (
            Indicator(
                "invest",
                "完成投资",
                "速度效益",
                "万元",
                D(40),
                Method.COMPLETION,
                targets_by_type={"A": D(100)},
            ),
            *scheme.indicators[1:],
        ),
    )
    values = {"invest": D(100), "output": Growth(D(1), D(1)), "tax": D(1), "accident": D(-3)}
    # Scored with a type the scheme has no target for: 0 points, listed, the rule says why
    result = score(no_default, {"甲园": values}, park_types={"甲园": "C"})
    invest = result.parks[0].categories[0].indicators[0]
    assert (invest.points, invest.rule) == (D(0), "assess-rule-missing-target")
    assert result.missing == {"甲园": ("invest",)}
    # A negative count of accidents takes nothing off (and adds nothing): 40 + 0
    assert result.parks[0].categories[1].points == D(40)
