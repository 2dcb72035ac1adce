"""Charts come out as PNGs of a fixed size, with content, whatever fonts the machine has."""

import io
import logging
import struct
import warnings
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from bot.charts import render as charts
from bot.charts.render import (
    DPI,
    FALLBACK_FAMILY,
    HEIGHT,
    WIDTH,
    ChartPoint,
    LightCount,
    chart_labels,
    font_families,
    park_chart,
    planned_by,
    project_chart,
    shipped_cjk_font,
)
from bot.i18n import LANGUAGES, Catalogue

# Pytest resets warning filters per test; without a CJK font each Chinese glyph would warn.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STAGES = ["preparation", "preparation", "started", "main_works", "main_works", None, "trial"]


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    return chart_labels(Catalogue(), "zh_CN")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, which always comes first."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def points(months: int = 7) -> list[ChartPoint]:
    plan = Decimal("24000")
    return [
        ChartPoint(
            period=f"2025-{month:02d}",
            year_investment=Decimal(1500 * month),
            planned=planned_by(plan, f"2025-{month:02d}"),
            stage=STAGES[(month - 1) % len(STAGES)],
        )
        for month in range(1, months + 1)
    ]


def lights() -> list[LightCount]:
    periods = ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]
    return [LightCount(period, 20 + i, 4 - i, i % 3) for i, period in enumerate(periods)]


def test_project_chart_is_a_png_of_the_fixed_size(labels):
    data = project_chart(points(), title="中联起重机械 · 2025年投资进度", labels=labels)
    assert png_size(data) == (WIDTH, HEIGHT) == (1000, 600)
    assert len(data) > 5_000


def test_park_chart_is_a_png_of_the_fixed_size(labels):
    data = park_chart(lights(), title="常德经开区 · 亮灯情况", labels=labels)
    assert png_size(data) == (WIDTH, HEIGHT)
    assert len(data) > 5_000


@pytest.mark.parametrize("chart", [project_chart, park_chart])
def test_no_data_gives_a_chart_saying_so(chart, labels):
    data = chart([], title="无数据", labels=labels)
    assert png_size(data) == (WIDTH, HEIGHT)


def test_missing_labels_fall_back_and_odd_inputs_render():
    # One month, all zeros, no stage, no labels at all.
    zero = [ChartPoint("2025-01", Decimal(0), Decimal(0), None)]
    assert png_size(project_chart(zero, title="x", labels={})) == (WIDTH, HEIGHT)
    empty_month = [LightCount("2025-01", 0, 0, 0)]
    assert png_size(park_chart(empty_month, title="x", labels={})) == (WIDTH, HEIGHT)
    # A long series across a year boundary, with an unknown stage shown as given.
    long = [
        ChartPoint(f"{2024 + m // 12}-{m % 12 + 1:02d}", Decimal(m), Decimal(m), "custom")
        for m in range(6, 24)
    ]
    assert png_size(project_chart(long, title="x", labels={})) == (WIDTH, HEIGHT)


def test_charts_render_in_parallel_threads(labels):
    def draw(number: int) -> bytes:
        if number % 2:
            return park_chart(lights(), title=f"园区{number}", labels=labels)
        return project_chart(points(number % 12 + 1), title=f"项目{number}", labels=labels)

    with ThreadPoolExecutor(max_workers=4) as pool:
        images = list(pool.map(draw, range(8)))
    assert all(png_size(image) == (WIDTH, HEIGHT) for image in images)


def test_labels_cover_months_stages_and_lights_in_both_languages():
    catalogue = Catalogue()
    for language in LANGUAGES:
        labels = chart_labels(catalogue, language)
        assert {f"month-{month}" for month in range(1, 13)} <= labels.keys()
        assert {"stage-preparation", "stage-in_production", "green", "red", "no-data"} <= set(
            labels
        )
    assert chart_labels(catalogue, "zh_CN")["month-3"] == "3月"
    assert chart_labels(catalogue, "en")["month-3"] == "Mar"
    assert chart_labels(catalogue, "zh_CN")["stage-main_works"] == "主体施工"


def test_plan_to_date_is_time_proportional():
    assert planned_by(Decimal("24000"), "2025-03") == Decimal("6000.00")
    assert planned_by(Decimal("1000"), "2025-12") == Decimal("1000.00")
    assert planned_by(Decimal("100"), "2025-01") == Decimal("8.33")


def test_fonts_end_with_the_bundled_fallback():
    # The shipped CJK family comes first; DejaVu Sans (for what it lacks) is always last.
    families = font_families()
    assert families[-1] == FALLBACK_FAMILY
    assert len(families) == 2
    assert DPI == 100


def test_chinese_text_is_drawn_in_the_shipped_cjk_font(labels):
    # A fresh install draws Chinese: the dependency's font file is what matplotlib resolves to.
    shipped = shipped_cjk_font()
    assert shipped is not None and shipped.suffix == ".otf"
    family = font_families()[0]
    resolved = font_manager.findfont(FontProperties(family=family), fallback_to_default=False)
    assert Path(resolved).resolve() == shipped.resolve()
    text = "常德经开区 · 2025年投资进度 " + " ".join(labels.values())
    font = FT2Font(str(shipped))
    missing = {char for char in text if not char.isspace() and font.get_char_index(ord(char)) == 0}
    # Whatever the CJK font lacks (Latin punctuation at most) the fallback family draws.
    assert not {char for char in missing if ord(char) > 0x2E80}
    # Rendering Chinese with the chart's fonts warns of no missing glyph.
    figure = Figure(figsize=(4, 2), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.text(0.1, 0.5, text, fontproperties=charts._font(charts.LABEL_SIZE))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure.savefig(io.BytesIO(), format="png")


def test_without_the_shipped_font_the_warning_is_logged_once(monkeypatch, caplog):
    # No shipped font and no CJK font on the machine: charts still render, with one warning.
    monkeypatch.setattr(charts, "shipped_cjk_font", lambda: None)
    monkeypatch.setattr(charts, "_known_cjk", lambda: None)
    monkeypatch.setattr(charts, "_register_system_cjk", lambda: None)
    charts.font_families.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="bot.charts.render"):
            assert font_families() == (FALLBACK_FAMILY,)
            assert font_families() == (FALLBACK_FAMILY,)
            data = park_chart(lights(), title="常德经开区", labels={})
    finally:
        charts.font_families.cache_clear()
    assert png_size(data) == (WIDTH, HEIGHT)
    assert [record.message for record in caplog.records] == [
        "no CJK font found: Chinese chart text will show as boxes"
    ]


MATH_NAMES = ["$\\frac{1}{2}$公司", "$\\frac{1}$", "成本$5$亿$", "$^$", "\\$x$ 100%"]


@pytest.fixture
def drawn(monkeypatch) -> list[Figure]:
    """The figures the charts render, caught as they turn into PNG."""
    figures: list[Figure] = []
    render = charts._png

    def catching(figure: Figure) -> bytes:
        figures.append(figure)
        return render(figure)

    monkeypatch.setattr(charts, "_png", catching)
    return figures


@pytest.mark.parametrize("name", MATH_NAMES)
def test_a_dollar_in_a_name_is_drawn_literally(name, labels, drawn):
    # A roster name like "$\frac{1}{2}$公司" must be drawn as typed: no fraction, no failure.
    odd_labels = {**labels, "actual": name, "green": name, "stage-started": name}
    for make, data in ((project_chart, points()), (park_chart, lights()), (project_chart, [])):
        assert png_size(make(data, title=name, labels=odd_labels)) == (WIDTH, HEIGHT)
    for figure in drawn:
        texts = [text for text in figure.findobj(Text) if text.get_text()]
        assert any(text.get_text() == name for text in texts)  # the title, unchanged
        assert all(not text.get_parse_math() and not text.get_usetex() for text in texts)


def test_a_literal_name_renders_unlike_its_mathtext(labels):
    # Drawn literally, "$\frac{1}{2}$" shows the backslash and braces: a wider title than the
    # stacked fraction mathtext would draw.
    def title_width(parse_math: bool) -> float:
        figure = Figure(figsize=(4, 1), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        text = figure.text(0, 0.5, "$\\frac{1}{2}$", parse_math=parse_math)
        canvas.draw()
        return text.get_window_extent(canvas.get_renderer()).width

    assert title_width(False) > 2 * title_width(True)
