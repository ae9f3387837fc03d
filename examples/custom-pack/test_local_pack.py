"""Riverside's own tests for its local pack, written with the engine's testing kit.

Run with `pytest examples/custom-pack`. Each property is one line: the kit draws evidence for
this pack (values on and either side of every cut point) and checks the invariant.
"""

from __future__ import annotations

from pathlib import Path

from engine.testing import properties
from engine.verify.cases import run_pack_tests
from engine.verify.check import check_packs

PACK = Path(__file__).parent


def test_pack_is_consistent() -> None:
    assert [problem.render() for problem in check_packs([PACK]).problems] == []


def test_cases_pass_with_full_coverage() -> None:
    report = run_pack_tests(PACK)
    assert [(result.name, result.failures) for result in report.failed] == []
    assert report.coverage.gaps() == []


def test_total() -> None:
    properties.assert_total(PACK)


def test_monotone() -> None:
    properties.assert_monotone(PACK)


def test_faithful() -> None:
    properties.assert_faithful(PACK)


def test_deterministic() -> None:
    properties.assert_deterministic(PACK)


def test_counterfactuals_hold() -> None:
    properties.assert_counterfactuals_hold(PACK)


def test_round_trip() -> None:
    properties.assert_round_trip(PACK)
