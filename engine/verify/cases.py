"""The pack test runner behind `ilacs test`: run YAML cases and boundary rows, measure coverage.

A pack's tests are the YAML files in its `tests/` folder and, for a pack that extends another,
its ancestors' tests too (each evaluated with the merged pack under test), less the cases it
retires. Coverage is what the cases actually reached: every area x grade, every rule with a
finding, every limiter fired. Anything short of full coverage fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.api import evaluate
from engine.compile import compiled
from engine.errors import Diagnostic, LoadError
from engine.load.pack import load_pack, locate_pack
from engine.load.validation import validate_document
from engine.load.yaml_doc import YamlDocument, load_yaml_file
from engine.model.base import Origin
from engine.model.cases import Case, CaseFile, EvidenceValue
from engine.model.pack import RulePack
from engine.testing.bundles import make_bundle

INSUFFICIENT = "insufficient-evidence"


@dataclass
class CaseResult:
    """One case or boundary row: where it is, and what did not match."""

    name: str
    origin: Origin
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Coverage:
    """What the tests reached, and what they should reach."""

    area_grades: dict[str, set[str]] = field(default_factory=dict)
    rules: set[str] = field(default_factory=set)
    limiters: set[str] = field(default_factory=set)
    all_rules: list[str] = field(default_factory=list)
    all_limiters: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)

    def gaps(self) -> list[str]:
        """Every coverage gap, as a sentence."""
        found = []
        for area, reached in self.area_grades.items():
            for grade in self.grades:
                if grade not in reached:
                    found.append(f"no case reaches '{grade}' for area '{area}'")
        found += [
            f"no case or boundary exercises rule '{rule}'"
            for rule in self.all_rules
            if rule not in self.rules
        ]
        found += [
            f"no case fires limiter '{limiter}'"
            for limiter in self.all_limiters
            if limiter not in self.limiters
        ]
        return found


@dataclass
class TestReport:
    """The outcome of `ilacs test` for one pack."""

    pack: str
    results: list[CaseResult]
    coverage: Coverage

    @property
    def failed(self) -> list[CaseResult]:
        return [result for result in self.results if not result.passed]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.coverage.gaps()


def test_files(pack: RulePack, reference: str | Path) -> list[tuple[str, Path]]:
    """(pack id, file) for the pack's own tests and its ancestors', ancestors first."""
    files: list[tuple[str, Path]] = []
    folder = locate_pack(reference).folder
    chain: list[tuple[str, Path]] = []
    current: Path | None = folder
    for pack_id in pack.lineage:
        if current is None:
            break
        chain.append((pack_id, current))
        manifest = load_yaml_file(current / "pack.yaml", str(current / "pack.yaml")).data
        parent = manifest.get("extends") if isinstance(manifest, dict) else None
        current = None
        if parent:
            try:
                current = locate_pack(parent, relative_to=chain[-1][1]).folder
            except LoadError:
                current = locate_pack(parent).folder
    for pack_id, pack_folder in reversed(chain):
        files.extend((pack_id, path) for path in sorted((pack_folder / "tests").glob("*.yaml")))
    return files


def run_pack_tests(reference: str | Path) -> TestReport:
    """Run every case and boundary row for the pack `reference`."""
    pack = load_pack(reference)
    documents: list[tuple[str, Path, YamlDocument, CaseFile]] = []
    problems: list[Diagnostic] = []
    for pack_id, path in test_files(pack, reference):
        try:
            document = load_yaml_file(path, str(path))
            documents.append((pack_id, path, document, validate_document(CaseFile, document)))
        except LoadError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise LoadError(problems)
    retired = {case for *_, parsed in documents for case in parsed.retire_cases}
    retired_rules = {rule for *_, parsed in documents for rule in parsed.retire_boundaries}
    problems.extend(_id_problems(documents))
    if problems:
        raise LoadError(problems)
    coverage = _empty_coverage(pack)
    results: list[CaseResult] = []
    for pack_id, path, document, parsed in documents:
        for index, case in enumerate(parsed.cases):
            if case.id in retired and pack_id != pack.id:
                continue
            origin = _origin(pack_id, path, document, ("cases", index))
            results.append(_run_case(pack, parsed.base, case, origin, coverage))
        for index, boundary in enumerate(parsed.boundaries):
            if boundary.rule in retired_rules and pack_id != pack.id:
                continue
            origin = _origin(pack_id, path, document, ("boundaries", index))
            results.append(_run_boundary(pack, boundary.rule, boundary.rows, origin, coverage))
    return TestReport(pack.id, results, coverage)


def _id_problems(documents: list[tuple[str, Path, YamlDocument, CaseFile]]) -> list[Diagnostic]:
    """Duplicate case ids within one pack, and retired ids that no test file defines."""
    problems: list[Diagnostic] = []
    first: dict[tuple[str, str], str] = {}
    for pack_id, path, document, parsed in documents:
        for index, case in enumerate(parsed.cases):
            key = (pack_id, case.id)
            if key in first:
                problems.append(
                    document.diagnostic(
                        ("cases", index, "id"),
                        "T001",
                        f"duplicate case id '{case.id}' (first in {first[key]})",
                    )
                )
            else:
                first[key] = str(path)
    known = {case_id for _, case_id in first}
    for _, _, document, parsed in documents:
        for index, name in enumerate(parsed.retire_cases):
            if name not in known:
                problems.append(
                    document.diagnostic(
                        ("retire_cases", index),
                        "T002",
                        f"cannot retire case '{name}': no test file defines it",
                    )
                )
    return problems


def _origin(
    pack_id: str, path: Path, document: YamlDocument, pointer: tuple[str | int, ...]
) -> Origin:
    line, column = document.position(pointer)
    return Origin(pack=pack_id, file=str(path), line=line, column=column)


def _empty_coverage(pack: RulePack) -> Coverage:
    return Coverage(
        area_grades={area.id: set() for area in pack.areas},
        all_rules=[rule.id for area in pack.areas for rule in area.rules],
        all_limiters=[limiter.id for area in pack.areas for limiter in area.limiters],
        grades=[grade.id for grade in pack.scale],
    )


def _evidence(base: dict[str, EvidenceValue], case: Case) -> dict[str, float | tuple[float, float]]:
    values: dict[str, float | tuple[float, float]] = dict(base) if case.use_base else {}
    for name in case.without:
        values.pop(name, None)
    values.update(case.evidence)
    return values


def _run_case(
    pack: RulePack, base: dict[str, EvidenceValue], case: Case, origin: Origin, coverage: Coverage
) -> CaseResult:
    failures: list[str] = []
    try:
        result = evaluate(pack, make_bundle(_evidence(base, case)))
    except LoadError as error:
        return CaseResult(
            case.id,
            origin,
            [f"evidence does not fit the pack: {item.message}" for item in error.diagnostics],
        )
    outcomes = {area.area: area for area in result.areas}
    for area in result.areas:
        if area.grade is not None:
            coverage.area_grades[area.area].add(area.grade)
        coverage.rules.update(finding.rule for finding in area.findings)
        coverage.limiters.update(limiter.limiter for limiter in area.limiters if limiter.fired)
    want = case.want
    for area_id, grade in want.areas.items():
        if area_id not in outcomes:
            failures.append(f"unknown area '{area_id}'")
            continue
        got = outcomes[area_id].grade or INSUFFICIENT
        if got != grade:
            failures.append(f"area {area_id}: want {grade}, got {got}")
    if want.overall is not None:
        got_overall = result.overall.grade if result.overall is not None else None
        if got_overall != want.overall:
            failures.append(f"overall: want {want.overall}, got {got_overall or 'none'}")
    if (
        want.overall_borderline is not None
        and result.overall is not None
        and result.overall.borderline != want.overall_borderline
    ):
        failures.append(
            f"overall borderline: want {want.overall_borderline}, got {result.overall.borderline}"
        )
    fired = {limiter.limiter for area in result.areas for limiter in area.limiters if limiter.fired}
    failures += [
        f"limiter {name} did not fire" for name in want.limiters_fired if name not in fired
    ]
    failures += [f"limiter {name} fired" for name in want.limiters_not_fired if name in fired]
    findings = {finding.rule: finding.grade for area in result.areas for finding in area.findings}
    for rule, grade in want.findings.items():
        if findings.get(rule) != grade:
            failures.append(f"rule {rule}: want {grade}, got {findings.get(rule, 'no finding')}")
    return CaseResult(case.id, origin, failures)


def _run_boundary(
    pack: RulePack, rule_id: str, rows: list[tuple[float, str]], origin: Origin, coverage: Coverage
) -> CaseResult:
    rules = {rule.id: rule for area in compiled(pack).areas for rule in area.rules}
    rule = rules.get(rule_id)
    if rule is None:
        return CaseResult(f"boundaries {rule_id}", origin, [f"unknown rule '{rule_id}'"])
    coverage.rules.add(rule_id)
    failures = []
    for value, grade in rows:
        got = pack.scale[rule.rank(value)].id
        if got != grade:
            failures.append(f"{rule_id} at {value:g}: want {grade}, got {got}")
    return CaseResult(f"boundaries {rule_id}", origin, failures)
