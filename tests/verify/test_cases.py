"""`ilacs test`: YAML cases and boundary rows, failures at their lines, coverage enforced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli.app import app
from engine.verify.cases import run_pack_tests

runner = CliRunner()


@pytest.mark.parametrize("pack", ["ilacs-2026", "ilacs-2023", "tests/fixtures/packs/mini"])
def test_shipped_pack_tests_pass_with_full_coverage(pack: str) -> None:
    report = run_pack_tests(pack)
    assert [(result.name, result.failures) for result in report.failed] == []
    assert report.coverage.gaps() == []
    assert report.ok


def test_ilacs_2023_runs_its_parents_cases_too() -> None:
    names = {result.name for result in run_pack_tests("ilacs-2023").results}
    assert "base-is-good-everywhere" in names
    assert "leaders-outstanding-one-practice-outstanding-is-borderline" in names


def test_failures_are_reported_at_their_line_and_exit_1(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pack = copy_tree(mini_pack_dir)
    cases = pack / "tests" / "cases.yaml"
    cases.write_text(cases.read_text().replace("overall: outstanding", "overall: good"))
    result = runner.invoke(app, ["test", str(pack)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        f"{cases}:13:5: FAIL outstanding-protection: overall: want good, got outstanding" in lines
    )
    assert lines[-1] == "7 passed, 1 failed"


def test_boundary_rows_fail_when_a_cut_moves(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pack = copy_tree(mini_pack_dir)
    area = pack / "workforce.yaml"
    area.write_text(area.read_text().replace("at: 16.8", "at: 16.5"))
    report = run_pack_tests(pack)
    (failed,) = report.failed
    assert failed.failures == ["caseload-band at 16.8: want good, got requires-improvement"]


def test_coverage_gap_fails_the_run(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pack = copy_tree(mini_pack_dir)
    cases = pack / "tests" / "cases.yaml"
    text = cases.read_text()
    start = text.index("  - id: stretched-workforce")
    end = text.index("boundaries:")
    cases.write_text(text[:start] + text[end:])
    result = runner.invoke(app, ["test", str(pack), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["failed"] == []
    assert data["coverage"]["gaps"] == [
        "no case reaches 'requires-improvement' for area 'workforce'"
    ]
