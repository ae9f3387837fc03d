"""Markdown rendering of an evaluation: pasteable into Word or a wiki.

Everything that came from evidence (sources, notes, rationales) is escaped so a note cannot
inject a table, a link or a heading.
"""

from __future__ import annotations

import re

from engine.model.result import AreaOutcome, Evaluation
from engine.report.words import counterfactual_sentence, finding_sentence, labels_of, units_of

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|])")


def escape(text: str) -> str:
    """Escape Markdown (and inline HTML) metacharacters; keep text on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(evaluation: Evaluation) -> str:
    """The evaluation as Markdown."""
    labels = labels_of(evaluation)
    bundle = evaluation.bundle
    lines = [
        f"# ILACS self-evaluation suggestions: {escape(bundle.authority)}",
        "",
        f"> {escape(evaluation.disclaimer)}",
        "",
    ]
    if bundle.illustrative:
        lines += ["*Illustrative figures: this bundle is fictional.*", ""]
    lines += [
        "| Judgement | Suggested grade | Proposed by the team |",
        "| --- | --- | --- |",
    ]
    for area in evaluation.areas:
        proposed = labels.get(area.proposed.grade, "") if area.proposed else ""
        lines.append(f"| {escape(area.title)} | {area.grade_label} | {proposed} |")
    if evaluation.overall is not None:
        lines.append(f"| {escape(evaluation.overall.title)} | {evaluation.overall.grade_label} | |")
    lines.append("")
    for area in evaluation.areas:
        lines.extend(_area(area, labels))
    lines += [
        "## Reproducibility",
        "",
        f"- Engine {evaluation.engine_version}; pack {evaluation.pack.id} {evaluation.pack.version} (`{evaluation.pack.content_hash}`)",
        f"- Bundle {escape(bundle.id)} (`{bundle.content_hash}`), evidence as of {bundle.as_of.isoformat()}",
        "",
    ]
    return "\n".join(lines)


def _area(area: AreaOutcome, labels: dict[str, str]) -> list[str]:
    units = units_of(area)
    lines = [f"## {escape(area.title)}", "", f"**Suggested grade: {area.grade_label}**", ""]
    if area.proposed is not None:
        lines += [
            f"Proposed by the leadership team: {labels.get(area.proposed.grade, area.proposed.grade)}. {escape(area.proposed.rationale)}",
            "",
        ]
    if area.findings:
        lines += ["### What we know", ""]
        lines += [f"- {escape(finding_sentence(finding, labels))}" for finding in area.findings]
        lines.append("")
    fired = [limiter for limiter in area.limiters if limiter.fired]
    if fired:
        lines += ["### Limiters", ""]
        lines += [
            f"- {escape(limiter.title)}: {limiter.effect} at {labels[limiter.grade]}"
            for limiter in fired
        ]
        lines.append("")
    if area.missing:
        lines += ["### Evidence gaps", ""]
        lines += [f"- {escape(missing.indicator_title)}" for missing in area.missing]
        lines.append("")
    if area.flags:
        lines += ["### Cautions", ""]
        lines += [f"- {escape(flag.message)}" for flag in area.flags]
        lines.append("")
    if area.counterfactuals or area.no_single_change:
        lines += ["### What would move the grade", ""]
        lines += [
            f"- {escape(counterfactual_sentence(change, units.get(change.indicator, ''), labels))}"
            for change in area.counterfactuals
        ]
        if area.no_single_change is not None:
            lines.append(
                f"- No single change reaches {labels[area.no_single_change.target]}: {escape(area.no_single_change.reason)}"
            )
        lines.append("")
    if area.improvements:
        lines += ["### What needs to improve", ""]
        for item in area.improvements:
            priority = " **Area for priority action.**" if item.priority_action else ""
            lines.append(f"- {escape(item.text)} ({escape(item.framework_tag)}){priority}")
        lines.append("")
    return lines
