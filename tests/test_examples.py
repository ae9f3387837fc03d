"""Golden results: every example bundle's evaluation matches its checked-in expected.json.

After an intended change of the engine or the default pack, regenerate with
    ILACS_WRITE_GOLDEN=1 pytest tests/test_examples.py
and review the diff of the expected files like any other change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import engine
from engine.report.json_output import render_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUNDLES = sorted(path.parent for path in EXAMPLES.glob("*/bundle.yaml"))


@pytest.mark.parametrize("bundle", BUNDLES, ids=[path.name for path in BUNDLES])
def test_example_matches_expected_result(bundle: Path) -> None:
    result = render_json(
        engine.evaluate(engine.load_pack("ilacs-2026"), engine.load_bundle(bundle))
    )
    expected = bundle / "expected.json"
    if os.environ.get("ILACS_WRITE_GOLDEN") == "1":
        expected.write_text(result, encoding="utf-8")
    assert result == expected.read_text(encoding="utf-8")


def grades(name: str) -> dict[str, str | None]:
    result = engine.evaluate(engine.load_pack("ilacs-2026"), engine.load_bundle(EXAMPLES / name))
    return {area.area: area.grade for area in result.areas}


def test_examples_cover_the_three_situations() -> None:
    good = grades("riverside-2025")
    assert all(grade in {"outstanding", "good"} for grade in good.values())
    capped = engine.evaluate(
        engine.load_pack("ilacs-2026"), engine.load_bundle(EXAMPLES / "eastbrook-2025")
    )
    protection = next(area for area in capped.areas if area.area == "help-and-protection")
    assert protection.aggregation.grade == "good"
    assert protection.grade == "requires-improvement"
    assert [limiter.limiter for limiter in protection.limiters if limiter.changed_grade] == [
        "cp-visits-serious-shortfall"
    ]
    assert grades("northfield-2025")["care-leavers"] is None


def test_output_is_byte_identical_across_processes() -> None:
    command = [
        sys.executable,
        "-m",
        "engine.cli",
        "evaluate",
        str(EXAMPLES / "riverside-2025"),
        "--format",
        "json",
    ]
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            command, capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
