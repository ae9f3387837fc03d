"""Compiling a merged pack into the evaluator's fast form, once.

Cut points become tuples of (value, grade rank) tried best grade first, conditions become small
closures over a context, and each compiled item keeps its pack model for explanations. The
compiled form is cached on the pack object itself (a private attribute), never in a global.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from engine.model.conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    EvidenceCount,
    FindingCount,
    Not,
    tolerance,
)
from engine.model.pack import (
    Area,
    CutPointRule,
    Domain,
    Indicator,
    IntervalRule,
    Limiter,
    LimiterEffect,
    Polarity,
    RulePack,
    Unit,
)
from engine.model.result import Threshold


@dataclass(frozen=True, slots=True)
class LimiterContext:
    """What a limiter condition may look at: values, finding ranks, evidenced categories."""

    values: Mapping[str, float]
    finding_ranks: tuple[int, ...]
    categories: Mapping[str, int]


Predicate = Callable[[LimiterContext], bool]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A band rule ready to grade a value."""

    id: str
    indicator: str
    weight: float
    worst: int
    cuts: tuple[tuple[float, int], ...]
    higher_is_better: bool
    intervals: tuple[tuple[float, float, int], ...]
    model: CutPointRule | IntervalRule
    effective: tuple[tuple[float, int], ...] = ()
    """Cut points moved by `tolerance` towards the worse side, so a value on a cut meets it."""

    def rank(self, value: float) -> int:
        """Grade rank for `value`: the best grade whose cut the value meets, else the worst."""
        if self.intervals:
            for low, high, rank in self.intervals:
                if low - tolerance(low) <= value < high - tolerance(high):
                    return rank
            return self.worst
        if self.higher_is_better:
            for cut, rank in self.effective:
                if value >= cut:
                    return rank
        else:
            for cut, rank in self.effective:
                if value <= cut:
                    return rank
        return self.worst


@dataclass(frozen=True, slots=True)
class CompiledLimiter:
    """A limiter with its condition compiled to a predicate."""

    id: str
    cap: bool
    rank: int
    fires: Predicate
    indicators: tuple[str, ...]
    model: Limiter


@dataclass(frozen=True, slots=True)
class CompiledArea:
    """An area ready to evaluate."""

    id: str
    rules: tuple[CompiledRule, ...]
    limiters: tuple[CompiledLimiter, ...]
    best_fit_share: float | None
    minimum_coverage: float
    total_weight: float
    indicators: tuple[str, ...]
    model: Area


@dataclass(frozen=True, slots=True)
class CompiledPack:
    """A pack ready to evaluate: areas in order, indicator catalogue by id, grade ranks."""

    areas: tuple[CompiledArea, ...]
    indicators: Mapping[str, Indicator]
    categories: Mapping[str, str]
    grade_ids: tuple[str, ...]
    worst: int
    pack: RulePack
    domains: Mapping[str, Domain]
    memo: dict[tuple[str, int], tuple[Threshold | None, Threshold | None]]
    """Explanation pieces that depend only on the pack (thresholds per rule and grade), filled lazily."""


def compiled(pack: RulePack) -> CompiledPack:
    """The compiled form of `pack`, built on first use and kept on the pack object."""
    cached = pack._compiled
    if isinstance(cached, CompiledPack):
        return cached
    result = compile_pack(pack)
    pack._compiled = result
    return result


def compile_pack(pack: RulePack) -> CompiledPack:
    """Compile `pack` (already merged and reference-checked)."""
    grade_ids = tuple(grade.id for grade in pack.scale)
    ranks = {grade: rank for rank, grade in enumerate(grade_ids)}
    worst = len(grade_ids) - 1
    indicators = {indicator.id: indicator for indicator in pack.indicators}
    areas = tuple(_area(area, indicators, ranks, worst) for area in pack.areas)
    categories = {indicator.id: indicator.category for indicator in pack.indicators}
    domains = {indicator.id: indicator.effective_domain for indicator in pack.indicators}
    return CompiledPack(areas, indicators, categories, grade_ids, worst, pack, domains, {})


def _area(
    area: Area, indicators: Mapping[str, Indicator], ranks: Mapping[str, int], worst: int
) -> CompiledArea:
    rules = tuple(_rule(rule, indicators[rule.indicator], ranks, worst) for rule in area.rules)
    limiters = tuple(_limiter(limiter, ranks) for limiter in area.limiters)
    share = area.aggregation.share if area.aggregation.kind == "weighted-best-fit" else None
    names: list[str] = []
    for rule in rules:
        if rule.indicator not in names:
            names.append(rule.indicator)
    for limiter in limiters:
        for name in limiter.indicators:
            if name not in names:
                names.append(name)
    return CompiledArea(
        id=area.id,
        rules=rules,
        limiters=limiters,
        best_fit_share=share,
        minimum_coverage=area.minimum_coverage,
        total_weight=sum(rule.weight for rule in rules),
        indicators=tuple(names),
        model=area,
    )


def _rule(
    rule: CutPointRule | IntervalRule, indicator: Indicator, ranks: Mapping[str, int], worst: int
) -> CompiledRule:
    if isinstance(rule, IntervalRule):
        intervals = tuple(
            (
                interval.min if interval.min is not None else float("-inf"),
                interval.max if interval.max is not None else float("inf"),
                ranks[interval.grade],
            )
            for interval in rule.intervals
        )
        return CompiledRule(rule.id, rule.indicator, rule.weight, worst, (), True, intervals, rule)
    cuts = tuple(
        (cut.at, ranks[cut.grade]) for cut in sorted(rule.cuts, key=lambda cut: ranks[cut.grade])
    )
    higher = indicator.polarity is not Polarity.LOWER_IS_BETTER
    sign = -1.0 if higher else 1.0
    effective = tuple((cut + sign * tolerance(cut), rank) for cut, rank in cuts)
    return CompiledRule(
        rule.id, rule.indicator, rule.weight, worst, cuts, higher, (), rule, effective
    )


def _limiter(limiter: Limiter, ranks: Mapping[str, int]) -> CompiledLimiter:
    indicators: list[str] = []
    predicate = compile_condition(limiter.when, ranks, indicators)
    return CompiledLimiter(
        id=limiter.id,
        cap=limiter.effect is LimiterEffect.CAP,
        rank=ranks[limiter.grade],
        fires=predicate,
        indicators=tuple(dict.fromkeys(indicators)),
        model=limiter,
    )


def compile_condition(
    condition: Condition, ranks: Mapping[str, int], indicators: list[str]
) -> Predicate:
    """A predicate for an evidence condition; appends the indicators it reads to `indicators`."""
    if isinstance(condition, Compare):
        name, threshold = condition.indicator, condition.value
        indicators.append(name)
        holds = condition.op.holds

        def compare_value(context: LimiterContext) -> bool:
            value = context.values.get(name)
            return value is not None and holds(value, threshold)

        return compare_value
    if isinstance(condition, EvidenceCount):
        categories, fewer_than = tuple(condition.categories), condition.fewer_than

        def too_little_evidence(context: LimiterContext) -> bool:
            return sum(context.categories.get(category, 0) for category in categories) < fewer_than

        return too_little_evidence
    if isinstance(condition, FindingCount):
        rank, at_least = ranks[condition.grade], condition.at_least

        def many_weak_findings(context: LimiterContext) -> bool:
            return sum(1 for found in context.finding_ranks if found >= rank) >= at_least

        return many_weak_findings
    if isinstance(condition, All):
        parts = tuple(compile_condition(child, ranks, indicators) for child in condition.conditions)
        return lambda context: all(part(context) for part in parts)
    if isinstance(condition, AnyOf):
        parts = tuple(compile_condition(child, ranks, indicators) for child in condition.conditions)
        return lambda context: any(part(context) for part in parts)
    if isinstance(condition, Not):
        inner = compile_condition(condition.condition, ranks, indicators)
        return lambda context: not inner(context)
    raise ValueError(f"condition kind '{condition.kind}' is not allowed in a limiter")


FRACTION_SCALE: Mapping[Unit, float] = {
    Unit.PERCENT: 100.0,
    Unit.RATE_PER_10000: 10_000.0,
    Unit.RATIO: 1.0,
}
"""What numerator / denominator is multiplied by to give a value in the unit."""


def observed_value(
    unit: Unit, value: float | None, numerator: float | None, denominator: float | None
) -> float:
    """The value an observation gives in its indicator's unit (derived from a fraction if needed)."""
    if numerator is not None and denominator is not None and value is None:
        return numerator / denominator * FRACTION_SCALE.get(unit, 1.0)
    if value is None:
        raise ValueError("observation has neither value nor fraction")
    return value
