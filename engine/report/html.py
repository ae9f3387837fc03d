"""The HTML report: one self-contained file, semantic headings, captioned tables, print styles.

Jinja2 with autoescaping does the layout (a well-kept library; escaping everything from evidence
by default is exactly what a report of user-supplied text needs). Charts are inline SVG built by
`svg.py` and marked safe only because that module escapes every text it writes. No script, and
nothing fetched: the file works offline and prints to clean A4 pages.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from engine.report.document import ReportDocument
from engine.report.svg import render_svg


def render_html(document: ReportDocument) -> str:
    """The report as a single HTML document."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("engine.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    charts = {
        area.area: [
            Markup(render_svg(chart, f"chart-{area.area}-{index}"))
            for index, chart in enumerate(area.charts)
        ]  # safe: svg.py escapes every text
        for area in document.areas
    }
    return environment.get_template("report.html.j2").render(doc=document, charts=charts)
