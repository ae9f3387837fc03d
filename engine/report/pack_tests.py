"""Rendering of `ilacs test` results: failures with their file positions, then coverage."""

from __future__ import annotations

import json

from engine.verify.cases import TestReport


def render_test_report(report: TestReport, output_format: str) -> str:
    """Text (one line per failure, a coverage table, a closing count) or JSON."""
    coverage = report.coverage
    if output_format == "json":
        data = {
            "pack": report.pack,
            "passed": sum(1 for result in report.results if result.passed),
            "failed": [
                {
                    "name": result.name,
                    "file": result.origin.file,
                    "line": result.origin.line,
                    "failures": result.failures,
                }
                for result in report.failed
            ],
            "coverage": {
                "area_grades": {
                    area: sorted(grades) for area, grades in coverage.area_grades.items()
                },
                "rules": f"{len(coverage.rules & set(coverage.all_rules))}/{len(coverage.all_rules)}",
                "limiters": f"{len(coverage.limiters & set(coverage.all_limiters))}/{len(coverage.all_limiters)}",
                "gaps": coverage.gaps(),
            },
            "ok": report.ok,
        }
        return json.dumps(data, indent=2) + "\n"
    lines = []
    for result in report.failed:
        for failure in result.failures:
            lines.append(
                f"{result.origin.file}:{result.origin.line}:{result.origin.column}: FAIL {result.name}: {failure}"
            )
    width = max((len(area) for area in coverage.area_grades), default=4)
    lines.append(f"Coverage for {report.pack}:")
    lines.append("  " + "area".ljust(width) + "  " + "  ".join(coverage.grades))
    for area, reached in coverage.area_grades.items():
        marks = "  ".join(
            ("yes" if grade in reached else "NO").ljust(len(grade)) for grade in coverage.grades
        )
        lines.append(f"  {area.ljust(width)}  {marks}")
    rules = len(coverage.rules & set(coverage.all_rules))
    limiters = len(coverage.limiters & set(coverage.all_limiters))
    lines.append(
        f"  rules exercised: {rules}/{len(coverage.all_rules)}; limiters fired: {limiters}/{len(coverage.all_limiters)}"
    )
    lines.extend(f"  gap: {gap}" for gap in coverage.gaps())
    passed = sum(1 for result in report.results if result.passed)
    lines.append(f"{passed} passed, {len(report.failed)} failed")
    return "\n".join(lines) + "\n"
