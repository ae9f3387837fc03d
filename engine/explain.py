"""Explanation: turn raw evaluation records into the typed, frozen `Evaluation`.

Everything a report says comes from here: findings with the rule and the line it is written on,
thresholds met and next, the aggregation steps, every limiter considered, missing evidence,
confidence flags, counterfactuals and "what needs to improve". Renderers format this data; they
never decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from engine import __version__
from engine.aggregate import best_fit_shares
from engine.compile import CompiledArea, CompiledPack, CompiledRule
from engine.confidence import borderline_flag, small_denominator_flag, stale_flag
from engine.counterfactual import find_counterfactuals, thresholds
from engine.evaluator import RawArea, RawEvaluation, RawFinding, area_rank
from engine.model.base import Origin
from engine.model.conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    EvidenceCount,
    FindingCount,
    Not,
    leaves,
)
from engine.model.evidence import EvidenceBundle
from engine.model.pack import CutPointRule, Polarity
from engine.model.result import (
    AggregationStep,
    AggregationTrace,
    AreaOutcome,
    AreaStatus,
    BundleStamp,
    ConfidenceFlag,
    Coverage,
    Evaluation,
    Finding,
    FlagKind,
    GradeLabel,
    Improvement,
    LimiterResult,
    MissingEvidence,
    OverallOutcome,
    PackStamp,
    Threshold,
)

RESULT_SCHEMA = 1
DISCLAIMER = (
    "These are suggestions from a declared rule pack to support professional judgement in a "
    "self-evaluation. They are not Ofsted judgements."
)
INSUFFICIENT = "Insufficient evidence"
_UNKNOWN = Origin(pack="?", file="?", line=1, column=1)


def explain(raw: RawEvaluation, bundle: EvidenceBundle) -> Evaluation:
    """Build the full, typed explanation of a raw evaluation."""
    pack = raw.pack
    model = pack.pack
    areas = [_area(pack, area, raw, bundle) for area in raw.areas]
    flags: list[ConfidenceFlag] = []
    prepared = bundle.manifest.prepared_for
    if prepared is not None and prepared.pack not in model.lineage:
        flags.append(
            ConfidenceFlag(
                kind=FlagKind.PACK_MISMATCH,
                message=f"the bundle was prepared for pack '{prepared.pack}' but is evaluated with '{model.id}'",
            )
        )
    overall = None
    if model.overall is not None:
        overall = _overall(pack, raw, areas)
    framework = f"{model.framework.name} {model.framework.version}" if model.framework else None
    return Evaluation(
        engine_version=__version__,
        result_schema=RESULT_SCHEMA,
        pack=PackStamp(
            id=model.id,
            version=model.version,
            framework=framework,
            lineage=model.lineage,
            content_hash=model.content_hash,
            scale=[GradeLabel(id=grade.id, label=grade.label) for grade in model.scale],
        ),
        bundle=BundleStamp(
            id=bundle.id,
            authority=bundle.manifest.authority.name,
            period=bundle.manifest.period,
            as_of=bundle.manifest.as_of,
            illustrative=bundle.manifest.illustrative,
            content_hash=bundle.content_hash,
        ),
        areas=areas,
        overall=overall,
        flags=flags,
        disclaimer=DISCLAIMER,
    )


def _overall(pack: CompiledPack, raw: RawEvaluation, areas: list[AreaOutcome]) -> OverallOutcome:
    policy = pack.pack.overall
    assert policy is not None
    step = raw.overall_step
    if raw.overall_rank is None or step is None:
        ungraded = [area.title for area in areas if area.grade is None]
        because = (
            f"not suggested: no grade for {', '.join(ungraded)}"
            if ungraded
            else "not suggested: no step of the policy applies"
        )
        return OverallOutcome(
            title=policy.title,
            grade=None,
            grade_label=INSUFFICIENT,
            rule=None,
            origin=None,
            because=because,
            borderline=False,
        )
    return OverallOutcome(
        title=policy.title,
        grade=pack.grade_ids[raw.overall_rank],
        grade_label=pack.pack.scale[raw.overall_rank].label,
        rule=step.id,
        origin=step.origin,
        because=step.because,
        borderline=step.borderline,
    )


def _thresholds(pack: CompiledPack, found: RawFinding) -> tuple[Threshold | None, Threshold | None]:
    """The cut point the value met (if any) and the next better one (if any), memoised per rule and grade."""
    if isinstance(found.rule.model, CutPointRule):
        key = (found.rule.id, found.rank)
        cached = pack.memo.get(key)
        if cached is None:
            cached = _compute_thresholds(pack, found)
            pack.memo[key] = cached
        return cached
    return _compute_thresholds(pack, found)


def _compute_thresholds(
    pack: CompiledPack, found: RawFinding
) -> tuple[Threshold | None, Threshold | None]:
    model = found.rule.model
    if isinstance(model, CutPointRule):
        comparison: Literal["at-least", "at-most"] = (
            "at-least" if found.rule.higher_is_better else "at-most"
        )
        met: Threshold | None = None
        better: Threshold | None = None
        better_rank = -1
        for cut in model.cuts:
            rank = pack.grade_ids.index(cut.grade)
            threshold = Threshold(
                grade=cut.grade, at=cut.at, comparison=comparison, source=cut.source
            )
            if rank == found.rank:
                met = threshold
            elif better_rank < rank < found.rank:
                better, better_rank = threshold, rank
        return met, better
    for interval in model.intervals:
        low = interval.min if interval.min is not None else float("-inf")
        high = interval.max if interval.max is not None else float("inf")
        if low <= found.value < high:
            at = interval.min if interval.min is not None else (interval.max or 0.0)
            return Threshold(
                grade=interval.grade, at=at, comparison="in-range", source=interval.source
            ), None
    return None, None


def _finding(pack: CompiledPack, found: RawFinding) -> Finding:
    indicator = pack.indicators[found.rule.indicator]
    observation = found.observation
    met, better = _thresholds(pack, found)
    return Finding.model_construct(
        rule=found.rule.id,
        origin=found.rule.model.origin or _UNKNOWN,
        indicator=indicator.id,
        indicator_title=indicator.title,
        unit=indicator.unit.value,
        value=found.value,
        numerator=observation.numerator,
        denominator=observation.denominator,
        grade=pack.grade_ids[found.rank],
        weight=found.rule.weight,
        met=met,
        next=better,
        source=observation.source,
        note=observation.note,
        as_of=observation.as_of,
        period=observation.period,
        measure=observation.measure,
        evidence_origin=observation.origin,
        england=indicator.england.value if indicator.england else None,
        because=found.rule.model.because,
    )


def _aggregation(pack: CompiledPack, raw: RawArea) -> AggregationTrace:
    area = raw.area
    pairs = [(found.rank, found.rule.weight) for found in raw.findings]
    grade = pack.grade_ids[raw.aggregate_rank] if raw.aggregate_rank is not None else None
    if area.best_fit_share is None:
        return AggregationTrace(policy="worst-of", grade=grade, steps=[])
    steps = []
    for rank, (weight, share) in enumerate(best_fit_shares(pairs, pack.worst)):
        steps.append(
            AggregationStep(
                grade=pack.grade_ids[rank],
                weight_at_or_better=round(weight, 6),
                share=round(share, 6),
                required=area.best_fit_share,
                reached=share >= area.best_fit_share - 1e-9,
            )
        )
        if share >= area.best_fit_share - 1e-9:
            break
    return AggregationTrace(policy="weighted-best-fit", grade=grade, steps=steps)


def describe_condition(
    condition: Condition, pack: CompiledPack, values: Mapping[str, float]
) -> list[str]:
    """Each part of a limiter's condition, with the observed value, for the trace."""
    if isinstance(condition, All | AnyOf):
        word = "all of" if isinstance(condition, All) else "any of"
        parts = [f"{word}:"]
        for child in condition.conditions:
            parts.extend(f"  {line}" for line in describe_condition(child, pack, values))
        return parts
    if isinstance(condition, Not):
        return [
            "not:",
            *(f"  {line}" for line in describe_condition(condition.condition, pack, values)),
        ]
    if isinstance(condition, Compare):
        value = values.get(condition.indicator)
        observed = "no evidence" if value is None else f"observed {value:g}"
        held = value is not None and condition.op.holds(value, condition.value)
        return [
            f"{condition.indicator} {condition.op.symbol} {condition.value:g} ({observed}; "
            f"{'holds' if held else 'does not hold'}) [{condition.source}]"
        ]
    if isinstance(condition, EvidenceCount):
        return [
            f"fewer than {condition.fewer_than} evidenced indicators of {', '.join(condition.categories)}"
        ]
    if isinstance(condition, FindingCount):
        return [f"at least {condition.at_least} findings graded {condition.grade} or worse"]
    return [condition.kind]


def _limiters(pack: CompiledPack, raw: RawArea, values: Mapping[str, float]) -> list[LimiterResult]:
    results = []
    fired_limits = [
        (limiter.cap, limiter.rank)
        for limiter, on in zip(raw.area.limiters, raw.fired, strict=True)
        if on
    ]
    for limiter, fired in zip(raw.area.limiters, raw.fired, strict=True):
        model = limiter.model
        changed = False
        if fired and raw.aggregate_rank is not None and raw.rank is not None:
            others = [limit for limit in fired_limits if limit != (limiter.cap, limiter.rank)]
            from engine.aggregate import apply_limiters

            changed = apply_limiters(raw.aggregate_rank, others) != raw.rank
        results.append(
            LimiterResult(
                limiter=model.id,
                origin=model.origin or _UNKNOWN,
                title=model.title,
                effect=model.effect.value,
                grade=model.grade,
                fired=fired,
                changed_grade=changed,
                because=model.because,
                detail=describe_condition(model.when, pack, values),
                priority_action=model.priority_action,
            )
        )
    return results


def _flags(pack: CompiledPack, raw: RawArea, bundle: EvidenceBundle) -> list[ConfidenceFlag]:
    settings = pack.pack.settings
    flags: list[ConfidenceFlag] = []
    seen: set[str] = set()
    for found in raw.findings:
        indicator = pack.indicators[found.rule.indicator]
        if indicator.id in seen:
            continue
        seen.add(indicator.id)
        met, better = _thresholds(pack, found)
        labels = {grade.id: grade.label for grade in pack.pack.scale}
        cuts = [
            (threshold.at, f"the {labels[threshold.grade]} cut point")
            for threshold in (better, met)
            if threshold is not None
        ]
        for limiter in raw.area.limiters:
            if indicator.id in limiter.indicators:
                cuts.extend(
                    (leaf.value, f"the limit of '{limiter.model.title}'")
                    for leaf in leaves(limiter.model.when)
                    if isinstance(leaf, Compare) and leaf.indicator == indicator.id
                )
        for flag in (
            borderline_flag(
                indicator.id, indicator.title, indicator.unit, found.observation, cuts, settings
            ),
            small_denominator_flag(indicator.id, indicator.title, found.observation, settings),
            stale_flag(
                indicator.id, indicator.title, found.observation, bundle.manifest.as_of, settings
            ),
        ):
            if flag is not None:
                flags.append(flag)
    return flags


def _missing(
    pack: CompiledPack, raw: RawArea, values: Mapping[str, float]
) -> list[MissingEvidence]:
    grouped: dict[str, list[CompiledRule]] = {}
    for rule in raw.missing:
        grouped.setdefault(rule.indicator, []).append(rule)
    return [
        MissingEvidence(
            indicator=indicator,
            indicator_title=pack.indicators[indicator].title,
            rules=[rule.id for rule in rules],
            weight=sum(rule.weight for rule in rules),
            category=pack.indicators[indicator].category,
            grade_with_best_value=_grade_with_best_value(pack, raw, values, indicator),
        )
        for indicator, rules in grouped.items()
    ]


def _grade_with_best_value(
    pack: CompiledPack, raw: RawArea, values: Mapping[str, float], indicator: str
) -> str | None:
    """What the area's grade would be with `indicator` evidenced at its most favourable value."""
    definition = pack.indicators[indicator]
    points = thresholds(raw.area, indicator)
    domain = pack.domains[indicator]
    if definition.polarity is Polarity.LOWER_IS_BETTER:
        best = domain.min
    elif definition.polarity is Polarity.HIGHER_IS_BETTER:
        best = domain.max if domain.max is not None else (max(points) + 1 if points else domain.min)
    else:
        best = points[len(points) // 2] if points else domain.min
    rank, _, _, _ = area_rank(raw.area, {**values, indicator: best}, pack.categories, pack.worst)
    return pack.grade_ids[rank] if rank is not None else None


def _improvements(pack: CompiledPack, raw: RawArea) -> list[Improvement]:
    labels = {grade.id: grade.label for grade in pack.pack.scale}
    settings = pack.pack.settings
    bar = pack.grade_ids.index(settings.improve_below) if settings.improve_below else 1
    limit = bar if raw.rank is None else min(bar, raw.rank)
    items: list[Improvement] = []
    for found in raw.findings:
        if found.rank <= limit:
            continue
        indicator = pack.indicators[found.rule.indicator]
        _, better = _thresholds(pack, found)
        text = found.rule.model.improve or indicator.title
        if better is not None:
            text = f"{text} ({_format(found.value, indicator.unit.value)} against {_format(better.at, indicator.unit.value)} for {labels[better.grade]})"
        items.append(
            Improvement(
                text=text,
                framework_tag=indicator.framework_tag,
                priority_action=False,
                source=found.rule.id,
            )
        )
    for limiter, fired in zip(raw.area.limiters, raw.fired, strict=True):
        if not fired or not limiter.cap:
            continue
        model = limiter.model
        tag = model.framework_tag or _limiter_tag(pack, limiter.indicators)
        items.append(
            Improvement(
                text=model.title,
                framework_tag=tag,
                priority_action=model.priority_action,
                source=model.id,
            )
        )
    return items


def _limiter_tag(pack: CompiledPack, indicators: tuple[str, ...]) -> str:
    for indicator in indicators:
        return pack.indicators[indicator].framework_tag
    return "Enabler: leaders drive conditions for effective practice"


def _format(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:.1f}%"
    return f"{value:g}"


def _area(
    pack: CompiledPack, raw: RawArea, evaluation: RawEvaluation, bundle: EvidenceBundle
) -> AreaOutcome:
    area: CompiledArea = raw.area
    model = area.model
    counterfactuals, no_single = find_counterfactuals(
        pack, raw, evaluation.values, evaluation.observations
    )
    proposed = None
    if bundle.judgement is not None:
        proposed = bundle.judgement.areas.get(area.id)
    grade_label = pack.pack.scale[raw.rank].label if raw.rank is not None else INSUFFICIENT
    total = area.total_weight
    return AreaOutcome(
        area=area.id,
        title=model.title,
        status=AreaStatus.GRADED if raw.rank is not None else AreaStatus.INSUFFICIENT_EVIDENCE,
        grade=pack.grade_ids[raw.rank] if raw.rank is not None else None,
        grade_label=grade_label,
        aggregation=_aggregation(pack, raw),
        findings=[_finding(pack, found) for found in raw.findings],
        limiters=_limiters(pack, raw, evaluation.values),
        coverage=Coverage(
            evidenced_weight=round(raw.evidenced_weight, 6),
            total_weight=round(total, 6),
            share=round(raw.evidenced_weight / total, 6) if total else 1.0,
            minimum=area.minimum_coverage,
        ),
        missing=_missing(pack, raw, evaluation.values),
        flags=_flags(pack, raw, bundle),
        counterfactuals=counterfactuals,
        no_single_change=no_single,
        improvements=_improvements(pack, raw),
        proposed=proposed,
    )


__all__ = ["DISCLAIMER", "explain"]
