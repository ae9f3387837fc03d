"""Evaluation: pack x evidence -> light records of what every rule and limiter found.

Pure and deterministic: no I/O, no clock, no randomness, no globals. The records here are plain
slotted dataclasses; `explain` turns them into the typed, frozen `Evaluation` at the boundary.
`area_rank` is the single definition of an area's grade, used for the suggestion itself and for
every counterfactual, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.aggregate import aggregate, apply_limiters
from engine.compile import CompiledArea, CompiledPack, CompiledRule, LimiterContext, observed_value
from engine.model.evidence import EvidenceBundle, Observation
from engine.model.pack import OverallRule
from engine.overall import decide


@dataclass(frozen=True, slots=True)
class RawFinding:
    """One rule applied to one observed value."""

    rule: CompiledRule
    value: float
    rank: int
    observation: Observation


@dataclass(frozen=True, slots=True)
class RawArea:
    """What the evaluator found for one area."""

    area: CompiledArea
    findings: tuple[RawFinding, ...]
    missing: tuple[CompiledRule, ...]
    evidenced_weight: float
    sufficient: bool
    aggregate_rank: int | None
    fired: tuple[bool, ...]
    rank: int | None


@dataclass(frozen=True, slots=True)
class RawEvaluation:
    """What the evaluator found for a bundle."""

    pack: CompiledPack
    areas: tuple[RawArea, ...]
    values: Mapping[str, float]
    observations: Mapping[str, Observation]
    overall_rank: int | None
    overall_step: OverallRule | None


def observed_values(
    pack: CompiledPack, bundle: EvidenceBundle
) -> tuple[dict[str, float], dict[str, Observation]]:
    """Indicator id -> value in the indicator's unit, and -> observation (bundle must conform)."""
    values: dict[str, float] = {}
    observations: dict[str, Observation] = {}
    for observation in bundle.observations:
        indicator = pack.indicators[observation.indicator]
        values[observation.indicator] = observed_value(
            indicator.unit, observation.value, observation.numerator, observation.denominator
        )
        observations[observation.indicator] = observation
    return values, observations


def area_rank(
    area: CompiledArea, values: Mapping[str, float], categories: Mapping[str, str], worst: int
) -> tuple[int | None, int | None, tuple[bool, ...], float]:
    """(final rank, aggregate rank, limiters fired, evidenced weight) for `area` given `values`.

    The final rank is None when coverage is below the area's minimum.
    """
    pairs: list[tuple[int, float]] = []
    evidenced_weight = 0.0
    counted: dict[str, int] = {}
    seen: set[str] = set()
    for rule in area.rules:
        value = values.get(rule.indicator)
        if value is None:
            continue
        pairs.append((rule.rank(value), rule.weight))
        evidenced_weight += rule.weight
        if rule.indicator not in seen:
            seen.add(rule.indicator)
            category = categories[rule.indicator]
            counted[category] = counted.get(category, 0) + 1
    coverage = evidenced_weight / area.total_weight if area.total_weight > 0 else 1.0
    aggregate_rank = aggregate(pairs, area.best_fit_share, worst)
    context = LimiterContext(values, tuple(rank for rank, _ in pairs), counted)
    fired = tuple(limiter.fires(context) for limiter in area.limiters)
    if aggregate_rank is None or coverage < area.minimum_coverage - 1e-9:
        return None, aggregate_rank, fired, evidenced_weight
    limits = [
        (limiter.cap, limiter.rank) for limiter, on in zip(area.limiters, fired, strict=True) if on
    ]
    return apply_limiters(aggregate_rank, limits), aggregate_rank, fired, evidenced_weight


def evaluate_raw(pack: CompiledPack, bundle: EvidenceBundle) -> RawEvaluation:
    """Evaluate a conforming bundle into raw records."""
    values, observations = observed_values(pack, bundle)
    areas: list[RawArea] = []
    for area in pack.areas:
        rank, aggregate_rank, fired, evidenced = area_rank(
            area, values, pack.categories, pack.worst
        )
        findings = tuple(
            RawFinding(
                rule,
                values[rule.indicator],
                rule.rank(values[rule.indicator]),
                observations[rule.indicator],
            )
            for rule in area.rules
            if rule.indicator in values
        )
        missing = tuple(rule for rule in area.rules if rule.indicator not in values)
        areas.append(
            RawArea(
                area, findings, missing, evidenced, rank is not None, aggregate_rank, fired, rank
            )
        )
    overall_rank: int | None = None
    overall_step: OverallRule | None = None
    policy = pack.pack.overall
    if policy is not None and all(area.rank is not None for area in areas):
        ranks = {area.area.id: area.rank for area in areas}
        overall_rank, overall_step = decide(policy, pack.grade_ids, ranks)
    return RawEvaluation(pack, tuple(areas), values, observations, overall_rank, overall_step)
