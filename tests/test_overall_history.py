"""The ilacs-2023 overall policy against all 271 published ILACS inspections (2018-2025).

Ofsted's own outcomes are the test oracle: feed the four area grades, compare with the overall
grade Ofsted gave. DOMAIN.md 1.4's five-step policy reaches 266/271 but is not monotone; the
pack's revision keeps 266/271 (the ceiling: each miss is the minority outcome among inspections
with identical area grades) and is monotone.
"""

from __future__ import annotations

import csv
from pathlib import Path

from engine.load.pack import load_pack
from engine.load.validation import validate_document
from engine.load.yaml_doc import load_yaml_file
from engine.model.pack import OverallPolicy
from engine.overall import decide
from engine.verify.overall_monotone import monotonicity_violations

DATA = Path(__file__).parent / "data"
LABELS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires-improvement",
    "Inadequate": "inadequate",
}
COLUMNS = {
    "leaders": "The impact of leaders on social work practice with children and families",
    "help-and-protection": "The experiences and progress of children who need help and protection",
    "children-in-care": "The experiences and progress of children in care",
    "care-leavers": "The experiences and progress of care leavers",
}
GRADES = list(LABELS.values())
AREAS = list(COLUMNS)


def inspections() -> list[tuple[str, dict[str, int | None], int]]:
    rows = []
    with (DATA / "ofsted_ilacs_history_2018_2025.csv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            ranks: dict[str, int | None] = {
                area: GRADES.index(LABELS[row[column]]) if row[column] else None
                for area, column in COLUMNS.items()
            }
            label = f"{row['Local authority name']} {row['Inspection date'][:10]}"
            rows.append((label, ranks, GRADES.index(LABELS[row["Overall effectiveness"]])))
    return rows


def agreement(policy: OverallPolicy) -> tuple[int, list[str]]:
    misses = []
    hits = 0
    for label, ranks, overall in inspections():
        suggested, _ = decide(policy, GRADES, ranks)
        if suggested == overall:
            hits += 1
        else:
            misses.append(label)
    return hits, misses


def five_step() -> OverallPolicy:
    return validate_document(
        OverallPolicy, load_yaml_file(DATA / "overall_five_step.yaml", "five-step")
    )


def test_history_has_all_271_inspections() -> None:
    rows = inspections()
    assert len(rows) == 271
    assert sum(1 for _, ranks, _ in rows if ranks["care-leavers"] is None) == 168


def test_published_five_step_policy_reaches_266() -> None:
    hits, misses = agreement(five_step())
    assert hits == 266
    assert sorted(misses) == [
        "Dudley 2018-10-29",
        "Leicestershire 2019-09-23",
        "Salford 2023-11-06",
        "Trafford 2019-03-04",
        "Warrington 2024-06-10",
    ]


def test_published_five_step_policy_is_not_monotone() -> None:
    violations = monotonicity_violations(
        five_step(), GRADES, AREAS, optional_areas=["care-leavers"]
    )
    assert len(violations) == 16
    assert {violation.area for violation in violations} == {"leaders"}
    assert all(violation.before["leaders"] == GRADES.index("good") for violation in violations)


def test_pack_policy_keeps_266_and_is_monotone() -> None:
    pack = load_pack("ilacs-2023")
    assert pack.overall is not None
    hits, misses = agreement(pack.overall)
    assert hits == 266
    assert len(misses) == 5
    assert (
        monotonicity_violations(pack.overall, GRADES, AREAS, optional_areas=["care-leavers"]) == []
    )


def test_pack_policy_flags_every_miss_as_borderline() -> None:
    pack = load_pack("ilacs-2023")
    assert pack.overall is not None
    for label, ranks, overall in inspections():
        suggested, step = decide(pack.overall, GRADES, ranks)
        if suggested != overall:
            assert step is not None and step.borderline, label


def test_pack_policy_stays_between_worst_and_best_area() -> None:
    import itertools

    pack = load_pack("ilacs-2023")
    assert pack.overall is not None
    for combination in itertools.product(range(4), repeat=4):
        ranks = dict(zip(AREAS, combination, strict=True))
        suggested, _ = decide(pack.overall, GRADES, ranks)
        assert suggested is not None
        assert min(combination) <= suggested <= max(combination)
