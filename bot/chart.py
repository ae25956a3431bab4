"""Draws a timeline chart (`ChartSpec`): one row per event on a horizontal time axis.

A dot is an event of a known day, a bar a range, a pale bar an event known only to its month
or year, and a bar fading in from the left one known only to have happened before a date
("recently"); a dashed red line marks the report's date. Dates far apart go on separate
panels of one broken axis, each as wide as its events need, so 1945 and the weeks before the
report are both readable; bars that run across a break pass through it. Labels sit left of the
axis, one row each, so they never overlap.

matplotlib's Agg backend draws the axis and the marks in a single Axes (the breaks are a
piecewise-linear map of dates, far quicker than one Axes per panel); Pillow sets the text, in
DejaVu Sans, which is quicker than matplotlib's text and tells exactly where each label went.
Needs the `pictures` extra.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image, ImageDraw

from bot import fonts
from bot.drawing import ChartSpec, Drawing, Label, Mark

DPI = 100
WIDTH = 1000
TOP = 78
ROW = 46
BOTTOM = 112
LABEL_LEFT = 15
LABEL_RIGHT = 392
PLOT_LEFT = 420
PLOT_RIGHT = 975
GAP = 16
"""Pixels between two panels."""
GAP_DAYS = 400
"""Dates further apart than this go on separate panels."""
MAX_PANELS = 4
FADE_DAYS = 28
"""How far back the bar of an event known only to be "before" a date fades in."""
MIN_BAR = 4
TICK_ROOM = 85
"""Pixels one tick label needs."""
TICK_PIXELS = 11
"""matplotlib's 8-point tick labels at 100 dots per inch."""
TICK_SPACE = 10
INK = "#1f2933"
MUTED = "#52606d"
ACCENT = "#2458a6"
ACCENT_RGB = (0x24, 0x58, 0xA6)
PALE = "#c9d8ef"
REPORT = "#c0392b"
BAND = "#f1f4f8"
FADE_STEPS = 8


def _opacity(step: int) -> float:
    """How opaque step `step` of a fading bar is, from faint to nearly solid."""
    return 0.08 + 0.8 * step / (FADE_STEPS - 1)


def size(rows: int) -> tuple[int, int]:
    """The chart's width and height in pixels for `rows` events."""
    return WIDTH, TOP + ROW * max(rows, 1) + BOTTOM


@dataclass(frozen=True)
class Panel:
    """A stretch of time (ordinal days, padded) and where it is drawn (pixels from the plot's
    left edge)."""

    low: float
    high: float
    left: float
    right: float

    def x(self, day: float) -> float:
        return self.left + (day - self.low) / (self.high - self.low) * (self.right - self.left)


def _clusters(spec: ChartSpec) -> list[tuple[int, int]]:
    """The date ranges that get a panel each: dates within `GAP_DAYS` of each other share one;
    at most `MAX_PANELS`, merging the closest first."""
    points = [day for mark in spec.marks for day in (mark.start, mark.stop)]
    if spec.report is not None and _report_shown(spec):
        points.append(spec.report[0])
    if spec.window is not None:
        low, high = spec.window
        points = [min(max(day, low), high) for day in points]
    clusters: list[tuple[int, int]] = []
    for day in sorted(set(points)):
        if clusters and day - clusters[-1][1] <= GAP_DAYS:
            clusters[-1] = (clusters[-1][0], day)
        else:
            clusters.append((day, day))
    while len(clusters) > MAX_PANELS:
        gaps = [clusters[i + 1][0] - clusters[i][1] for i in range(len(clusters) - 1)]
        i = gaps.index(min(gaps))
        clusters[i:i + 2] = [(clusters[i][0], clusters[i + 1][1])]
    return clusters


def _report_shown(spec: ChartSpec) -> bool:
    """Whether the report's date is on the chart: always, but outside a year's window."""
    if spec.report is None:
        return False
    return spec.window is None or spec.window[0] <= spec.report[0] <= spec.window[1]


def panels(spec: ChartSpec) -> list[Panel]:
    """The panels of the broken axis, each as wide as one share plus one per event that
    starts or ends in it."""
    clusters = _clusters(spec)
    weights = [1 + sum(1 for mark in spec.marks
                       if low <= mark.start <= high or low <= mark.stop <= high)
               for low, high in clusters]
    room = PLOT_RIGHT - PLOT_LEFT - GAP * (len(clusters) - 1)
    laid: list[Panel] = []
    left = 0.0
    for (low, high), weight in zip(clusters, weights, strict=True):
        pad = max((high - low) * 0.06, 6.0)
        right = left + room * weight / sum(weights)
        laid.append(Panel(low - pad, high + pad, left, right))
        left = right + GAP
    return laid


class Axis:
    """Dates to pixels across the panels; a date in a break falls proportionally inside it."""

    def __init__(self, laid: list[Panel]) -> None:
        self.panels = laid
        self._days = [day for panel in laid for day in (panel.low, panel.high)]
        self._pixels = [pixel for panel in laid for pixel in (panel.left, panel.right)]

    def x(self, day: float) -> float:
        days, pixels = self._days, self._pixels
        if day <= days[0]:
            return pixels[0]
        if day >= days[-1]:
            return pixels[-1]
        i = bisect.bisect_right(days, day) - 1
        return pixels[i] + (day - days[i]) / (days[i + 1] - days[i]) * (pixels[i + 1] - pixels[i])


def _candidates(low: float, high: float) -> list[tuple[list[dt.date], Callable[[dt.date], int],
                                                     tuple[int, ...], str]]:
    """Tick dates between `low` and `high` by year, month and day, coarsest first, each with
    how to number them, the steps to thin them by and their pattern."""
    first, last = dt.date.fromordinal(int(low) + 1), dt.date.fromordinal(int(high))
    mid_year = high - low < 2 * 365
    years = [dt.date(year, 7 if mid_year else 1, 1) for year in range(first.year, last.year + 1)]
    months = [dt.date(year, month, 1) for year in range(first.year, last.year + 1)
              for month in range(1, 13)]
    days = [dt.date.fromordinal(day) for day in range(first.toordinal(), last.toordinal() + 1)]
    return [
        ([day for day in years if first <= day <= last], lambda day: day.year,
         (1, 2, 5, 10, 20, 50), "y"),
        ([day for day in months if first <= day <= last], lambda day: day.year * 12 + day.month - 1,
         (1, 2, 3, 6, 12), "LLL y"),
        (days, dt.date.toordinal, (1, 2, 7, 14), "d MMM"),
    ]


def _ticks(panel: Panel, lang: str) -> list[tuple[int, str]]:
    """Evenly spaced ticks for `panel`, as many as fit, in the unit that gives the most (the
    coarser on a tie); labelled in `lang`, the first day of a panel with its year."""
    most = max(1, int((panel.right - panel.left) // TICK_ROOM))
    best: tuple[list[dt.date], str] = ([], "y")
    for candidates, number, steps, pattern in _candidates(panel.low, panel.high):
        for step in steps:
            chosen = [day for day in candidates if number(day) % step == 0]
            if 1 <= len(chosen) <= most:
                if len(chosen) > len(best[0]):
                    best = (chosen, pattern)
                break
    chosen, pattern = best
    labels = [format_date(day, pattern, locale=lang) for day in chosen]
    if pattern == "d MMM" and chosen:
        labels[0] = format_date(chosen[0], "d MMM y", locale=lang)
    return [(day.toordinal(), label) for day, label in zip(chosen, labels, strict=True)]


def _spaced(ticks: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """`ticks` (left to right) without those whose label would touch the one before, e.g. at
    the edges of two narrow panels."""
    face = fonts.font(fonts.SANS, TICK_PIXELS)
    kept: list[tuple[float, str]] = []
    right_edge = -float("inf")
    for x, label in ticks:
        half = fonts.width(label, face) / 2 + TICK_SPACE / 2
        if x - half >= right_edge:
            kept.append((x, label))
            right_edge = x + half
    return kept


def _draw_mark(axes: Axes, axis: Axis, row: int, mark: Mark) -> tuple[float, float]:
    """Draw `mark` on its row; where it starts and stops, in pixels from the plot's left."""
    if mark.style == "day":
        middle = axis.x(mark.start + 0.5)
        axes.plot([middle], [row], "o", ms=8, color=ACCENT, zorder=3)
        return middle - 5, middle + 5
    start = axis.x(mark.start - (FADE_DAYS if mark.style == "before" else 0))
    stop = axis.x(mark.stop + 1)
    length = max(stop - start, MIN_BAR)
    if mark.style == "period":
        axes.barh(row, length, left=start, height=0.36, color=ACCENT, zorder=2)
    elif mark.style == "approximate":
        axes.barh(row, length, left=start, height=0.36, color=PALE, edgecolor=ACCENT,
                  linestyle="--", linewidth=1, zorder=2)
    else:
        step = length / FADE_STEPS
        shades = [(*(part / 255 for part in ACCENT_RGB), _opacity(n)) for n in range(FADE_STEPS)]
        axes.barh([row] * FADE_STEPS, step, left=[start + step * n for n in range(FADE_STEPS)],
                  height=0.36, color=shades, linewidth=0, zorder=2)
        axes.plot([stop] * 2, [row - 0.22, row + 0.22], color=ACCENT, lw=2, zorder=3)
    return start, start + length


def _plot(spec: ChartSpec, axis: Axis,
          height: int) -> tuple[Image.Image, list[Label], list[Label]]:
    """The axis, bands and marks drawn by matplotlib; where its tick labels and marks went."""
    rows = len(spec.marks)
    figure = Figure(figsize=(WIDTH / DPI, height / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(figure)
    plot_height = ROW * max(rows, 1)
    for row in range(0, rows, 2):
        figure.patches.append(Rectangle(
            (0, 1 - (TOP + ROW * (row + 1)) / height), 1, ROW / height,
            transform=figure.transFigure, color=BAND, linewidth=0, zorder=-1))
    axes = figure.add_axes((PLOT_LEFT / WIDTH, 1 - (TOP + plot_height) / height,
                            (PLOT_RIGHT - PLOT_LEFT) / WIDTH, plot_height / height))
    axes.set_facecolor("none")
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.tick_params(left=False, labelleft=False, colors=MUTED, labelsize=8, length=3)
    axes.set_xlim(0, PLOT_RIGHT - PLOT_LEFT)
    axes.set_ylim(rows - 0.5, -0.5)
    ticks = _spaced([(panel.x(day), label) for panel in axis.panels
                     for day, label in _ticks(panel, spec.lang)])
    axes.set_xticks([x for x, _label in ticks], [label for _x, label in ticks])
    axes.grid(axis="x", color="#d5dbe3", linewidth=0.6, zorder=0)
    for number, panel in enumerate(axis.panels):
        axes.plot([panel.left, panel.right], [rows - 0.5] * 2, color=MUTED, lw=0.8,
                  clip_on=False)
        if number:
            gap = (axis.panels[number - 1].right, panel.left)
            axes.axvspan(*gap, color="white", zorder=1, linewidth=0)
            axes.plot(gap, [rows - 0.5] * 2, linestyle="none", marker=[(-1, -1.6), (1, 1.6)],
                      markersize=9, color=MUTED, mew=1, clip_on=False)
    marks = []
    for row, mark in enumerate(spec.marks):
        start, stop = _draw_mark(axes, axis, row, mark)
        middle = TOP + ROW * (row + 0.5)
        marks.append(Label("mark", mark.style, (PLOT_LEFT + start, middle - 8,
                                                PLOT_LEFT + stop, middle + 8), mark.item_id))
    if spec.report is not None and _report_shown(spec):
        axes.axvline(axis.x(spec.report[0] + 0.5), color=REPORT, linestyle="--", linewidth=1.2,
                     zorder=1)
    canvas.draw()
    renderer = canvas.get_renderer()
    labels = []
    for tick in axes.get_xticklabels():
        x0, y0, x1, y1 = tick.get_window_extent(renderer).extents
        labels.append(Label("tick", tick.get_text(),
                            (float(x0), float(height - y1), float(x1), float(height - y0))))
    image = Image.frombuffer("RGBA", (WIDTH, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return image.convert("RGB"), labels, marks


def _faded(share: float) -> tuple[int, int, int]:
    """The accent colour at `share` opacity over white."""
    red, green, blue = (round(255 + (part - 255) * share) for part in ACCENT_RGB)
    return red, green, blue


def _legend(pen: ImageDraw.ImageDraw, spec: ChartSpec, top: int) -> list[Label]:
    """The key, one line: a swatch and a word for each way a date is drawn on this chart."""
    face = fonts.font(fonts.SANS, 11)
    legend = spec.legend
    labels = []
    x = LABEL_LEFT
    middle = top + 6
    drawn = {mark.style for mark in spec.marks} | ({"report"} if _report_shown(spec) else set())
    for kind, text in (("day", legend.day), ("period", legend.period),
                       ("approximate", legend.approximate), ("before", legend.before),
                       ("report", legend.report)):
        if kind not in drawn:
            continue
        if kind == "day":
            pen.ellipse((x + 5, middle - 5, x + 15, middle + 5), fill=ACCENT)
        elif kind == "period":
            pen.rectangle((x, middle - 5, x + 20, middle + 5), fill=ACCENT)
        elif kind == "approximate":
            pen.rectangle((x, middle - 5, x + 20, middle + 5), fill=PALE, outline=ACCENT)
        elif kind == "before":
            for n in range(FADE_STEPS):
                pen.rectangle((x + n * 2.5, middle - 5, x + n * 2.5 + 2.5, middle + 5),
                              fill=_faded(_opacity(n)))
        else:
            for n in range(3):
                pen.line((x + n * 8, middle, x + n * 8 + 5, middle), fill=REPORT, width=2)
        box = pen.textbbox((x + 26, middle), text, font=face, anchor="lm")
        pen.text((x + 26, middle), text, font=face, fill=MUTED, anchor="lm")
        labels.append(Label("legend", text, box))
        x = round(box[2]) + 22
    return labels


def draw(spec: ChartSpec) -> Drawing:
    """The chart as a PNG, with where each label was drawn."""
    rows = len(spec.marks)
    width, height = size(rows)
    axis = Axis(panels(spec))
    image, labels, marks = _plot(spec, axis, height)
    pen = ImageDraw.Draw(image)

    def write(role: str, xy: tuple[float, float], text: str, face_name: str, pixels: int,
              fill: str, anchor: str, key: str = "", limit: float = WIDTH) -> None:
        face = fonts.font(face_name, pixels)
        shown = fonts.cut(text, face, limit)
        pen.text(xy, shown, font=face, fill=fill, anchor=anchor)
        labels.append(Label(role, shown, pen.textbbox(xy, shown, font=face, anchor=anchor), key))

    write("title", (LABEL_LEFT, 34), spec.title, fonts.SANS_BOLD, 20, INK, "lm",
          limit=PLOT_LEFT + 200)
    label_room = LABEL_RIGHT - LABEL_LEFT
    for row, mark in enumerate(spec.marks):
        middle = TOP + ROW * row + ROW / 2
        write("event", (LABEL_LEFT, middle - 2), mark.label, fonts.SANS, 13, INK, "ls",
              mark.item_id, label_room)
        detail_face = fonts.font(fonts.SANS, 11)
        suffix = f" · {mark.item_id}"
        detail = fonts.cut(mark.detail, detail_face, label_room - fonts.width(suffix, detail_face))
        write("detail", (LABEL_LEFT, middle + 3), detail + suffix, fonts.SANS, 11, MUTED, "lt",
              mark.item_id, label_room)
    if spec.report is not None and _report_shown(spec):
        write("report", (PLOT_LEFT + axis.x(spec.report[0] + 0.5), TOP - 4), spec.report[1],
              fonts.SANS, 11, REPORT, "rs")
    bottom = TOP + ROW * max(rows, 1)
    labels += _legend(pen, spec, bottom + 44)
    write("source", (LABEL_LEFT, height - 18), spec.legend.source, fonts.SANS, 11, MUTED, "lm",
          limit=WIDTH - 2 * LABEL_LEFT)
    png = io.BytesIO()
    image.save(png, "PNG", compress_level=3)
    return Drawing(png.getvalue(), width, height, tuple(labels),
                   ((PLOT_LEFT, TOP, PLOT_RIGHT, bottom),), tuple(marks))
