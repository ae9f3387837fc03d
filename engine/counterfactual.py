"""Counterfactuals: the smallest single-indicator change that moves an area to the next grade.

An area's grade only changes where a value crosses a threshold (a cut point, an interval bound,
a limiter's constant), so the candidates are those thresholds, tried nearest first, each at the
threshold itself and just beyond it. The first candidate that reaches the target is the smallest
change of that indicator; `area_rank` is the same function that graded the area, so the
counterfactual is true by construction and the property tests check it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from engine.compile import FRACTION_SCALE, CompiledArea, CompiledPack
from engine.evaluator import RawArea, area_rank
from engine.model.conditions import Compare, FindingCount, leaves
from engine.model.evidence import Observation
from engine.model.pack import Polarity, Unit
from engine.model.result import Counterfactual, NoSingleChange


def thresholds(area: CompiledArea, indicator: str) -> list[float]:
    """Every constant in `area` at which the grade could change as `indicator` moves."""
    found: set[float] = set()
    for rule in area.rules:
        if rule.indicator != indicator:
            continue
        found.update(cut for cut, _ in rule.cuts)
        for low, high, _ in rule.intervals:
            found.update(bound for bound in (low, high) if math.isfinite(bound))
    for limiter in area.limiters:
        if indicator in limiter.indicators:
            for leaf in leaves(limiter.model.when):
                if isinstance(leaf, Compare) and leaf.indicator == indicator:
                    found.add(leaf.value)
    return sorted(found)


def _nudge(value: float, direction: float) -> float:
    return value + direction * max(abs(value) * 1e-9, 1e-9)


def find_counterfactuals(
    pack: CompiledPack,
    raw: RawArea,
    values: Mapping[str, float],
    observations: Mapping[str, Observation],
) -> tuple[list[Counterfactual], NoSingleChange | None]:
    """Counterfactuals for every evidenced indicator of the area, or why there are none."""
    if raw.rank is None or raw.rank == 0:
        return [], None
    area, target = raw.area, raw.rank - 1
    results: list[Counterfactual] = []
    weights = _WeightSums(raw, target)
    for indicator in area.indicators:
        current = values.get(indicator)
        if current is None or not could_reach(raw, indicator, target, weights):
            continue
        found = _smallest_change(pack, area, values, indicator, current, target)
        if found is None:
            continue
        needed, strict = found
        results.append(
            Counterfactual(
                indicator=indicator,
                indicator_title=pack.indicators[indicator].title,
                current=current,
                needed=needed,
                strict=strict,
                target=pack.grade_ids[target],
                extra_count=_extra_count(
                    pack.indicators[indicator].unit,
                    observations[indicator],
                    needed,
                    strict,
                    current,
                ),
            )
        )
    if results:
        return results, None
    binding = [
        limiter
        for limiter, fired in zip(area.limiters, raw.fired, strict=True)
        if fired and limiter.cap and limiter.rank > target
    ]
    evidenced = {name for name in area.indicators if name in values}
    missing_caps = [limiter for limiter in binding if not (set(limiter.indicators) & evidenced)]
    if missing_caps:
        reason = (
            f"'{missing_caps[0].model.title}' caps the grade because evidence is missing, not because "
            "of any figure given: supply the missing evidence"
        )
    elif len(binding) > 1:
        reason = "limiters cap the grade on more than one indicator"
    else:
        reason = "no single indicator, changed alone, lifts enough of the evidence"
    return [], NoSingleChange(target=pack.grade_ids[target], reason=reason)


class _WeightSums:
    """Evidenced weight in total, at or better than the target, and per indicator: computed once."""

    def __init__(self, raw: RawArea, target: int) -> None:
        self.total = 0.0
        self.reached = 0.0
        self.mine: dict[str, float] = {}
        self.mine_reached: dict[str, float] = {}
        self.others_worse: dict[str, int] = {}
        self.worse = 0
        for found in raw.findings:
            weight, name = found.rule.weight, found.rule.indicator
            self.total += weight
            self.mine[name] = self.mine.get(name, 0.0) + weight
            if found.rank <= target:
                self.reached += weight
                self.mine_reached[name] = self.mine_reached.get(name, 0.0) + weight
            else:
                self.worse += 1
                self.others_worse[name] = self.others_worse.get(name, 0) + 1


def could_reach(
    raw: RawArea, indicator: str, target: int, weights: _WeightSums | None = None
) -> bool:
    """False only when changing `indicator` alone provably cannot bring the area to `target`.

    A cheap, sound filter before the search: the aggregate can gain at most the weight of the
    indicator's own findings, and a fired cap below the target stays fired unless its condition
    reads this indicator or the findings. Areas with floors are always searched.
    """
    area = raw.area
    if raw.aggregate_rank is None or any(not limiter.cap for limiter in area.limiters):
        return True
    if raw.aggregate_rank > target:
        sums = weights or _WeightSums(raw, target)
        if area.best_fit_share is None:
            if sums.worse - sums.others_worse.get(indicator, 0) > 0:
                return False
        else:
            reachable = (
                sums.reached - sums.mine_reached.get(indicator, 0.0) + sums.mine.get(indicator, 0.0)
            )
            if sums.total > 0 and reachable / sums.total < area.best_fit_share - 1e-9:
                return False
    for limiter, fired in zip(area.limiters, raw.fired, strict=True):
        if fired and limiter.cap and limiter.rank > target and indicator not in limiter.indicators:
            reads_findings = any(
                isinstance(leaf, FindingCount) for leaf in leaves(limiter.model.when)
            )
            if not reads_findings:
                return False
    return True


def _smallest_change(
    pack: CompiledPack,
    area: CompiledArea,
    values: Mapping[str, float],
    indicator: str,
    current: float,
    target: int,
) -> tuple[float, bool] | None:
    definition = pack.indicators[indicator]
    domain = pack.domains[indicator]
    points = thresholds(area, indicator)
    trial_values = dict(values)

    def reaches(trial: float) -> bool:
        trial_values[indicator] = trial
        rank, _, _, _ = area_rank(area, trial_values, pack.categories, pack.worst)
        return rank is not None and rank <= target

    if definition.polarity is not Polarity.TARGET_RANGE and points:
        # The grade is monotone in the value, so if the most favourable value beyond every
        # threshold does not reach the target, nothing does: one evaluation instead of many.
        higher = definition.polarity is Polarity.HIGHER_IS_BETTER
        extreme = _nudge(max(points), 1.0) if higher else _nudge(min(points), -1.0)
        bound = domain.max if higher else domain.min
        if bound is not None:
            extreme = min(extreme, bound) if higher else max(extreme, bound)
        if not reaches(extreme):
            return None
    candidates = sorted(points, key=lambda value: (abs(value - current), value))
    for candidate in candidates:
        if not domain.contains(candidate):
            continue
        directions = (
            [1.0, -1.0] if candidate == current else [math.copysign(1.0, candidate - current)]
        )
        trials = [(candidate, False)] + [
            (_nudge(candidate, direction), True) for direction in directions
        ]
        for trial, strict in trials:
            if trial == current or not domain.contains(trial):
                continue
            if reaches(trial):
                return candidate, strict
    return None


def _extra_count(
    unit: Unit, observation: Observation, needed: float, strict: bool, current: float
) -> int | None:
    """Signed change in the numerator that reaches `needed`, when the figure is a fraction."""
    if (
        observation.numerator is None
        or observation.denominator is None
        or unit not in FRACTION_SCALE
    ):
        return None
    count = needed / FRACTION_SCALE[unit] * observation.denominator
    if needed > current:
        required = math.floor(count + 1e-9) + 1 if strict else math.ceil(count - 1e-9)
    else:
        required = math.ceil(count - 1e-9) - 1 if strict else math.floor(count + 1e-9)
    return int(required - observation.numerator)
