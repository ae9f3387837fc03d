"""Plain-text view of a rule pack for `ilacs rules show`."""

from __future__ import annotations

from engine.model.pack import CutPointRule, RulePack


def render_pack(pack: RulePack) -> str:
    """Areas, rules with cut points, limiters and the overall policy, each with its origin."""
    labels = {grade.id: grade.label for grade in pack.scale}
    lines = [f"{pack.id} {pack.version}: {pack.title}"]
    if pack.framework:
        lines.append(f"Framework: {pack.framework.name} {pack.framework.version}")
    if len(pack.lineage) > 1:
        lines.append(f"Extends: {' <- '.join(pack.lineage[1:])}")
    lines.append(f"Scale: {', '.join(grade.label for grade in pack.scale)}")
    lines.append(f"Indicators: {len(pack.indicators)}")
    lines.append(f"Content hash: {pack.content_hash}")
    for area in pack.areas:
        lines += ["", f"{area.title} [{area.id}]"]
        share = (
            f", share {area.aggregation.share:.0%}"
            if area.aggregation.kind == "weighted-best-fit"
            else ""
        )
        lines.append(
            f"  aggregation: {area.aggregation.kind}{share}; minimum coverage {area.minimum_coverage:.0%}"
        )
        for rule in area.rules:
            origin = rule.origin
            where = f" ({origin.pack}/{origin.file}:{origin.line})" if origin else ""
            lines.append(f"  rule {rule.id}: {rule.indicator}, weight {rule.weight:g}{where}")
            if isinstance(rule, CutPointRule):
                lines.extend(
                    f"    {labels[cut.grade]}: {cut.at:g}  [{cut.source}]" for cut in rule.cuts
                )
            else:
                lines.extend(
                    f"    {labels[band.grade]}: {band.min if band.min is not None else '-inf'} to "
                    f"{band.max if band.max is not None else 'inf'}  [{band.source}]"
                    for band in rule.intervals
                )
        for limiter in area.limiters:
            origin = limiter.origin
            where = f" ({origin.pack}/{origin.file}:{origin.line})" if origin else ""
            lines.append(
                f"  limiter {limiter.id}: {limiter.effect.value} at {labels[limiter.grade]}{where}: {limiter.title}"
            )
    if pack.overall is not None:
        lines += ["", f"{pack.overall.title} policy (first match wins):"]
        for index, step in enumerate(pack.overall.rules, start=1):
            flag = " [borderline]" if step.borderline else ""
            lines.append(f"  {index}. {step.id}{flag}: {step.because}")
    return "\n".join(lines) + "\n"
