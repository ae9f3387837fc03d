"""Charts as PNG images for the Word report, drawn with Pillow from the same geometry as the SVG.

Word does not take SVG reliably, and Pillow (a well-kept, wheel-only dependency) draws these
simple shapes without a browser or a plotting library. Drawn at twice the size for sharpness.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from engine.report.charts import HEIGHT, WIDTH, geometry
from engine.report.document import Chart

SCALE = 2


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size * SCALE)
    except TypeError:  # Pillow builds without FreeType take no size
        return ImageFont.load_default()


def render_png(chart: Chart) -> bytes:
    """One chart as PNG bytes."""
    shapes = geometry(chart)
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), "white")
    draw = ImageDraw.Draw(image)
    for rect in shapes.rects:
        draw.rectangle(
            [
                rect.x * SCALE,
                rect.y * SCALE,
                (rect.x + rect.width) * SCALE,
                (rect.y + rect.height) * SCALE,
            ],
            fill=rect.fill,
        )
    for line in shapes.lines:
        width = (3 if line.label == "value" else 2) * SCALE
        if line.dashed:
            y = line.y1
            while y < line.y2:
                draw.line(
                    [line.x1 * SCALE, y * SCALE, line.x2 * SCALE, min(y + 4, line.y2) * SCALE],
                    fill=line.colour,
                    width=width,
                )
                y += 7
        else:
            draw.line(
                [line.x1 * SCALE, line.y1 * SCALE, line.x2 * SCALE, line.y2 * SCALE],
                fill=line.colour,
                width=width,
            )
    for x, y, filled in shapes.dots:
        box = [(x - 5) * SCALE, (y - 5) * SCALE, (x + 5) * SCALE, (y + 5) * SCALE]
        draw.ellipse(
            box, fill="#111111" if filled else "#ffffff", outline="#111111", width=2 * SCALE
        )
    if shapes.polyline:
        draw.line(
            [(x * SCALE, y * SCALE) for x, y in shapes.polyline], fill="#1f4e79", width=2 * SCALE
        )
        for x, y in shapes.polyline:
            draw.ellipse(
                [(x - 3) * SCALE, (y - 3) * SCALE, (x + 3) * SCALE, (y + 3) * SCALE], fill="#1f4e79"
            )
    for text in shapes.texts:
        font = _font(text.size)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[text.anchor]
        draw.text(
            (text.x * SCALE, text.y * SCALE), text.text, fill="#111111", font=font, anchor=anchor
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
