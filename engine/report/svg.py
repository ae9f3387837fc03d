"""Charts as inline SVG for the HTML report: no script, nothing fetched, text escaped."""

from __future__ import annotations

from html import escape

from engine.report.charts import HEIGHT, WIDTH, geometry
from engine.report.document import Chart


def render_svg(chart: Chart, identifier: str) -> str:
    """One chart as an accessible SVG element (role img, title and description)."""
    shapes = geometry(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{identifier}-title {identifier}-desc">',
        f'<title id="{identifier}-title">{escape(chart.title)}</title>',
        f'<desc id="{identifier}-desc">{escape(chart.alt)}</desc>',
    ]
    for rect in shapes.rects:
        parts.append(
            f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.width:.1f}" height="{rect.height:.1f}" fill="{rect.fill}">'
            f"<title>{escape(rect.label)}</title></rect>"
        )
    for line in shapes.lines:
        dash = ' stroke-dasharray="4 3"' if line.dashed else ""
        width = 3 if line.label == "value" else 2
        parts.append(
            f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}" '
            f'stroke="{line.colour}" stroke-width="{width}"{dash}/>'
        )
    for x, y, filled in shapes.dots:
        fill = "#111111" if filled else "#ffffff"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="#111111" stroke-width="2"/>'
        )
    if shapes.polyline:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shapes.polyline)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
        for x, y in shapes.polyline:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f4e79"/>')
    for text in shapes.texts:
        weight = ' font-weight="bold"' if text.bold else ""
        parts.append(
            f'<text x="{text.x:.1f}" y="{text.y:.1f}" text-anchor="{text.anchor}" font-size="{text.size}"'
            f'{weight} font-family="sans-serif">{escape(text.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
