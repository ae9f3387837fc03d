"""Limiters: monotone, able to fire, not always firing, not shadowed by another.

C201 non-monotone limiter: a cap whose condition can start to hold as a value improves (it would
    punish improvement), or a floor whose condition can start to hold as a value worsens.
    PASS  cap when cp-visits-within-standard lt 60   (higher is better)
    FAIL  cap when cp-visits-within-standard gt 60
C302 dead limiter: no evidence within the indicators' domains makes the condition hold.
    FAIL  cap when a percent indicator lt 0
C303 shadowed limiter: whenever it fires, another limiter fires too and caps at least as low
    (or floors at least as high), so it can never change a grade.
C305 always-firing limiter: it holds for every value of its indicators once they are evidenced.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.model.conditions import Condition
from engine.model.pack import Indicator, LimiterEffect, RulePack
from engine.verify.problems import CheckProblem
from engine.verify.regions import Direction, direction, holds, implies, satisfiable, variables


def check(pack: RulePack) -> list[CheckProblem]:
    """Every limiter problem in `pack`."""
    indicators = {indicator.id: indicator for indicator in pack.indicators}
    ranks = {grade.id: rank for rank, grade in enumerate(pack.scale)}
    problems: list[CheckProblem] = []
    for area in pack.areas:
        for limiter in area.limiters:
            assert limiter.origin is not None
            found = direction(limiter.when, indicators)
            cap = limiter.effect is LimiterEffect.CAP
            wanted = Direction.FIRES_ON_WORSE if cap else Direction.FIRES_ON_BETTER
            if found not in (wanted, Direction.CONSTANT):
                problems.append(
                    CheckProblem(
                        "C201",
                        limiter.origin,
                        ("when",),
                        f"{'cap' if cap else 'floor'} '{limiter.id}' can start to fire as values get "
                        f"{'better' if cap else 'worse'}: a better value could give a worse grade",
                        "compare in the direction of the indicator's polarity (a cap on a higher-is-better indicator uses lt/le)",
                    )
                )
            if satisfiable(limiter.when, indicators) is False:
                problems.append(
                    CheckProblem(
                        "C302",
                        limiter.origin,
                        ("when",),
                        f"limiter '{limiter.id}' can never fire: no value in the domain meets its condition",
                    )
                )
            elif _always(limiter.when, indicators):
                problems.append(
                    CheckProblem(
                        "C305",
                        limiter.origin,
                        ("when",),
                        f"limiter '{limiter.id}' fires for every evidenced value of its indicators",
                    )
                )
        for limiter in area.limiters:
            assert limiter.origin is not None
            if satisfiable(limiter.when, indicators) is False:
                continue
            for other in area.limiters:
                if other is limiter or other.effect is not limiter.effect:
                    continue
                stronger = (
                    ranks[other.grade] >= ranks[limiter.grade]
                    if limiter.effect is LimiterEffect.CAP
                    else ranks[other.grade] <= ranks[limiter.grade]
                )
                same = ranks[other.grade] == ranks[limiter.grade] and implies(
                    other.when, limiter.when, indicators
                )
                if (
                    stronger
                    and implies(limiter.when, other.when, indicators)
                    and not (same and area.limiters.index(other) > area.limiters.index(limiter))
                ):
                    problems.append(
                        CheckProblem(
                            "C303",
                            limiter.origin,
                            ("when",),
                            f"limiter '{limiter.id}' is shadowed by '{other.id}': whenever it fires, '{other.id}' fires and "
                            f"{'caps' if limiter.effect is LimiterEffect.CAP else 'floors'} at {other.grade}",
                        )
                    )
                    break
    return problems


def _always(condition: Condition, indicators: Mapping[str, Indicator]) -> bool:
    """Whether the condition holds at every point where all its indicators have evidence."""
    space = variables([condition], indicators)
    if space.flags or not space.values or space.size() > 50_000:
        return False
    evidenced = [
        values
        for values, _ in space.assignments()
        if all(value is not None for value in values.values())
    ]
    return bool(evidenced) and all(holds(condition, values, {}) for values in evidenced)
