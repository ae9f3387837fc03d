"""The Markdown report: the same content as the HTML, pasteable into Word or a wiki.

Charts appear as their text alternatives. Everything from evidence is escaped.
"""

from __future__ import annotations

from engine.report.document import ReportDocument
from engine.report.markdown import escape


def render_markdown_report(document: ReportDocument) -> str:
    """The report as Markdown."""
    lines = [
        f"# {escape(document.title)}",
        "",
        f"Evidence for {document.period}, as of {document.as_of}.",
        "",
        f"> {escape(document.disclaimer)}",
        "",
    ]
    if document.illustrative:
        lines += [
            "> **Illustrative:** this evidence bundle contains invented figures for demonstration.",
            "",
        ]
    previous = document.previous_label
    header = "| Judgement | Engine's suggestion | Leadership team's proposal |" + (
        f" Previous ({previous}) |" if previous else ""
    )
    lines += ["## Summary", "", header, "|" + " --- |" * (4 if previous else 3)]
    for title, grade, proposed, before in document.summary:
        lines.append(
            f"| {escape(title)} | **{grade}** | {proposed or ''} |"
            + (f" {before or ''} |" if previous else "")
        )
    if document.overall is not None:
        title, grade, before, borderline = document.overall
        flag = " (borderline)" if borderline else ""
        lines.append(
            f"| {escape(title)} | **{grade}**{flag} | |"
            + (f" {before or ''} |" if previous else "")
        )
    lines.append("")
    for area in document.areas:
        lines += [
            f"## {escape(area.title)}",
            "",
            f"**Engine's suggestion: {area.grade}**"
            + (f" (previously {area.previous_grade})" if area.previous_grade else ""),
            "",
        ]
        if area.proposed:
            lines += [
                f"Leadership team's proposal: **{area.proposed}**. {escape(area.proposed_rationale or '')}",
                "",
            ]
        if area.narrative_summary:
            lines += [escape(area.narrative_summary), ""]
        sections = [
            ("What we know", area.know, "No findings: see the evidence gaps."),
            ("How we know it", area.how, "No evidence was supplied for this area."),
            ("Figures to treat with care", area.cautions, None),
            ("Evidence gaps", area.gaps, "None: every indicator the rules use has evidence."),
        ]
        for heading, items, empty in sections:
            if not items and empty is None:
                continue
            lines += [f"### {heading}", ""]
            lines += [f"- {escape(item)}" for item in items] if items else [empty or ""]
            lines.append("")
        if area.charts:
            lines += ["### Charts (text alternatives)", ""]
            lines += [f"- {escape(chart.alt)}" for chart in area.charts]
            lines.append("")
        lines += ["### What needs to improve", ""]
        if area.improve:
            for item in area.improve:
                priority = "**Area for priority action:** " if item.priority else ""
                lines.append(f"- {priority}{escape(item.text)} ({escape(item.tag)})")
        else:
            lines.append("Nothing the rules identify.")
        lines += ["", "### What would move the grade", ""]
        lines += (
            [f"- {escape(item)}" for item in area.move]
            if area.move
            else ["No suggestion could be made, so no single change is shown."]
        )
        lines.append("")
        if area.narrative_strengths or area.narrative_development or area.narrative_actions:
            lines += ["### Our own account and plans", ""]
            for label, items in (
                ("Strengths", area.narrative_strengths),
                ("Areas for development", area.narrative_development),
                ("Actions", area.narrative_actions),
            ):
                if items:
                    lines += [f"{label}:", ""] + [f"- {escape(item)}" for item in items] + [""]
    lines += ["## Reproducibility", ""] + [f"- {escape(line)}" for line in document.stamp] + [""]
    return "\n".join(lines)
