"""The catalogue and the rules agree: every indicator used or informational; units match.

C402 unused indicator: not named by any rule or limiter and not marked `informational: true`.
C403 informational indicator used by a rule or limiter.
C404 unit mismatch: a rule or condition states a unit other than its indicator's.
"""

from __future__ import annotations

from engine.model.conditions import Compare, leaves
from engine.model.pack import RulePack
from engine.references import referenced_indicators
from engine.verify.problems import CheckProblem


def check(pack: RulePack) -> list[CheckProblem]:
    """Catalogue problems in `pack`."""
    problems: list[CheckProblem] = []
    used = set(referenced_indicators(pack))
    indicators = {indicator.id: indicator for indicator in pack.indicators}
    for indicator in pack.indicators:
        if indicator.origin is None:
            continue
        if indicator.id not in used and not indicator.informational:
            problems.append(
                CheckProblem(
                    "C402",
                    indicator.origin,
                    ("id",),
                    f"indicator '{indicator.id}' is not used by any rule or limiter",
                    "use it, or mark it 'informational: true'",
                )
            )
        if indicator.id in used and indicator.informational:
            problems.append(
                CheckProblem(
                    "C403",
                    indicator.origin,
                    ("informational",),
                    f"indicator '{indicator.id}' is marked informational but a rule or limiter uses it",
                )
            )
    for area in pack.areas:
        for rule in area.rules:
            indicator = indicators[rule.indicator]
            if (
                rule.unit is not None
                and rule.unit is not indicator.unit
                and rule.origin is not None
            ):
                problems.append(
                    CheckProblem(
                        "C404",
                        rule.origin,
                        ("unit",),
                        f"rule '{rule.id}' is written in {rule.unit.value} but '{indicator.id}' is measured in {indicator.unit.value}",
                    )
                )
        for limiter in area.limiters:
            for index, leaf in enumerate(leaves(limiter.when)):
                if (
                    isinstance(leaf, Compare)
                    and leaf.unit is not None
                    and limiter.origin is not None
                ):
                    measured = indicators[leaf.indicator].unit.value
                    if leaf.unit != measured:
                        problems.append(
                            CheckProblem(
                                "C404",
                                limiter.origin,
                                ("when",),
                                f"condition {index + 1} of '{limiter.id}' is written in {leaf.unit} but '{leaf.indicator}' is measured in {measured}",
                            )
                        )
    return problems
