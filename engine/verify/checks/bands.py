"""Band rules: cut points in order and inside the domain; interval bands without gaps or overlaps.

C101 gap: an interval rule leaves values with no band.
    FAIL  intervals [0, 50) and [60, 100]   (50 to 60 has no grade)
C102 overlap: two interval bands claim the same values.
    FAIL  intervals [0, 60) and [50, 100]
C103 cut points out of order: a worse grade's cut is not on the worse side of a better grade's.
    PASS  higher-is-better: outstanding 95, good 90, requires-improvement 75
    FAIL  higher-is-better: outstanding 90, good 95   (good is unreachable)
C104 cut point outside the indicator's domain (a percent cut of 120, or of 0.85 meant as 85%).
C202 non-monotone bands: an interval rule on a higher- or lower-is-better indicator gives a better
    grade to a worse value; on a target-range indicator the best grade is not one central run.
"""

from __future__ import annotations

import itertools
import math

from engine.model.pack import CutPointRule, Indicator, IntervalRule, Polarity, RulePack
from engine.verify.problems import CheckProblem


def check(pack: RulePack) -> list[CheckProblem]:
    """Every band problem in `pack`."""
    ranks = {grade.id: rank for rank, grade in enumerate(pack.scale)}
    indicators = {indicator.id: indicator for indicator in pack.indicators}
    problems: list[CheckProblem] = []
    for area in pack.areas:
        for rule in area.rules:
            indicator = indicators[rule.indicator]
            if isinstance(rule, CutPointRule):
                problems.extend(_cut_points(rule, indicator, ranks))
            else:
                problems.extend(_intervals(rule, indicator, ranks))
    return problems


def _cut_points(
    rule: CutPointRule, indicator: Indicator, ranks: dict[str, int]
) -> list[CheckProblem]:
    assert rule.origin is not None
    problems = []
    domain = indicator.effective_domain
    for index, cut in enumerate(rule.cuts):
        if not domain.contains(cut.at):
            upper = "unbounded" if domain.max is None else f"{domain.max:g}"
            problems.append(
                CheckProblem(
                    "C104",
                    rule.origin,
                    ("cuts", index, "at"),
                    f"cut point {cut.at:g} for '{cut.grade}' is outside the domain of '{indicator.id}' ({domain.min:g} to {upper})",
                    "percentages are written 0-100"
                    if indicator.unit.value == "percent" and cut.at < 1
                    else None,
                )
            )
    if indicator.polarity is Polarity.TARGET_RANGE:
        return problems
    ordered = sorted(enumerate(rule.cuts), key=lambda item: ranks.get(item[1].grade, 0))
    higher = indicator.polarity is Polarity.HIGHER_IS_BETTER
    for (_, better), (index, worse) in itertools.pairwise(ordered):
        in_order = worse.at < better.at if higher else worse.at > better.at
        if not in_order:
            side = "below" if higher else "above"
            problems.append(
                CheckProblem(
                    "C103",
                    rule.origin,
                    ("cuts", index, "at"),
                    f"cut point for '{worse.grade}' ({worse.at:g}) must be {side} the cut for '{better.grade}' "
                    f"({better.at:g}) on a {indicator.polarity.value} indicator; '{worse.grade}' is unreachable",
                )
            )
    return problems


def _intervals(
    rule: IntervalRule, indicator: Indicator, ranks: dict[str, int]
) -> list[CheckProblem]:
    assert rule.origin is not None
    problems = []
    domain = indicator.effective_domain
    bands = sorted(
        (
            (
                band.min if band.min is not None else -math.inf,
                band.max if band.max is not None else math.inf,
                index,
            )
            for index, band in enumerate(rule.intervals)
        ),
    )
    reach = domain.min
    for low, high, index in bands:
        if low > reach:
            problems.append(
                CheckProblem(
                    "C101",
                    rule.origin,
                    ("intervals", index, "min"),
                    f"values from {reach:g} to {low:g} fall in no band",
                )
            )
        elif low < reach and reach > domain.min:
            problems.append(
                CheckProblem(
                    "C102",
                    rule.origin,
                    ("intervals", index, "min"),
                    f"band from {low:g} overlaps the band ending at {reach:g}",
                )
            )
        reach = max(reach, high)
    top = domain.max if domain.max is not None else math.inf
    if reach <= top and not (math.isinf(top) and math.isinf(reach)):
        problems.append(
            CheckProblem(
                "C101",
                rule.origin,
                ("intervals",),
                f"values from {reach:g} up to {top:g} fall in no band",
            )
        )
    grades = [ranks.get(rule.intervals[index].grade, 0) for _, _, index in bands]
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        ok = all(later <= earlier for earlier, later in itertools.pairwise(grades))
    elif indicator.polarity is Polarity.LOWER_IS_BETTER:
        ok = all(later >= earlier for earlier, later in itertools.pairwise(grades))
    else:
        best = grades.index(min(grades)) if grades else 0
        falling = grades[: best + 1]
        rising = grades[best:]
        ok = all(b <= a for a, b in itertools.pairwise(falling)) and all(
            b >= a for a, b in itertools.pairwise(rising)
        )
    if not ok:
        problems.append(
            CheckProblem(
                "C202",
                rule.origin,
                ("intervals",),
                f"bands are not monotone for a {indicator.polarity.value} indicator: a better value can get a worse grade",
            )
        )
    return problems
