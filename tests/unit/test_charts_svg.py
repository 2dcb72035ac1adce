"""The server-drawn SVG chart: well-formed XML, accessible, bars as tall as their values."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from bot.charts.svg import ChartText, MonthValues, investment_chart, nice_ceiling

NS = {"s": "http://www.w3.org/2000/svg"}
TEXT = ChartText(
    title="中联 <起重> & 机械：2025年投资",
    desc="柱形为各月完成投资",
    amount="当月完成投资",
    year_to_date="本年累计完成",
    planned="序时计划",
    unit="万元",
    no_data="暂无数据",
)


def month(number: int, amount: int, so_far: int, planned: int) -> MonthValues:
    return MonthValues(
        f"{number}月", Decimal(amount), Decimal(so_far), Decimal(planned), f"n{number}"
    )


def test_the_chart_is_well_formed_and_titled():
    root = ET.fromstring(investment_chart([month(1, 100, 100, 250)], TEXT, "c1"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find("s:title", NS).text == TEXT.title  # escaped in the source, intact when read
    assert root.find("s:desc", NS).text == TEXT.desc
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"1月", "万元", "当月完成投资", "本年累计完成", "序时计划"} <= set(texts)


def test_bar_heights_follow_the_values():
    points = [month(1, 100, 100, 250), month(2, 0, 100, 500), month(3, 400, 500, 750)]
    root = ET.fromstring(investment_chart(points, TEXT))
    bars = root.findall(".//s:rect[@class='bar']", NS)
    assert [bar.get("data-value") for bar in bars] == ["100", "0", "400"]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == 0
    assert heights[2] == pytest.approx(heights[0] * 4, rel=0.01)
    # Bars stand on the same baseline.
    bottoms = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}
    assert len(bottoms) == 1
    assert [bar.find("s:title", NS).text for bar in bars] == ["n1", "n2", "n3"]


def test_the_lines_pass_through_every_month_and_the_plan_is_dashed():
    points = [month(1, 100, 100, 250), month(2, 300, 400, 500)]
    root = ET.fromstring(investment_chart(points, TEXT))
    lines = {
        g.get("class"): g.find("s:polyline", NS)
        for g in root.iter()
        if g.get("class", "").startswith("line ")
    }
    assert set(lines) == {"line planned", "line year-to-date"}
    assert lines["line planned"].get("stroke-dasharray")
    assert lines["line year-to-date"].get("stroke-dasharray") is None
    ys = [float(p.split(",")[1]) for p in lines["line year-to-date"].get("points").split()]
    assert ys[1] < ys[0]  # 400 is drawn higher than 100


def test_no_months_says_so():
    root = ET.fromstring(investment_chart([], TEXT))
    assert "暂无数据" in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert root.findall(".//s:rect[@class='bar']", NS) == []


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (1, 1), (7, 10), (120, 200), (230, 250), (260, 500), (1000, 1000)]
)
def test_the_axis_top_is_a_round_number_at_or_above_the_data(value, top):
    assert nice_ceiling(value) == top
