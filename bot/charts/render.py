"""Charts sent to chat as PNG: a project's investment against plan, a park's lights over time.

Rendering uses matplotlib's object-oriented API (`Figure` + `FigureCanvasAgg`), never pyplot's
global state, so charts can be drawn from several threads at once. Chinese text is set in Noto
Sans SC, which the `pylopdf-fonts-zh-cn` dependency ships (SIL Open Font License); failing that,
in a CJK font of the machine's. Without any the charts still render, with boxes for Chinese.
"""

import functools
import io
import logging
import re
import threading
import warnings
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import matplotlib

# Before anything imports pyplot: a server has no display, and a GUI backend would fail there.
matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.formatting import format_money
from bot.i18n import Catalogue

# Chart text comes from the roster (project and park names): a "$" in a name is a dollar sign,
# never mathtext, which would garble the name or fail the chart ("$\\frac{1}$"). _png() also
# turns it off on every text of the figure, should anything have changed this setting.
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["text.usetex"] = False

logger = logging.getLogger(__name__)

WIDTH, HEIGHT, DPI = 1000, 600, 100
# Sizes in points, large enough to read on a phone screen.
TITLE_SIZE, LABEL_SIZE, TICK_SIZE, NOTE_SIZE = 22, 16, 14, 13
ACTUAL_COLOR, PLAN_COLOR = "#4472C4", "#ED7D31"
LIGHT_COLORS = {"green": "#3BA55C", "yellow": "#F2C12E", "red": "#D64541"}
STAGE_SHADES = ("#F2F2F2", "#FFFFFF")
FALLBACK_FAMILY = "DejaVu Sans"  # ships with matplotlib, so it is always there
# Families that cover Simplified Chinese, most wanted first, when the shipped font is unusable.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
_CJK_FILE = re.compile(r"cjk|wqy|wenquanyi|droidsansfallback|sourcehan|simhei|msyh|uming", re.I)
_font_lock = threading.Lock()


@dataclass(frozen=True)
class ChartPoint:
    """One month of a project: cumulative investment this year, the plan to date, the stage."""

    period: str  # YYYY-MM
    year_investment: Decimal
    planned: Decimal
    stage: str | None = None


@dataclass(frozen=True)
class LightCount:
    """How many of a park's projects had each light in one month."""

    period: str  # YYYY-MM
    green: int
    yellow: int
    red: int


def planned_by(annual_plan: Decimal, period: str) -> Decimal:
    """The time-proportional plan (序时进度) at the end of a month: annual plan × month / 12."""
    month = int(period.split("-")[1])
    return (annual_plan * month / 12).quantize(Decimal("0.01"))


def chart_labels(catalogue: Catalogue, language: str) -> dict[str, str]:
    """Every label the charts use, in one language: legend, axes, months and stages."""
    keys = ("actual", "plan", "axis-amount", "axis-count", "no-data")
    labels = {key: catalogue.text(language, f"chart-{key}") for key in (*keys, *LIGHT_COLORS)}
    for month in range(1, 13):
        labels[f"month-{month}"] = catalogue.text(language, "chart-month", month=month)
    for key in catalogue.keys(language):
        if key.startswith("stage-"):
            labels[key] = catalogue.text(language, key)
    return labels


# --- fonts --------------------------------------------------------------------------------------


def shipped_cjk_font() -> Path | None:
    """The CJK font file installed with parkbot (Noto Sans SC), if it is there."""
    try:
        import pylopdf_fonts_zh_cn  # a data-only package: the font files and their paths
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.is_file() else None


def _register_shipped_cjk() -> str | None:
    """Adds the shipped CJK font to matplotlib's font list; its family name, if usable."""
    path = shipped_cjk_font()
    if path is None:
        return None
    try:
        font_manager.fontManager.addfont(path)
        # The family name as matplotlib reads it from the file, so findfont resolves to it.
        return font_manager.FontProperties(fname=path).get_name()
    except (OSError, RuntimeError, ValueError) as error:
        logger.info("shipped chart font %s unusable: %s", path, error)
        return None


def _known_cjk() -> str | None:
    """The most wanted CJK family that matplotlib knows, if any."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in names), None)


def _register_system_cjk() -> None:
    """Adds the machine's CJK font files to matplotlib's font list."""
    # matplotlib caches its font list: fonts installed after the cache was built are not in it.
    for path in font_manager.findSystemFonts():
        if _CJK_FILE.search(Path(path).name):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError) as error:
                logger.info("chart font %s unusable: %s", path, error)


@functools.cache
def font_families() -> tuple[str, ...]:
    """The font families for chart text: a CJK family first, the shipped one when usable."""
    with _font_lock:
        # The shipped font first, so charts look the same on every machine.
        family = _register_shipped_cjk() or _known_cjk()
        if family is None:
            _register_system_cjk()
            family = _known_cjk()
    if family is None:
        logger.warning("no CJK font found: Chinese chart text will show as boxes")
        return (FALLBACK_FAMILY,)
    return (family, FALLBACK_FAMILY)


def _font(size: int) -> FontProperties:
    """Chart text properties at a size."""
    # A list of families makes matplotlib fall back glyph by glyph (Latin digits in DejaVu).
    return FontProperties(family=list(font_families()), size=size)


# --- drawing ------------------------------------------------------------------------------------


def _figure(title: str) -> tuple[Figure, Axes]:
    """A fixed-size figure with its title and one axes."""
    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(title, fontproperties=_font(TITLE_SIZE), parse_math=False)
    return figure, figure.add_subplot()


def _literal(figure: Figure) -> None:
    """Every text of the figure drawn as written: no mathtext, no TeX, whatever it holds."""
    for text in figure.findobj(Text):
        text.set_parse_math(False)
        text.set_usetex(False)


def _png(figure: Figure) -> bytes:
    """The figure as PNG bytes, every text in it literal."""
    _literal(figure)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font every Chinese glyph would warn; _font() logs that once instead.
        warnings.filterwarnings(
            "ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning
        )
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _no_data(figure: Figure, axes: Axes, labels: dict[str, str]) -> bytes:
    """The chart's empty state: its title and a centred 'no data'."""
    axes.set_axis_off()
    text = labels.get("no-data", "No data")
    axes.text(0.5, 0.5, text, ha="center", va="center", fontproperties=_font(TITLE_SIZE))
    return _png(figure)


def _month_labels(periods: list[str], labels: dict[str, str]) -> list[str]:
    """Tick labels for months (3月, Mar), with the year where it changes."""
    years = {period[:4] for period in periods}
    ticks = []
    for index, period in enumerate(periods):
        year, month = period[:4], int(period[5:7])
        text = labels.get(f"month-{month}", period)
        # Across a year boundary, say which year each January (and the first month) is in.
        if len(years) > 1 and (index == 0 or month == 1):
            text = f"{text}\n{year}"
        ticks.append(text)
    return ticks


def _style_axes(axes: Axes, periods: list[str], labels: dict[str, str], y_label: str) -> None:
    """Month ticks, the value axis and a light grid, in phone-sized type."""
    positions = list(range(len(periods)))
    axes.set_xticks(positions, _month_labels(periods, labels), fontproperties=_font(TICK_SIZE))
    axes.set_xlim(-0.6, len(periods) - 0.4)
    axes.tick_params(axis="y", labelsize=TICK_SIZE)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_money(value)))
    axes.set_ylabel(labels.get(y_label, ""), fontproperties=_font(LABEL_SIZE))
    axes.grid(axis="y", alpha=0.3, zorder=0)
    axes.spines[["top", "right"]].set_visible(False)


def _stage_runs(points: list[ChartPoint]) -> list[tuple[int, int, str]]:
    """Consecutive months in the same stage, as (first index, last index, stage)."""
    runs: list[tuple[int, int, str]] = []
    for index, point in enumerate(points):
        if point.stage is None:
            continue
        if runs and runs[-1][2] == point.stage and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index, point.stage)
        else:
            runs.append((index, index, point.stage))
    return runs


def _upright(text: str) -> tuple[str, int]:
    """Text to stand in a narrow column: Chinese stacked character by character, else turned."""
    if text and all(ord(char) >= 0x2E80 for char in text):
        return "\n".join(text), 0
    return text, 90


def _annotate_stages(axes: Axes, points: list[ChartPoint], labels: dict[str, str]) -> None:
    """Shades each run of months in one stage and names the stage."""
    # A shaded band per stage shows how long it lasted; its name is written once, where it
    # begins, standing upright so that a dozen short stages cannot overlap one another.
    font = _font(NOTE_SIZE)
    for number, (first, last, stage) in enumerate(_stage_runs(points)):
        shade = STAGE_SHADES[number % len(STAGE_SHADES)]
        axes.axvspan(first - 0.5, last + 0.5, color=shade, zorder=0, linewidth=0)
        text, rotation = _upright(labels.get(f"stage-{stage}", stage))
        axes.text(
            first,
            0.98,
            text,
            rotation=rotation,
            linespacing=1.0,
            ha="center",
            va="top",
            color="#404040",
            fontproperties=font,
            transform=axes.get_xaxis_transform(),
            zorder=4,
            # Stays legible where a long name crosses the plan line or a tall bar.
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1},
        )


def project_chart(points: list[ChartPoint], *, title: str, labels: dict[str, str]) -> bytes:
    """PNG: cumulative investment this year per month as bars, the plan to date as a line."""
    figure, axes = _figure(title)
    if not points:
        return _no_data(figure, axes, labels)
    positions = list(range(len(points)))
    actual = [float(point.year_investment) for point in points]
    planned = [float(point.planned) for point in points]
    bars = axes.bar(
        positions,
        actual,
        width=0.6,
        color=ACTUAL_COLOR,
        zorder=2,
        label=labels.get("actual", "Invested"),
    )
    (line,) = axes.plot(
        positions,
        planned,
        color=PLAN_COLOR,
        linewidth=3,
        linestyle="--",
        marker="o",
        markersize=8,
        zorder=3,
        label=labels.get("plan", "Plan"),
    )
    _annotate_stages(axes, points, labels)
    _style_axes(axes, [point.period for point in points], labels, "axis-amount")
    # Headroom above the data for the upright stage names.
    axes.set_ylim(0, max([*actual, *planned, 1.0]) * 1.8)
    figure.legend(
        handles=[bars, line],
        loc="outside lower center",
        ncols=2,
        prop=_font(LABEL_SIZE),
        frameon=False,
    )
    return _png(figure)


def park_chart(series: list[LightCount], *, title: str, labels: dict[str, str]) -> bytes:
    """PNG: each month's projects stacked by light, green at the bottom and red on top."""
    figure, axes = _figure(title)
    if not series:
        return _no_data(figure, axes, labels)
    positions = list(range(len(series)))
    bottom = [0] * len(series)
    for color, fill in LIGHT_COLORS.items():
        counts = [getattr(entry, color) for entry in series]
        bars = axes.bar(
            positions,
            counts,
            bottom=bottom,
            width=0.6,
            color=fill,
            zorder=2,
            label=labels.get(color, color),
        )
        # Counts inside the segments; an empty segment gets no "0".
        axes.bar_label(
            bars,
            [str(n) if n else "" for n in counts],
            label_type="center",
            fontproperties=_font(NOTE_SIZE),
        )
        bottom = [low + count for low, count in zip(bottom, counts, strict=True)]
    _style_axes(axes, [entry.period for entry in series], labels, "axis-count")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*bottom, 1]) * 1.1)
    figure.legend(loc="outside lower center", ncols=3, prop=_font(LABEL_SIZE), frameon=False)
    return _png(figure)
