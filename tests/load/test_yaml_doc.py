"""The strict YAML loader: duplicates, timestamps, aliases, positions."""

from __future__ import annotations

import pytest

from engine.errors import LoadError
from engine.load.yaml_doc import parse_yaml


def keys(error: LoadError) -> list[tuple[str, int, int]]:
    return [diagnostic.key() for diagnostic in error.diagnostics]


def test_positions_are_one_based_for_keys_and_values() -> None:
    document = parse_yaml("a: 1\nb:\n  - x: y\n", "t.yaml")
    assert document.position(("a",)) == (1, 4)
    assert document.position(("a",), of_key=True) == (1, 1)
    assert document.position(("b", 0, "x")) == (3, 8)
    assert document.position(("b", 0, "x"), of_key=True) == (3, 5)


def test_unknown_path_falls_back_to_nearest_ancestor() -> None:
    document = parse_yaml("a:\n  b: 1\n", "t.yaml")
    assert document.position(("a", "missing")) == (2, 3)


def test_duplicate_keys_are_refused_with_both_positions() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("id: one\nother: 2\nid: two\n", "t.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.key() == ("L003", 3, 1)
    assert "line 1, column 1" in diagnostic.message


def test_every_duplicate_is_reported() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "t.yaml")
    assert keys(caught.value) == [("L003", 2, 1), ("L003", 5, 3)]


def test_dates_stay_text_so_models_parse_them() -> None:
    assert parse_yaml("as_of: 2025-03-31\n", "t.yaml").data == {"as_of": "2025-03-31"}


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(LoadError) as caught:
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert caught.value.diagnostics[0].code == "L005"


def test_small_aliases_are_fine() -> None:
    document = parse_yaml("base: &b {x: 1}\nother: *b\n", "t.yaml")
    assert document.data == {"base": {"x": 1}, "other": {"x": 1}}


def test_syntax_error_has_position() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: [1, 2\nb: 3\n", "t.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "L002"
    assert diagnostic.line == 2


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: " + "[" * 80 + "]" * 80 + "\n", "t.yaml")
    assert caught.value.diagnostics[0].code == "L005"


def test_oversized_text_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: " + "x" * (6 * 1024 * 1024), "t.yaml")
    assert caught.value.diagnostics[0].code == "L004"


def test_empty_document_is_none() -> None:
    assert parse_yaml("", "t.yaml").data is None
