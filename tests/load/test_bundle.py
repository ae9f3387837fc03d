"""Loading bundles: manifest, YAML and CSV observations, paths, duplicates, every error placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import LoadError
from engine.load.bundle import load_bundle


def problems(folder: Path) -> list[tuple[str, str, int, int]]:
    with pytest.raises(LoadError) as caught:
        load_bundle(folder)
    return [(Path(d.path).name, d.code, d.line, d.column) for d in caught.value.diagnostics]


def test_bundle_loads_yaml_and_csv_sorted(mini_bundle_dir: Path) -> None:
    bundle = load_bundle(mini_bundle_dir)
    assert [observation.indicator for observation in bundle.observations] == [
        "agency",
        "audit",
        "caseload",
        "rereferrals",
        "visits",
    ]
    agency = bundle.observations[0]
    assert agency.origin is not None and (agency.origin.file, agency.origin.line) == (
        "workforce.csv",
        3,
    )
    assert (
        bundle.judgement is not None and bundle.judgement.areas["protection"].grade == "outstanding"
    )
    assert bundle.content_hash.startswith("sha256:")


def test_hash_ignores_file_and_row_order(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    manifest = (
        (copy / "bundle.yaml")
        .read_text()
        .replace("[observations.yaml, workforce.csv]", "[workforce.csv, observations.yaml]")
    )
    (copy / "bundle.yaml").write_text(manifest)
    header, first, second = (copy / "workforce.csv").read_text().splitlines()
    (copy / "workforce.csv").write_text("\n".join([header, second, first]) + "\n")
    assert load_bundle(copy).content_hash == load_bundle(mini_bundle_dir).content_hash


def test_csv_errors_are_placed_at_the_cell(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "workforce.csv").write_text(
        "indicator,value,numerator,denominator,as_of,source,note\n"
        "caseload,lots,,,2024-09-30,Workforce census,\n"
        "agency,,30,20,2024-09-30,Workforce census,\n"
        "audit,5,,,31/03/2025,QA,\n"
    )
    assert problems(copy) == [
        ("workforce.csv", "E007", 2, 10),
        ("workforce.csv", "E007", 3, 9),
        ("workforce.csv", "E007", 4, 11),
    ]


def test_csv_unknown_column_suggests(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "workforce.csv").write_text("indicator,valu,source\ncaseload,1,x\n")
    with pytest.raises(LoadError) as caught:
        load_bundle(copy)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.key() == ("E007", 1, 11)
    assert diagnostic.hint == "did you mean 'value'?"


def test_paths_must_stay_inside_the_bundle(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    manifest = (copy / "bundle.yaml").read_text().replace("workforce.csv]", "../outside.csv]")
    (copy / "bundle.yaml").write_text(manifest)
    assert problems(copy) == [("bundle.yaml", "E005", 6, 28)]


def test_missing_listed_file_and_bad_yaml_are_both_reported(
    copy_tree, mini_bundle_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "workforce.csv").unlink()
    (copy / "observations.yaml").write_text("observations:\n  - {indicator: visits, value: 5}\n")
    assert problems(copy) == [
        ("bundle.yaml", "L001", 6, 28),
        ("observations.yaml", "L010", 2, 5),
    ]


def test_duplicate_observations_are_refused(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    with (copy / "workforce.csv").open("a") as stream:
        stream.write("visits,90,,,2025-03-31,Case system,\n")
    assert problems(copy) == [("workforce.csv", "E004", 4, 1)]


def test_numerator_above_denominator_is_an_error(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    text = (copy / "observations.yaml").read_text().replace("numerator: 180", "numerator: 280")
    (copy / "observations.yaml").write_text(text)
    with pytest.raises(LoadError) as caught:
        load_bundle(copy)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.key() == ("L012", 2, 5)
    assert diagnostic.message == "numerator 280 is above denominator 200"


def test_missing_folder() -> None:
    assert problems(Path("/nonexistent/bundle")) == [("bundle", "L001", 1, 1)]


def test_non_finite_numbers_are_refused(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "workforce.csv").write_text("indicator,value,source\ncaseload,inf,x\nagency,10,x\n")
    text = (copy / "observations.yaml").read_text().replace("value: 21.0", "value: .nan")
    (copy / "observations.yaml").write_text(text)
    with pytest.raises(LoadError) as caught:
        load_bundle(copy)
    assert [(Path(d.path).name, d.code, d.message) for d in caught.value.diagnostics] == [
        ("observations.yaml", "L012", "expected a finite number, found nan"),
        ("workforce.csv", "E007", "value: expected a number, found 'inf'"),
    ]


def test_csv_numbers_are_read_as_spreadsheets_write_them(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from engine.load.csv_observations import parse_number

    assert [parse_number(cell, allow_percent=True) for cell in ("1,200", "15.5", "81%", "1e3")] == [
        1200.0,
        15.5,
        81.0,
        1000.0,
    ]
    assert [
        parse_number(cell, allow_percent=False)
        for cell in ("15,5", "1_0", "\u0661\u0665", "81%", "")
    ] == [None] * 5
    copy = copy_tree(mini_bundle_dir)
    (copy / "workforce.csv").write_text('indicator,value,value,source\ncaseload,"15,5",1,x\n')
    with pytest.raises(LoadError) as caught:
        load_bundle(copy)
    assert [(d.code, d.line, d.column, d.message) for d in caught.value.diagnostics] == [
        ("E007", 1, 17, "column 'value' appears twice"),
    ]


def test_as_of_before_the_period_is_refused(copy_tree, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "bundle.yaml").write_text(
        (copy / "bundle.yaml").read_text().replace("as_of: 2025-04-30", "as_of: 2020-01-01")
    )
    with pytest.raises(LoadError) as caught:
        load_bundle(copy)
    assert (
        caught.value.diagnostics[0].message
        == "as_of 2020-01-01 is before the period starts (2024-04-01)"
    )
