"""Interval reasoning over structured conditions, the checker's common tool.

A limiter's condition reads a few indicators. Its truth can only change where a value crosses
one of the constants the condition compares with, so a small set of representative values per
indicator (each constant, just either side of it, the domain's ends) decides every question
about it exactly: can it fire, is it monotone, does one condition imply another. Leaves that do
not read a value (evidence counts, finding counts) are free booleans.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from engine.model.conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    EvidenceCount,
    FindingCount,
    Not,
    Op,
    leaves,
)
from engine.model.pack import Indicator, Polarity

EPSILON = 1e-6
MAX_POINTS = 200_000


class Direction(Enum):
    """How a condition responds to values getting better."""

    CONSTANT = "constant"
    FIRES_ON_WORSE = "fires-on-worse"
    FIRES_ON_BETTER = "fires-on-better"
    MIXED = "mixed"


def _combine(directions: list[Direction]) -> Direction:
    found = {direction for direction in directions if direction is not Direction.CONSTANT}
    if not found:
        return Direction.CONSTANT
    if len(found) == 1:
        return found.pop()
    return Direction.MIXED


def _flip(direction: Direction) -> Direction:
    return {
        Direction.FIRES_ON_WORSE: Direction.FIRES_ON_BETTER,
        Direction.FIRES_ON_BETTER: Direction.FIRES_ON_WORSE,
    }.get(direction, direction)


def direction(condition: Condition, indicators: Mapping[str, Indicator]) -> Direction:
    """Whether the condition can only start firing as values worsen, as they improve, or neither."""
    if isinstance(condition, All | AnyOf):
        return _combine([direction(child, indicators) for child in condition.conditions])
    if isinstance(condition, Not):
        return _flip(direction(condition.condition, indicators))
    if isinstance(condition, FindingCount):
        return Direction.FIRES_ON_WORSE
    if isinstance(condition, Compare):
        indicator = indicators.get(condition.indicator)
        if indicator is None or indicator.polarity is Polarity.TARGET_RANGE:
            return Direction.MIXED
        fires_high = condition.op in (Op.GT, Op.GE)
        higher_better = indicator.polarity is Polarity.HIGHER_IS_BETTER
        return (
            Direction.FIRES_ON_BETTER if fires_high == higher_better else Direction.FIRES_ON_WORSE
        )
    return Direction.CONSTANT


@dataclass(frozen=True)
class Variables:
    """The representative values of each indicator and the free boolean leaves of some conditions."""

    values: dict[str, list[float | None]]
    flags: list[str]

    def assignments(self) -> Iterator[tuple[dict[str, float | None], dict[str, bool]]]:
        names = sorted(self.values)
        for chosen in itertools.product(*(self.values[name] for name in names)):
            for truths in itertools.product((False, True), repeat=len(self.flags)):
                yield (
                    dict(zip(names, chosen, strict=True)),
                    dict(zip(self.flags, truths, strict=True)),
                )

    def size(self) -> int:
        size: int = 2 ** len(self.flags)
        for options in self.values.values():
            size *= len(options)
        return size


def _flag_key(condition: Condition) -> str:
    return condition.model_dump_json()


def variables(conditions: list[Condition], indicators: Mapping[str, Indicator]) -> Variables:
    """Representative values for every indicator the conditions compare, plus their free leaves."""
    constants: dict[str, set[float]] = {}
    flags: list[str] = []
    for condition in conditions:
        for leaf in leaves(condition):
            if isinstance(leaf, Compare):
                constants.setdefault(leaf.indicator, set()).add(leaf.value)
            elif isinstance(leaf, EvidenceCount | FindingCount):
                key = _flag_key(leaf)
                if key not in flags:
                    flags.append(key)
    values: dict[str, list[float | None]] = {}
    for name, found in constants.items():
        indicator = indicators.get(name)
        domain = indicator.effective_domain if indicator else None
        points: set[float] = set()
        for constant in found:
            points.update((constant - EPSILON, constant, constant + EPSILON))
        if domain is not None:
            points.add(domain.min)
            if domain.max is not None:
                points.add(domain.max)
            points = {point for point in points if domain.contains(point)}
        values[name] = [None, *sorted(points)]
    return Variables(values, flags)


def holds(
    condition: Condition, values: Mapping[str, float | None], flags: Mapping[str, bool]
) -> bool:
    """Evaluate a condition at a representative point (None = no evidence)."""
    if isinstance(condition, All):
        return all(holds(child, values, flags) for child in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(holds(child, values, flags) for child in condition.conditions)
    if isinstance(condition, Not):
        return not holds(condition.condition, values, flags)
    if isinstance(condition, Compare):
        value = values.get(condition.indicator)
        return value is not None and condition.op.holds(value, condition.value)
    if isinstance(condition, EvidenceCount | FindingCount):
        return flags[_flag_key(condition)]
    return False


def satisfiable(condition: Condition, indicators: Mapping[str, Indicator]) -> bool | None:
    """Whether some evidence makes the condition true; None when the space is too large to try."""
    space = variables([condition], indicators)
    if space.size() > MAX_POINTS:
        return None
    return any(holds(condition, values, flags) for values, flags in space.assignments())


def implies(
    first: Condition, second: Condition, indicators: Mapping[str, Indicator]
) -> bool | None:
    """Whether `first` holding always means `second` holds; None when too large to try."""
    space = variables([first, second], indicators)
    if space.size() > MAX_POINTS:
        return None
    return all(
        holds(second, values, flags)
        for values, flags in space.assignments()
        if holds(first, values, flags)
    )
