"""Referential soundness of a merged pack: every id a rule names exists, once.

Pure: works on a merged `RulePack` and reports problems relative to item origins, which the
loader turns into `file:line:column`. An unsound pack is refused at load time, so the evaluator
can rely on every reference resolving.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.errors import did_you_mean
from engine.merge import PackProblem
from engine.model.base import Origin
from engine.model.conditions import (
    EVIDENCE_KINDS,
    GRADE_KINDS,
    All,
    AnyOf,
    AreaGrade,
    Compare,
    Condition,
    CountAreas,
    EvidenceCount,
    FindingCount,
    Not,
)
from engine.model.pack import (
    AreaGradeOf,
    BestOfAreas,
    CutPointRule,
    GradeExpr,
    GradeOf,
    IntervalRule,
    NoBetterThan,
    Polarity,
    RulePack,
    WorstOfAreas,
)

SubPath = tuple[str | int, ...]


class _Checker:
    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.grades = [grade.id for grade in pack.scale]
        self.indicators = {indicator.id: indicator for indicator in pack.indicators}
        self.categories = {indicator.category for indicator in pack.indicators}
        self.areas = [area.id for area in pack.areas]
        self.problems: list[PackProblem] = []

    def add(
        self, origin: Origin, subpath: SubPath, code: str, message: str, hint: str | None = None
    ) -> None:
        self.problems.append(PackProblem(origin, subpath, code, message, hint))

    def grade(self, origin: Origin, subpath: SubPath, grade: str) -> None:
        if grade not in self.grades:
            self.add(
                origin,
                subpath,
                "P002",
                f"unknown grade '{grade}'; the scale is: {', '.join(self.grades)}",
                did_you_mean(grade, self.grades),
            )

    def indicator(self, origin: Origin, subpath: SubPath, indicator: str) -> bool:
        if indicator in self.indicators:
            return True
        self.add(
            origin,
            subpath,
            "P001",
            f"unknown indicator '{indicator}'",
            did_you_mean(indicator, set(self.indicators)),
        )
        return False

    def area(self, origin: Origin, subpath: SubPath, area: str) -> None:
        if area not in self.areas:
            self.add(
                origin, subpath, "P003", f"unknown area '{area}'", did_you_mean(area, self.areas)
            )


def check_references(pack: RulePack) -> list[PackProblem]:
    """Every problem with ids in `pack`: unknown, duplicated, or used in the wrong place."""
    checker = _Checker(pack)
    seen_items: dict[str, Origin] = {}
    for area in pack.areas:
        for index, rule in enumerate(area.rules):
            origin = _origin(rule.origin)
            _unique(checker, seen_items, rule.id, origin)
            _check_rule(checker, rule, origin, index)
        for limiter in area.limiters:
            origin = _origin(limiter.origin)
            _unique(checker, seen_items, limiter.id, origin)
            checker.grade(origin, ("grade",), limiter.grade)
            _check_condition(checker, limiter.when, origin, ("when",), allowed=EVIDENCE_KINDS)
    if pack.overall is not None:
        for step in pack.overall.rules:
            origin = _origin(step.origin)
            if step.when is not None:
                _check_condition(checker, step.when, origin, ("when",), allowed=GRADE_KINDS)
            _check_expression(checker, step.then, origin, ("then",))
    return checker.problems


def _origin(origin: Origin | None) -> Origin:
    return origin if origin is not None else Origin(pack="?", file="?", line=1, column=1)


def _unique(checker: _Checker, seen: dict[str, Origin], item_id: str, origin: Origin) -> None:
    if item_id in seen:
        first = seen[item_id]
        checker.add(
            origin,
            ("id",),
            "P005",
            f"duplicate rule or limiter id '{item_id}'; first defined at {first.label()}",
            "ids must be unique across the pack's areas",
        )
    else:
        seen[item_id] = origin


def _check_rule(
    checker: _Checker, rule: CutPointRule | IntervalRule, origin: Origin, index: int
) -> None:
    if not checker.indicator(origin, ("indicator",), rule.indicator):
        return
    indicator = checker.indicators[rule.indicator]
    if isinstance(rule, CutPointRule):
        if indicator.polarity is Polarity.TARGET_RANGE:
            checker.add(
                origin,
                ("kind",),
                "P014",
                f"indicator '{indicator.id}' is target-range: use an 'intervals' rule",
            )
        ranks: list[int] = []
        for position, cut in enumerate(rule.cuts):
            checker.grade(origin, ("cuts", position, "grade"), cut.grade)
            if cut.grade in checker.grades:
                ranks.append(checker.grades.index(cut.grade))
                if cut.grade == checker.grades[-1]:
                    checker.add(
                        origin,
                        ("cuts", position, "grade"),
                        "P012",
                        f"no cut is needed for the worst grade '{cut.grade}': values that reach no cut get it",
                    )
        if ranks != sorted(set(ranks)):
            checker.add(
                origin, ("cuts",), "P012", "cuts must list each grade once, best grade first"
            )
    else:
        for position, interval in enumerate(rule.intervals):
            checker.grade(origin, ("intervals", position, "grade"), interval.grade)


def _check_condition(
    checker: _Checker,
    condition: Condition,
    origin: Origin,
    subpath: SubPath,
    *,
    allowed: frozenset[str],
) -> None:
    if isinstance(condition, All | AnyOf):
        for index, child in enumerate(condition.conditions):
            _check_condition(
                checker, child, origin, (*subpath, "conditions", index), allowed=allowed
            )
        return
    if isinstance(condition, Not):
        _check_condition(
            checker, condition.condition, origin, (*subpath, "condition"), allowed=allowed
        )
        return
    if condition.kind not in allowed:
        place = "area limiters" if condition.kind in EVIDENCE_KINDS else "the overall policy"
        checker.add(
            origin,
            (*subpath, "kind"),
            "P009",
            f"condition kind '{condition.kind}' can only be used in {place}",
        )
        return
    if isinstance(condition, Compare):
        checker.indicator(origin, (*subpath, "indicator"), condition.indicator)
    elif isinstance(condition, EvidenceCount):
        for index, category in enumerate(condition.categories):
            if category not in checker.categories:
                checker.add(
                    origin,
                    (*subpath, "categories", index),
                    "P013",
                    f"no indicator has category '{category}'",
                    did_you_mean(category, checker.categories),
                )
    elif isinstance(condition, FindingCount):
        checker.grade(origin, (*subpath, "grade"), condition.grade)
    elif isinstance(condition, AreaGrade):
        checker.area(origin, (*subpath, "area"), condition.area)
        _grade_or_area(checker, origin, subpath, condition.grade, condition.than_area)
    elif isinstance(condition, CountAreas):
        for index, area in enumerate(condition.areas):
            checker.area(origin, (*subpath, "areas", index), area)
        _grade_or_area(checker, origin, subpath, condition.grade, condition.than_area)


def _grade_or_area(
    checker: _Checker, origin: Origin, subpath: SubPath, grade: str | None, area: str | None
) -> None:
    if grade is not None:
        checker.grade(origin, (*subpath, "grade"), grade)
    if area is not None:
        checker.area(origin, (*subpath, "than_area"), area)


def _check_expression(
    checker: _Checker, expression: GradeExpr, origin: Origin, subpath: SubPath
) -> None:
    if isinstance(expression, GradeOf):
        checker.grade(origin, (*subpath, "grade"), expression.grade)
    elif isinstance(expression, AreaGradeOf):
        checker.area(origin, (*subpath, "area"), expression.area)
    elif isinstance(expression, WorstOfAreas | BestOfAreas):
        for index, area in enumerate(expression.areas):
            checker.area(origin, (*subpath, "areas", index), area)
    elif isinstance(expression, NoBetterThan):
        _check_expression(checker, expression.of, origin, (*subpath, "of"))
        _check_expression(checker, expression.limit, origin, (*subpath, "limit"))


def referenced_indicators(pack: RulePack) -> Iterable[str]:
    """Indicator ids named by any rule or limiter of `pack`."""
    from engine.model.conditions import leaves

    for area in pack.areas:
        for rule in area.rules:
            yield rule.indicator
        for limiter in area.limiters:
            for leaf in leaves(limiter.when):
                if isinstance(leaf, Compare):
                    yield leaf.indicator
