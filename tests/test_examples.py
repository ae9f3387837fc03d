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


def pack_for(bundle: Path) -> str:
    """The built-in pack a bundle was prepared for (ilacs-2026 when it names none)."""
    prepared = engine.load_bundle(bundle).manifest.prepared_for
    return (
        prepared.pack
        if prepared is not None and prepared.pack.startswith("ilacs-")
        else "ilacs-2026"
    )


@pytest.mark.parametrize("bundle", BUNDLES, ids=[path.name for path in BUNDLES])
def test_example_matches_expected_result(bundle: Path) -> None:
    result = render_json(
        engine.evaluate(engine.load_pack(pack_for(bundle)), engine.load_bundle(bundle))
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


def test_dorset_examples_reflect_the_2019_visit_and_the_2025_inspection() -> None:
    pack = engine.load_pack("ilacs-2023")
    early = engine.evaluate(pack, engine.load_bundle(EXAMPLES / "dorset-2019-illustrative"))
    protection = next(area for area in early.areas if area.area == "help-and-protection")
    assert protection.grade == "requires-improvement"
    weak = {item.source for item in protection.improvements}
    assert {
        "audit-chronologies-band",
        "audit-plan-quality-band",
        "audit-management-oversight-band",
    } <= weak
    late = engine.evaluate(pack, engine.load_bundle(EXAMPLES / "dorset-2025-illustrative"))
    assert [area.grade for area in late.areas] == [
        "outstanding",
        "outstanding",
        "outstanding",
        "good",
    ]
    assert late.overall is not None and late.overall.grade == "outstanding"
    assert late.bundle.illustrative and early.bundle.illustrative


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
