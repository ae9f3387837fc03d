"""The committed pack documentation is exactly what `ilacs docs` generates from the pack.

Regenerate after changing a pack with:
    ilacs docs ilacs-2026 -o rules/ilacs-2026/PACK.md && ilacs docs ilacs-2023 -o rules/ilacs-2023/PACK.md
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.load.pack import load_pack
from engine.report.pack_docs import render_pack_docs

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.mark.parametrize("pack_id", ["ilacs-2026", "ilacs-2023"])
def test_committed_docs_are_in_sync(pack_id: str) -> None:
    committed = (RULES / pack_id / "PACK.md").read_text(encoding="utf-8")
    assert committed == render_pack_docs(load_pack(pack_id)), (
        f"run: ilacs docs {pack_id} -o rules/{pack_id}/PACK.md"
    )


def test_docs_cite_every_threshold() -> None:
    pack = load_pack("ilacs-2026")
    text = render_pack_docs(pack)
    for area in pack.areas:
        assert f"## {area.title}" in text
        for rule in area.rules:
            assert f"`{rule.id}`" in text
        for limiter in area.limiters:
            assert f"`{limiter.id}`" in text
    assert "[S18] DfE CSWW 2025, LA 25th percentile 7.9%" in text
