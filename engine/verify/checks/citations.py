"""Every threshold cites its source: an unexplained number in a rule pack is a defect.

C501 missing citation: a cut point, interval bound or limiter constant with no `source`.
C502 placeholder citation: a `source` such as "TODO", "TBC", "?" or "source".
"""

from __future__ import annotations

from engine.model.base import Origin
from engine.model.conditions import Compare, Condition
from engine.model.pack import CutPointRule, RulePack
from engine.verify.problems import CheckProblem, SubPath

PLACEHOLDERS = {"todo", "tbc", "tbd", "?", "??", "source", "citation", "xxx", "fixme", "n/a", "-"}


def check(pack: RulePack) -> list[CheckProblem]:
    """Every threshold in `pack` without a real citation."""
    problems: list[CheckProblem] = []
    for area in pack.areas:
        for rule in area.rules:
            if rule.origin is None:
                continue
            if isinstance(rule, CutPointRule):
                for index, cut in enumerate(rule.cuts):
                    problems.extend(
                        _cited(
                            cut.source,
                            rule.origin,
                            ("cuts", index),
                            f"cut point {cut.at:g} for '{cut.grade}' in '{rule.id}'",
                        )
                    )
            else:
                for index, band in enumerate(rule.intervals):
                    problems.extend(
                        _cited(
                            band.source,
                            rule.origin,
                            ("intervals", index),
                            f"band for '{band.grade}' in '{rule.id}'",
                        )
                    )
        for limiter in area.limiters:
            if limiter.origin is None:
                continue
            for leaf, path in _compares(limiter.when, ("when",)):
                problems.extend(
                    _cited(
                        leaf.source,
                        limiter.origin,
                        path,
                        f"threshold {leaf.value:g} of '{limiter.id}'",
                    )
                )
    return problems


def _compares(condition: Condition, path: SubPath) -> list[tuple[Compare, SubPath]]:
    if isinstance(condition, Compare):
        return [(condition, path)]
    found: list[tuple[Compare, SubPath]] = []
    children = getattr(condition, "conditions", None)
    if children is not None:
        for index, child in enumerate(children):
            found.extend(_compares(child, (*path, "conditions", index)))
    inner = getattr(condition, "condition", None)
    if inner is not None:
        found.extend(_compares(inner, (*path, "condition")))
    return found


def _cited(source: str | None, origin: Origin, path: SubPath, what: str) -> list[CheckProblem]:
    if source is None:
        return [
            CheckProblem(
                "C501",
                origin,
                path,
                f"{what} has no citation",
                "add 'source:' naming the timescale, figure, percentile or descriptor",
            )
        ]
    if source.strip().lower() in PLACEHOLDERS:
        return [
            CheckProblem(
                "C502", origin, (*path, "source"), f"{what} cites a placeholder ('{source}')"
            )
        ]
    return []
