"""The overall-effectiveness policy, checked exhaustively over every combination of area grades.

C203 non-monotone overall policy: improving one area's grade by one step makes overall worse.
    FAIL  the published five-step policy of DOMAIN.md 1.4: leaders Good -> Outstanding with one
          practice area Requires improvement drops overall from Good to Requires improvement.
C304 overall step that never decides: an earlier step always decides first, or its condition
    can never hold.
C306 incomplete overall policy: some combination of area grades gets no overall grade.
"""

from __future__ import annotations

import itertools

from engine.model.pack import RulePack
from engine.overall import decide
from engine.verify.overall_monotone import monotonicity_violations
from engine.verify.problems import CheckProblem


def check(pack: RulePack) -> list[CheckProblem]:
    """Every problem with the overall policy of `pack` (none when it has no policy)."""
    policy = pack.overall
    if policy is None:
        return []
    grades = [grade.id for grade in pack.scale]
    areas = [area.id for area in pack.areas]
    problems: list[CheckProblem] = []
    optional = policy.may_be_ungraded
    violations = monotonicity_violations(policy, grades, areas, optional_areas=optional)
    first = policy.rules[0].origin
    assert first is not None
    if violations:
        example = violations[0]

        def show(ranks: dict[str, int | None]) -> str:
            return ", ".join(
                f"{area} {grades[rank] if rank is not None else '-'}"
                for area, rank in ranks.items()
            )

        worst_before = grades[example.overall_before] if example.overall_before is not None else "-"
        worst_after = grades[example.overall_after] if example.overall_after is not None else "-"
        problems.append(
            CheckProblem(
                "C203",
                first,
                (),
                f"overall policy is not monotone: {len(violations)} single-step improvements make overall worse, "
                f"e.g. improving {example.area} turns ({show(example.before)}) -> {worst_before} into "
                f"({show(example.after)}) -> {worst_after}",
            )
        )
    used: set[str] = set()
    choices = [[*range(len(grades)), *([None] if area in optional else [])] for area in areas]
    for combination in itertools.product(*choices):
        ranks: dict[str, int | None] = dict(zip(areas, combination, strict=True))
        rank, step = decide(policy, grades, ranks)
        if step is not None:
            used.add(step.id)
        elif not any(problem.code == "C306" for problem in problems):
            shown = ", ".join(
                f"{area} {grades[grade] if grade is not None else 'ungraded'}"
                for area, grade in zip(areas, combination, strict=True)
            )
            problems.append(
                CheckProblem("C306", first, (), f"no step decides the overall grade for ({shown})")
            )
        del rank
    for step in policy.rules:
        if step.id not in used and step.origin is not None:
            problems.append(
                CheckProblem(
                    "C304",
                    step.origin,
                    (),
                    f"overall step '{step.id}' never decides: earlier steps always decide first or its condition never holds",
                )
            )
    return problems
