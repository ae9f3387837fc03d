"""Loading packs: built-in and folder references, extends, reference errors at positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import LoadError
from engine.load.pack import load_pack
from engine.model.pack import CutPointRule


def diagnostics(reference: Path | str) -> list[tuple[str, str, int, int]]:
    with pytest.raises(LoadError) as caught:
        load_pack(reference)
    return [(Path(d.path).name, d.code, d.line, d.column) for d in caught.value.diagnostics]


def test_mini_pack_loads_with_origins(mini_pack_dir: Path) -> None:
    pack = load_pack(mini_pack_dir)
    assert pack.id == "mini"
    assert [area.id for area in pack.areas] == ["protection", "workforce"]
    rule = pack.area("protection").rules[0]
    assert rule.origin is not None
    assert (rule.origin.pack, rule.origin.file, rule.origin.line) == ("mini", "protection.yaml", 6)
    assert pack.content_hash.startswith("sha256:")


def test_extends_overrides_adds_and_retires(mini_pack_dir: Path) -> None:
    pack = load_pack(mini_pack_dir.parent / "mini-local")
    assert pack.lineage == ["mini-local", "mini"]
    protection = pack.area("protection")
    assert [rule.id for rule in protection.rules] == [
        "visits-band",
        "audit-band",
        "seen-alone-band",
    ]
    visits = protection.rules[0]
    assert isinstance(visits, CutPointRule)
    assert visits.cuts[0].at == 98
    assert visits.origin is not None and visits.origin.pack == "mini-local"
    audit = protection.rules[1]
    assert audit.origin is not None and audit.origin.pack == "mini"
    assert [limiter.id for limiter in protection.limiters] == [
        "visits-shortfall",
        "practice-evidence",
    ]
    assert protection.aggregation.kind == "weighted-best-fit"
    assert pack.area("workforce").rules[0].id == "caseload-band"
    assert pack.overall is None
    assert {indicator.id for indicator in pack.indicators} >= {"visits", "seen-alone"}


def test_content_hash_ignores_rule_order(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_pack_dir)
    text = (copy / "workforce.yaml").read_text()
    caseload, agency = text.split("  - kind: cut-points\n")[1:3]
    agency_body, tail = agency.split("limiters:")
    reordered = text.split("  - kind: cut-points\n")[0] + "  - kind: cut-points\n" + agency_body
    reordered += "  - kind: cut-points\n" + caseload + "limiters:" + tail
    (copy / "workforce.yaml").write_text(reordered)
    assert load_pack(copy).content_hash == load_pack(mini_pack_dir).content_hash


def test_unknown_indicator_and_grade_are_placed_with_suggestions(
    copy_tree, mini_pack_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_pack_dir)
    text = (copy / "protection.yaml").read_text()
    text = text.replace("indicator: audit\n", "indicator: audits\n").replace(
        "grade: requires-improvement\n    because: serious",
        "grade: requires-improvment\n    because: serious",
    )
    (copy / "protection.yaml").write_text(text)
    with pytest.raises(LoadError) as caught:
        load_pack(copy)
    found = {(d.code, d.line, d.column): d.hint for d in caught.value.diagnostics}
    assert found == {
        ("P001", 18, 16): "did you mean 'audit'?",
        ("P002", 39, 12): "did you mean 'requires-improvement'?",
    }


def test_retiring_an_unknown_rule_is_an_error(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    parent = copy_tree(mini_pack_dir, "mini")
    child = copy_tree(mini_pack_dir.parent / "mini-local")
    text = (child / "protection.yaml").read_text().replace("[rereferral-band]", "[rereferal-band]")
    (child / "protection.yaml").write_text(text)
    assert parent.is_dir()
    assert diagnostics(child) == [("protection.yaml", "P007", 2, 10)]


def test_missing_parent_is_reported_at_extends(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    child = copy_tree(mini_pack_dir.parent / "mini-local")
    assert diagnostics(child) == [("pack.yaml", "P004", 4, 10)]


def test_extends_cycle_is_reported(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    first = copy_tree(mini_pack_dir.parent / "mini-local", "first")
    second = copy_tree(mini_pack_dir.parent / "mini-local", "second")
    for folder, other in ((first, "second"), (second, "first")):
        text = (folder / "pack.yaml").read_text().replace("../mini", f"../{other}")
        (folder / "pack.yaml").write_text(text.replace("id: mini-local", f"id: {folder.name}"))
    assert ("pack.yaml", "P008", 1, 1) in diagnostics(first)


def test_duplicate_rule_ids_across_areas(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_pack_dir)
    text = (copy / "workforce.yaml").read_text().replace("id: agency-band", "id: visits-band")
    (copy / "workforce.yaml").write_text(text)
    assert diagnostics(copy) == [("workforce.yaml", "P005", 15, 9)]


def test_cuts_out_of_grade_order(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_pack_dir)
    text = (
        (copy / "workforce.yaml")
        .read_text()
        .replace(
            "      - {grade: outstanding, at: 14, source: t}\n      - {grade: good, at: 16.8, source: t}\n",
            "      - {grade: good, at: 16.8, source: t}\n      - {grade: outstanding, at: 14, source: t}\n",
        )
    )
    (copy / "workforce.yaml").write_text(text)
    assert diagnostics(copy) == [("workforce.yaml", "P012", 10, 7)]


def test_evidence_condition_in_overall_policy_is_refused(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_pack_dir)
    text = (
        (copy / "pack.yaml")
        .read_text()
        .replace(
            "when: {kind: count, areas: [protection, workforce], op: equal, grade: inadequate, at_least: 1}",
            "when: {kind: compare, indicator: visits, op: lt, value: 50, source: s}",
        )
    )
    (copy / "pack.yaml").write_text(text)
    assert diagnostics(copy) == [("pack.yaml", "P009", 17, 20)]


def test_unknown_pack_name_suggests_builtin() -> None:
    with pytest.raises(LoadError) as caught:
        load_pack("ilacs-2062")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "P004"
