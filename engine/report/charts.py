"""Chart geometry shared by the SVG (HTML) and PNG (Word) renderings: computed once, drawn twice.

A chart is a horizontal bar of the indicator's scale coloured by grade band, a marker for the
authority's value, lines for England and the statistical neighbours' median, and, where earlier
figures exist, a small trend line. Colours are chosen by grade rank and are never the only cue:
every band carries its grade's initials and every chart a full text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.report.document import Chart
from engine.report.words import value

WIDTH = 640
HEIGHT = 118
BAR_LEFT = 16
BAR_RIGHT = 440
BAR_TOP = 44
BAR_HEIGHT = 22
TREND_LEFT = 470
TREND_RIGHT = 624
TREND_TOP = 30
TREND_BOTTOM = 92
PALETTE = ["#1a7f37", "#8cc084", "#f2c14e", "#d1495b", "#8b1e3f"]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dashed: bool
    label: str | None


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str
    size: int
    bold: bool = False


@dataclass(frozen=True)
class Geometry:
    """Everything to draw, in pixels."""

    rects: list[Rect]
    lines: list[Line]
    texts: list[Text]
    polyline: list[tuple[float, float]]
    dots: list[tuple[float, float, bool]]


def band_colour(rank: int) -> str:
    """Colour for a grade rank (0 best)."""
    return PALETTE[min(rank, len(PALETTE) - 1)]


def initials(label: str) -> str:
    """'Requires improvement to be good' -> 'RI'; 'Good' -> 'G'."""
    words = [word for word in label.split() if word[0].isupper()]
    return "".join(word[0] for word in words) or label[:1]


def geometry(chart: Chart) -> Geometry:
    """Lay out one chart."""
    span = chart.high - chart.low or 1.0

    def x_of(point: float) -> float:
        clipped = min(max(point, chart.low), chart.high)
        return BAR_LEFT + (clipped - chart.low) / span * (BAR_RIGHT - BAR_LEFT)

    rects = [
        Rect(
            x_of(band.low),
            BAR_TOP,
            max(x_of(band.high) - x_of(band.low), 0.5),
            BAR_HEIGHT,
            band_colour(band.rank),
            band.grade,
        )
        for band in chart.bands
    ]
    texts = [Text(BAR_LEFT, 18, chart.title, "start", 13, bold=True)]
    for rect in rects:
        if rect.width >= 18:
            texts.append(
                Text(rect.x + rect.width / 2, BAR_TOP + 15, initials(rect.label), "middle", 10)
            )
    texts.append(
        Text(BAR_LEFT, BAR_TOP + BAR_HEIGHT + 14, value(chart.low, chart.unit), "start", 10)
    )
    texts.append(
        Text(BAR_RIGHT, BAR_TOP + BAR_HEIGHT + 14, value(chart.high, chart.unit), "end", 10)
    )
    lines: list[Line] = []
    position = x_of(chart.value)
    lines.append(
        Line(position, BAR_TOP - 8, position, BAR_TOP + BAR_HEIGHT + 4, "#111111", False, "value")
    )
    texts.append(
        Text(position, BAR_TOP - 11, value(chart.value, chart.unit), "middle", 11, bold=True)
    )
    below = BAR_TOP + BAR_HEIGHT + 28
    legend = []
    if chart.england is not None:
        x = x_of(chart.england)
        lines.append(Line(x, BAR_TOP - 2, x, BAR_TOP + BAR_HEIGHT + 2, "#1f4e79", True, "England"))
        legend.append(f"England {value(chart.england, chart.unit)} (blue dashes)")
    if chart.neighbours is not None:
        x = x_of(chart.neighbours[0])
        lines.append(
            Line(x, BAR_TOP - 2, x, BAR_TOP + BAR_HEIGHT + 2, "#6a3d9a", True, "Neighbours")
        )
        legend.append(
            f"neighbours' median {value(chart.neighbours[0], chart.unit)} (purple dashes)"
        )
    dots: list[tuple[float, float, bool]] = []
    if chart.previous is not None:
        dots.append((x_of(chart.previous), BAR_TOP + BAR_HEIGHT / 2, False))
        legend.append(f"previously {value(chart.previous, chart.unit)} (circle)")
    if legend:
        texts.append(Text(BAR_LEFT, below, "; ".join(legend), "start", 10))
    polyline: list[tuple[float, float]] = []
    if len(chart.trend) >= 2:
        points = [point for _, point in chart.trend]
        lowest, highest = min(points), max(points)
        spread = highest - lowest or 1.0
        step = (TREND_RIGHT - TREND_LEFT) / (len(points) - 1)
        polyline = [
            (
                TREND_LEFT + index * step,
                TREND_BOTTOM - (point - lowest) / spread * (TREND_BOTTOM - TREND_TOP),
            )
            for index, point in enumerate(points)
        ]
        texts.append(Text(TREND_LEFT, 18, "Published trend", "start", 10, bold=True))
        texts.append(Text(TREND_LEFT, TREND_BOTTOM + 14, chart.trend[0][0][:10], "start", 9))
        texts.append(Text(TREND_RIGHT, TREND_BOTTOM + 14, chart.trend[-1][0][:10], "end", 9))
    return Geometry(rects, lines, texts, polyline, dots)
