"""The chart kinds the screens use, drawn onto a ChartCanvas (or an ImageChart) with their clickable targets.

Every function takes already translated text; keys are whatever the screen wants back from a
click (a class code, an (r, f) cell, a (from, to) pair ...).  None of them calls draw: the canvas
paints on the next Qt paint event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import PowerNorm, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Polygon, Rectangle
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from shopcrm.gui.charts import colors
from shopcrm.gui.charts.canvas import Target

TITLE_SIZE = 11
LABEL_SIZE = 9


class Surface(Protocol):
    """What a chart is drawn onto: charts.canvas.ChartCanvas (drawn in the GUI thread, clickable)
    or charts.image.ImageChart (drawn on the chart thread, shown as an image)."""

    @property
    def figure(self) -> Figure: ...

    @property
    def canvas(self) -> Any: ...

    def reset(self) -> None: ...

    def add_target(self, target: Target) -> None: ...

    def when_resized(self, fit: Callable[[], object]) -> None: ...

    def refresh(self) -> None: ...


@dataclass(frozen=True)
class Series:
    """One set of bars (or a line): a name for the legend, values, optional text on each bar."""

    name: str
    values: Sequence[float]
    labels: Sequence[str] | None = None
    color: str | Sequence[str] = colors.ACCENT


@dataclass(frozen=True)
class Band:
    """One level of a pyramid or funnel."""

    label: str
    value: float
    key: Any
    color: str
    detail: str = ""
    tooltip: str = ""


def text_color_on(fill: str) -> str:
    """White on dark fills, the usual dark brown on light ones."""
    r, g, b = to_rgb(fill)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else colors.TEXT


def thousands(value: float, _pos: int | None = None) -> str:
    return f"{value:,.0f}"


def _style(ax: Axes, title: str) -> None:
    ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colors.GRID)
    ax.tick_params(labelsize=LABEL_SIZE, colors=colors.TEXT)
    ax.set_axisbelow(True)


def _text_px(chart: Surface, text: str, size: float = LABEL_SIZE) -> float:
    """How wide `text` is drawn, in pixels (its widest line)."""
    renderer = chart.canvas.get_renderer()  # Agg's: measures without drawing
    font = FontProperties(size=size)
    return max(renderer.get_text_width_height_descent(line, font, ismath=False)[0]
               for line in text.splitlines() or [""])


class _PeriodLocator(Locator):
    """At most seven period labels, counted back from the newest, and only as many as fit the
    axis's width at each draw: a narrow chart shows fewer labels instead of overlapping them."""

    def __init__(self, count: int, label_px: float) -> None:
        self.count = count
        self.label_px = label_px

    def __call__(self) -> Sequence[float]:
        axes = getattr(self.axis, "axes", None)
        width = float(axes.bbox.width) if axes is not None else 0.0
        fit = max(2, int(width // (self.label_px + 12)))
        step = max(1, -(-self.count // min(7, fit)))
        return [float(i) for i in range(self.count - 1, -1, -step)][::-1]

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        return self()


def _period_axis(chart: Surface, ax: Axes, periods: Sequence[str]) -> None:
    names = list(periods)
    ax.xaxis.set_major_locator(_PeriodLocator(len(names), max((_text_px(chart, p) for p in names), default=0.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _p: names[int(round(v))] if 0 <= int(round(v)) < len(names) else ""))


def _legend_columns(chart: Surface, names: Sequence[str], room: float) -> int:
    """The most legend columns whose entries fit side by side in `room` pixels."""
    # matplotlib's handle length, text pad and column spacing (2 + 0.8 + 2 font sizes) around each name
    handle = (LABEL_SIZE - 1) * 4.8 * chart.figure.dpi / 72
    widths = [_text_px(chart, n, LABEL_SIZE - 1) + handle for n in names]
    for columns in range(len(names), 1, -1):
        needed = sum(max(widths[c::columns]) for c in range(columns))
        if needed <= room:
            return columns
    return 1


def _axes_room(chart: Surface) -> float:
    """About how wide the plot is drawn (the figure less its axis labels on both sides), in pixels."""
    return chart.figure.get_figwidth() * chart.figure.dpi - 110


def _patch_target(key: Any, tooltip: str, patch: Rectangle | Polygon) -> Target:
    def contains(event: MouseEvent) -> bool:
        return bool(patch.contains(event)[0])

    def center() -> tuple[float, float]:
        box = patch.get_window_extent()
        return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2

    return Target(key, tooltip, contains, center)


def message(chart: Surface, title: str, text: str) -> None:
    """An empty chart saying why (no classification yet, no sales in the period ...)."""
    chart.reset()
    ax = chart.figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=10, color=colors.MUTED, wrap=True,
            transform=ax.transAxes)
    chart.refresh()


def bars(
    chart: Surface,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    keys: Sequence[Any] | None = None,
    *,
    tooltips: Sequence[str] | None = None,
    horizontal: bool = False,
    value_axis: str = "",
    percent_axis: bool = False,
) -> None:
    """Bars per category (grouped when several series); each category's bars click to its key."""
    chart.reset()
    ax = chart.figure.add_subplot()
    _style(ax, title)
    n = len(categories)
    positions = np.arange(n)
    width = 0.8 / max(1, len(series))
    for i, s in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * width
        values = np.asarray(s.values, dtype=float)
        if horizontal:
            container = ax.barh(positions + offset, values, height=width * 0.92, color=s.color, label=s.name)
        else:
            container = ax.bar(positions + offset, values, width=width * 0.92, color=s.color, label=s.name)
        if s.labels is not None:
            ax.bar_label(container, labels=list(s.labels), padding=2, fontsize=LABEL_SIZE - 1, color=colors.TEXT)
        if keys is not None:
            for j, patch in enumerate(container.patches):
                chart.add_target(_patch_target(keys[j], tooltips[j] if tooltips else "", patch))
    formatter = FuncFormatter(lambda v, _p: f"{v:.0%}") if percent_axis else FuncFormatter(thousands)
    if horizontal:
        ax.set_yticks(positions, list(categories))
        ax.invert_yaxis()  # first category on top
        ax.xaxis.set_major_formatter(formatter)
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=not percent_axis))
        ax.grid(axis="x", color=colors.GRID, linewidth=0.8)
        ax.set_xlabel(value_axis, fontsize=LABEL_SIZE)
        ax.margins(x=0.18)  # room for the value labels
    else:
        ax.set_xticks(positions, list(categories))
        ax.yaxis.set_major_formatter(formatter)
        ax.yaxis.set_major_locator(MaxNLocator(5, integer=not percent_axis))
        ax.grid(axis="y", color=colors.GRID, linewidth=0.8)
        ax.set_ylabel(value_axis, fontsize=LABEL_SIZE)
        ax.margins(y=0.15)
        if n > 6 or max((len(c) for c in categories), default=0) * n > 60:
            for label in ax.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    if len(series) > 1:
        ax.legend(fontsize=LABEL_SIZE - 1, frameon=False, loc="best")
    chart.refresh()


def heatmap(
    chart: Surface,
    title: str,
    matrix: Sequence[Sequence[float]],
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    keys: Sequence[Sequence[Any]],
    *,
    tooltips: Sequence[Sequence[str]] | None = None,
    xlabel: str = "",
    ylabel: str = "",
    cell_text: Callable[[int, int, float], str] | None = None,
    cmap: str = "Oranges",
    soften: bool = False,
) -> None:
    """A grid of counts (RFM R x F, a from -> to movement); every cell clicks to its key.

    `soften` compresses the colour scale, so a few large cells (members who stayed in their class)
    do not wash out the small ones (members who moved)."""
    chart.reset()
    ax = chart.figure.add_subplot()
    data = np.asarray(matrix, dtype=float)
    rows, cols = data.shape
    peak = float(data.max()) if data.size else 0.0
    if soften:
        ax.imshow(data, cmap=cmap, aspect="auto", norm=PowerNorm(0.4, vmin=0, vmax=max(peak, 1.0)),
                  interpolation="nearest")
    else:
        ax.imshow(data, cmap=cmap, aspect="auto", vmin=0, vmax=max(peak, 1.0), interpolation="nearest")
    ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left")
    ax.set_xticks(np.arange(cols), list(col_labels))
    ax.set_yticks(np.arange(rows), list(row_labels))
    ax.tick_params(labelsize=LABEL_SIZE, colors=colors.TEXT, length=0)
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if cols > 5 or max((len(c) for c in col_labels), default=0) > 8:
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    for r in range(rows):
        for c in range(cols):
            value = float(data[r, c])
            text = cell_text(r, c, value) if cell_text else f"{value:,.0f}"
            dark = peak > 0 and value > (0.25 if soften else 0.55) * peak
            ax.text(c, r, text, ha="center", va="center", fontsize=LABEL_SIZE,
                    color="white" if dark else colors.TEXT)
            chart.add_target(_cell_target(ax, r, c, keys[r][c], tooltips[r][c] if tooltips else ""))
    chart.refresh()


def _cell_target(ax: Axes, row: int, col: int, key: Any, tooltip: str) -> Target:
    def contains(event: MouseEvent) -> bool:
        if event.inaxes is not ax or event.xdata is None or event.ydata is None:
            return False
        return round(event.xdata) == col and round(event.ydata) == row

    def center() -> tuple[float, float]:
        x, y = ax.transData.transform((col, row))
        return float(x), float(y)

    return Target(key, tooltip, contains, center)


def pyramid(chart: Surface, title: str, bands: Sequence[Band]) -> None:
    """Stacked trapezoids, narrow top (first band) to wide bottom; details to the right."""
    chart.reset()
    ax = chart.figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left")
    n = len(bands)
    gap = 0.06

    def half_width(y: float) -> float:  # y = 0 at the bottom, n at the apex
        return 0.12 + 0.88 * (1 - y / n)

    for i, band in enumerate(bands):
        top, bottom = n - i, n - i - 1
        y0, y1 = bottom + gap / 2, top - gap / 2
        points = [(-half_width(y0), y0), (half_width(y0), y0), (half_width(y1), y1), (-half_width(y1), y1)]
        patch = Polygon(points, closed=True, facecolor=band.color, edgecolor="white", linewidth=1)
        ax.add_patch(patch)
        mid = (y0 + y1) / 2
        # The class name beside its band, above the figures: inside the narrow apex a long name
        # ("Platinum") was cut off on a small screen.
        ax.text(1.06, mid, band.label, ha="left", va="bottom", fontsize=LABEL_SIZE + 1, color=colors.TEXT,
                fontweight="bold")
        ax.text(1.06, mid, band.detail, ha="left", va="top", fontsize=LABEL_SIZE, color=colors.TEXT)
        chart.add_target(_patch_target(band.key, band.tooltip, patch))
    ax.set_xlim(-1.05, 2.6)
    ax.set_ylim(0, n)
    chart.refresh()


def funnel(chart: Surface, title: str, bands: Sequence[Band]) -> None:
    """Centred bars in stage order, width by count (never too thin to click)."""
    chart.reset()
    ax = chart.figure.add_subplot()
    ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    peak = max((b.value for b in bands), default=0) or 1.0
    widths = [max(b.value / peak, 0.03) for b in bands]
    positions = np.arange(len(bands))
    container = ax.barh(positions, widths, left=[-w / 2 for w in widths], height=0.8,
                        color=[b.color for b in bands])
    for i, (band, patch) in enumerate(zip(bands, container.patches, strict=True)):
        ax.text(widths[i] / 2 + 0.02, i, band.detail, ha="left", va="center", fontsize=LABEL_SIZE,
                color=colors.TEXT)
        chart.add_target(_patch_target(band.key, band.tooltip, patch))
    ax.set_yticks(positions, [b.label for b in bands])
    ax.tick_params(axis="y", labelsize=LABEL_SIZE, colors=colors.TEXT, length=0)
    ax.set_xticks([])
    ax.set_xlim(-0.55, 1.0)
    ax.invert_yaxis()
    chart.refresh()


def trend(
    chart: Surface,
    title: str,
    periods: Sequence[str],
    bar_series: Series,
    line_series: Series | None = None,
    *,
    bar_axis: str = "",
    line_axis: str = "",
    bar_format: Callable[[float], str] = lambda v: f"{v:,.0f}",
    partial_last: bool = False,
    same_days: Series | None = None,
    marks: Sequence[tuple[float, str, tuple[float, float] | None]] = (),
) -> None:
    """Bars per period (revenue, new members) with an optional line on a second axis (visits).

    `partial_last`: the last period is still running (month to date): its bar is drawn hatched and
    light, so it never reads as a collapse.  `same_days`: a mark on each bar at the value of the
    same days of that period (days 1–6 of every month when today is the 6th), to compare like with like.
    `marks`: festivals (x, label, official days off as an x span or None) drawn over the bars."""
    chart.reset()
    ax = chart.figure.add_subplot()
    _style(ax, title)
    x = np.arange(len(periods))
    bars_drawn = ax.bar(x, np.asarray(bar_series.values, dtype=float), color=bar_series.color, width=0.7,
                        label=bar_series.name)
    if partial_last and len(bars_drawn.patches):
        last = bars_drawn.patches[-1]
        last.set_alpha(0.45)
        last.set_hatch("///")
        last.set_edgecolor(str(bar_series.color))
    if same_days is not None:
        ax.plot(x, np.asarray(same_days.values, dtype=float), linestyle="none", marker="_", markersize=16,
                markeredgewidth=2.2, color=same_days.color or colors.TEXT, label=same_days.name)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: bar_format(v)))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel(bar_axis, fontsize=LABEL_SIZE)
    ax.grid(axis="y", color=colors.GRID, linewidth=0.8)
    _period_axis(chart, ax, periods)
    handles, names = ax.get_legend_handles_labels()
    if line_series is not None:
        twin = ax.twinx()
        values = np.asarray(line_series.values, dtype=float)
        whole = len(values) - 1 if partial_last and len(values) > 1 else len(values)
        twin.plot(x[:whole], values[:whole], color=line_series.color, marker="o",
                  markersize=3, linewidth=1.6, label=line_series.name)
        if whole < len(values):  # the running month: a hollow point, not a line diving to it
            twin.plot(x[whole:], values[whole:], linestyle="none", marker="o", markersize=5,
                      markerfacecolor="white", markeredgecolor=line_series.color)
        twin.set_ylabel(line_axis, fontsize=LABEL_SIZE)
        twin.yaxis.set_major_formatter(FuncFormatter(thousands))
        twin.yaxis.set_major_locator(MaxNLocator(5, integer=True))
        twin.set_ylim(bottom=0)
        twin.tick_params(labelsize=LABEL_SIZE, colors=colors.TEXT)
        for side in ("top", "left"):
            twin.spines[side].set_visible(False)
        twin.spines["right"].set_color(colors.GRID)
        more_handles, more_names = twin.get_legend_handles_labels()
        handles, names = handles + more_handles, names + more_names
    if len(handles) > 1:
        # On lines of their own between the title and the plot (on the title's line the two collided
        # in a narrow window and in Chinese), in as many columns as the chart's width has room for.
        def place_legend() -> None:
            columns = _legend_columns(chart, names, _axes_room(chart))
            rows = -(-len(names) // columns)
            ax.set_title(title, fontsize=TITLE_SIZE, color=colors.TEXT, loc="left",
                         pad=TITLE_SIZE + 12 + (rows - 1) * (LABEL_SIZE + 4))
            ax.legend(handles, names, fontsize=LABEL_SIZE - 1, frameon=False, loc="lower left",
                      bbox_to_anchor=(0.0, 1.0), ncols=columns, borderaxespad=0.2)

        chart.when_resized(place_legend)
    ax.set_ylim(bottom=0)
    ax.margins(y=0.12)
    _festival_marks(ax, marks)
    chart.refresh()


def lines(
    chart: Surface,
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
    *,
    value_axis: str = "",
    value_format: Callable[[float], str] = lambda v: f"{v:,.0f}",
    limits: tuple[float, float] | None = None,
) -> None:
    """One line per series over the periods (NaN leaves a gap: a month without data)."""
    chart.reset()
    ax = chart.figure.add_subplot()
    _style(ax, title)
    x = np.arange(len(periods))
    for s in series:
        ax.plot(x, np.asarray(s.values, dtype=float), color=s.color if isinstance(s.color, str) else colors.ACCENT,
                marker="o", markersize=3, linewidth=1.6, label=s.name)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: value_format(v)))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel(value_axis, fontsize=LABEL_SIZE)
    ax.grid(axis="y", color=colors.GRID, linewidth=0.8)
    _period_axis(chart, ax, periods)
    if limits is not None:
        ax.set_ylim(*limits)
    else:
        ax.set_ylim(bottom=0)
        ax.margins(y=0.12)
    if len(series) > 1:
        chart.when_resized(lambda: ax.legend(
            fontsize=LABEL_SIZE - 1, frameon=False, loc="best",
            ncols=_legend_columns(chart, [s.name for s in series], _axes_room(chart))))
    chart.refresh()


def _festival_marks(ax: Any, marks: Sequence[tuple[float, str, tuple[float, float] | None]]) -> None:
    """A dashed line on the festival's day with its name at the top; its days off shaded."""
    if not marks:
        return
    top = ax.get_ylim()[1]
    for x, label, days_off in marks:
        if days_off is not None:
            # a collection, not a patch: ax.patches stays the bars
            ax.fill_between(list(days_off), 0, 1, transform=ax.get_xaxis_transform(), color=colors.MUTED, alpha=0.15,
                            linewidth=0, zorder=0)
        ax.axvline(x, color=colors.SECOND, linestyle="--", linewidth=0.9, alpha=0.8, zorder=3)
        ax.text(x, top, label, rotation=90, va="top", ha="right", fontsize=LABEL_SIZE - 2, color=colors.TEXT,
                alpha=0.85, zorder=4)
