"""Plain-text rendering for the terminal: what a director reads first.

`fails` shows what decided each grade and what holds it back; `full` adds every finding, every
limiter considered (fired or not) and the aggregation steps.
"""

from __future__ import annotations

from typing import Literal

from engine.model.result import AreaOutcome, Evaluation
from engine.report.words import (
    counterfactual_sentence,
    finding_sentence,
    labels_of,
    units_of,
    value,
)

Detail = Literal["fails", "full"]


def render_text(evaluation: Evaluation, detail: Detail = "fails") -> str:
    """The evaluation as plain text."""
    labels = labels_of(evaluation)
    bundle = evaluation.bundle
    lines = [
        f"ILACS self-evaluation suggestions: {bundle.authority}"
        + (" (illustrative figures)" if bundle.illustrative else ""),
        f"Pack {evaluation.pack.id} {evaluation.pack.version}"
        + (f" ({evaluation.pack.framework})" if evaluation.pack.framework else "")
        + f"; evidence as of {bundle.as_of.isoformat()}, period {bundle.period.start.isoformat()} to {bundle.period.end.isoformat()}",
        "",
    ]
    for flag in evaluation.flags:
        lines.append(f"Caution: {flag.message}")
    for area in evaluation.areas:
        lines.extend(_area(area, labels, detail))
        lines.append("")
    if evaluation.overall is not None:
        overall = evaluation.overall
        marker = (
            " (borderline: Ofsted has decided this pattern both ways)" if overall.borderline else ""
        )
        lines.append(f"{overall.title}: {overall.grade_label}{marker}")
        lines.append(
            f"  Because: {overall.because}" + (f" [{overall.rule}]" if overall.rule else "")
        )
        lines.append("")
    lines.append(evaluation.disclaimer)
    return "\n".join(lines) + "\n"


def _area(area: AreaOutcome, labels: dict[str, str], detail: Detail) -> list[str]:
    units = units_of(area)
    lines = [area.title, f"  Suggested grade: {area.grade_label}"]
    if area.proposed is not None:
        proposed = labels.get(area.proposed.grade, area.proposed.grade)
        agreement = "agrees" if area.proposed.grade == area.grade else "differs"
        lines.append(
            f"  Leadership team's proposed grade: {proposed} ({agreement}): {area.proposed.rationale}"
        )
    coverage = area.coverage
    lines.append(
        f"  Evidence coverage: {coverage.share:.0%} of rule weight (minimum {coverage.minimum:.0%})"
    )
    rank = {grade: index for index, grade in enumerate(labels)}
    area_rank = rank.get(area.grade, len(rank)) if area.grade else len(rank)
    shown = [
        finding
        for finding in area.findings
        if detail == "full"
        or rank[finding.grade] >= area_rank
        or rank[finding.grade] == len(rank) - 1
    ]
    if shown:
        lines.append("  Findings that decided it:" if detail == "fails" else "  Findings:")
        lines.extend(
            f"    - {finding_sentence(finding, labels)} [{finding.rule}]" for finding in shown
        )
    if detail == "full" and area.aggregation.steps:
        lines.append(f"  Aggregation ({area.aggregation.policy}):")
        for step in area.aggregation.steps:
            lines.append(
                f"    - {labels[step.grade]}: {step.share:.0%} of evidenced weight at this grade or better"
                f" (needs {step.required:.0%}) {'reached' if step.reached else 'not reached'}"
            )
    limiters = [limiter for limiter in area.limiters if detail == "full" or limiter.fired]
    if limiters:
        lines.append("  Limiters:")
        for limiter in limiters:
            state = (
                "applied" if limiter.changed_grade else ("fired" if limiter.fired else "not fired")
            )
            lines.append(
                f"    - {limiter.title}: {limiter.effect} at {labels[limiter.grade]} ({state}) [{limiter.limiter}]"
            )
    if area.missing:
        lines.append("  Missing evidence:")
        lines.extend(
            f"    - {missing.indicator_title} [{missing.indicator}]" for missing in area.missing
        )
    if area.flags:
        lines.append("  Cautions:")
        lines.extend(f"    - {flag.message}" for flag in area.flags)
    if area.counterfactuals:
        lines.append("  What would change it:")
        lines.extend(
            f"    - {counterfactual_sentence(change, units.get(change.indicator, ''), labels)}"
            for change in area.counterfactuals
        )
    elif area.no_single_change is not None:
        lines.append(
            f"  What would change it: no single change reaches {labels[area.no_single_change.target]}: "
            f"{area.no_single_change.reason}"
        )
    if area.improvements:
        lines.append("  What needs to improve:")
        for item in area.improvements:
            priority = " [area for priority action]" if item.priority_action else ""
            lines.append(f"    - {item.text} ({item.framework_tag}){priority}")
    return lines


def render_trace(evaluation: Evaluation, area_id: str) -> str:
    """The full trace of one area: every finding, step, limiter and counterfactual, with lines."""
    labels = labels_of(evaluation)
    area = next(area for area in evaluation.areas if area.area == area_id)
    units = units_of(area)
    lines = [
        f"{area.title} [{area.area}]",
        f"Suggested grade: {area.grade_label}",
        f"Pack {evaluation.pack.id} {evaluation.pack.version} ({evaluation.pack.content_hash})",
        f"Bundle {evaluation.bundle.id} ({evaluation.bundle.content_hash})",
        "",
        "1. Findings",
    ]
    for finding in area.findings:
        origin = finding.origin
        lines.append(f"  - rule {finding.rule} at {origin.pack}/{origin.file}:{origin.line}")
        evidence = finding.evidence_origin
        where = f" at {evidence.file}:{evidence.line}" if evidence else ""
        lines.append(
            f"    observed {value(finding.value, finding.unit)}"
            + (
                f" ({finding.numerator:g} of {finding.denominator:g})"
                if finding.denominator
                else ""
            )
            + f" from {finding.source}{where}"
        )
        if finding.met is not None:
            lines.append(
                f"    met: {labels[finding.met.grade]} cut {value(finding.met.at, finding.unit)} ({finding.met.comparison}) [{finding.met.source}]"
            )
        else:
            lines.append(f"    met no cut: worst grade {labels[finding.grade]}")
        if finding.next is not None:
            lines.append(
                f"    next: {labels[finding.next.grade]} cut {value(finding.next.at, finding.unit)} [{finding.next.source}]"
            )
        lines.append(f"    grade {labels[finding.grade]}, weight {finding.weight:g}")
    lines.append("")
    lines.append(f"2. Aggregation ({area.aggregation.policy})")
    if area.aggregation.steps:
        for step in area.aggregation.steps:
            lines.append(
                f"  - {labels[step.grade]}: weight {step.weight_at_or_better:g} = {step.share:.1%} (needs {step.required:.0%}): "
                + ("reached" if step.reached else "not reached")
            )
    grade = area.aggregation.grade
    lines.append(f"  result before limiters: {labels[grade] if grade else 'none'}")
    lines.append(
        f"  coverage {area.coverage.evidenced_weight:g} of {area.coverage.total_weight:g} "
        f"= {area.coverage.share:.0%} (minimum {area.coverage.minimum:.0%})"
    )
    lines.append("")
    lines.append("3. Limiters considered")
    for limiter in area.limiters:
        origin = limiter.origin
        state = (
            "fired, changed the grade"
            if limiter.changed_grade
            else ("fired" if limiter.fired else "did not fire")
        )
        lines.append(
            f"  - {limiter.limiter} at {origin.pack}/{origin.file}:{origin.line}: {limiter.effect} at {labels[limiter.grade]}: {state}"
        )
        lines.extend(f"      {part}" for part in limiter.detail)
    if not area.limiters:
        lines.append("  (none)")
    lines.append("")
    lines.append("4. Missing evidence")
    lines.extend(
        f"  - {missing.indicator} (weight {missing.weight:g}, rules {', '.join(missing.rules)})"
        for missing in area.missing
    )
    if not area.missing:
        lines.append("  (none)")
    lines.append("")
    lines.append("5. Counterfactuals")
    for change in area.counterfactuals:
        lines.append(
            f"  - {counterfactual_sentence(change, units.get(change.indicator, ''), labels)}"
        )
    if area.no_single_change is not None:
        lines.append(
            f"  - no single change reaches {labels[area.no_single_change.target]}: {area.no_single_change.reason}"
        )
    if not area.counterfactuals and area.no_single_change is None:
        lines.append("  (already the best grade, or no grade)")
    lines.append("")
    lines.append("6. Cautions")
    lines.extend(f"  - {flag.kind}: {flag.message}" for flag in area.flags)
    if not area.flags:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"
