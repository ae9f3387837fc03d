"""DESIGN.md section 5 invariants, as hypothesis properties, on the built-in packs and on generated ones."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.load.pack import load_pack
from engine.testing import make_bundle, properties
from engine.testing.strategies import evidence_values, indicators_used, random_pack_files
from engine.verify.check import check_packs

PACKS = ["ilacs-2026", "ilacs-2023", "tests/fixtures/packs/mini"]


@pytest.mark.parametrize("pack", PACKS)
def test_total(pack: str) -> None:
    properties.assert_total(pack)


@pytest.mark.parametrize("pack", PACKS)
def test_monotone(pack: str) -> None:
    properties.assert_monotone(pack)


@pytest.mark.parametrize("pack", PACKS)
def test_faithful(pack: str) -> None:
    properties.assert_faithful(pack)


@pytest.mark.parametrize("pack", PACKS)
def test_deterministic(pack: str) -> None:
    properties.assert_deterministic(pack)


@pytest.mark.parametrize("pack", PACKS)
def test_counterfactuals_hold(pack: str) -> None:
    properties.assert_counterfactuals_hold(pack)


@pytest.mark.parametrize(
    "pack", ["ilacs-2026", "tests/fixtures/packs/mini", "tests/fixtures/packs/mini-local"]
)
def test_order_free(pack: str) -> None:
    properties.assert_order_free(pack)


@pytest.mark.parametrize("pack", PACKS)
def test_round_trip(pack: str) -> None:
    properties.assert_round_trip(pack)


def write_pack(files: dict[str, Any], folder: Path) -> Path:
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return folder


@settings(max_examples=40)
@given(random_pack_files(), st.data())
def test_generated_packs_load_check_clean_and_hold_the_invariants(
    files: dict[str, Any], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = write_pack(files, Path(temporary))
        pack = load_pack(folder)
        report = check_packs([folder])
        properties.assert_round_trip(folder)
    serious = [
        d.render()
        for d in report.problems
        if d.code[:2] in {"C1", "C2"} or d.code in {"C302", "C501", "C402"}
    ]
    assert serious == []
    for _ in range(5):
        values = data.draw(evidence_values(pack))
        properties.check_faithful_once(pack, make_bundle(values))
        indicator = data.draw(st.sampled_from(indicators_used(pack)))
        properties.check_monotone_once(
            pack, values, indicator, data.draw(st.floats(min_value=1e-6, max_value=50))
        )
