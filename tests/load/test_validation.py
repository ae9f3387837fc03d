"""Pydantic errors rewritten into our sentences at file positions."""

from __future__ import annotations

import pytest

from engine.errors import LoadError
from engine.load.validation import validate_document
from engine.load.yaml_doc import parse_yaml
from engine.model.pack import AreaSpec

AREA = """\
id: leaders
aggregation: {kind: weighted-best-fit, share: 1.5}
rules:
  - kind: cut-point
    id: a
  - kind: cut-points
    id: Bad Id
    indicator: x
    wieght: 2
    cuts: [{grade: good, at: abc, source: s}]
    because: b
limiters:
  - id: l
    title: t
    when: {kind: compare, indicator: x, op: lte, value: 3, source: s}
    effect: cap
    grade: good
    because: b
  - id: m
    title: t
    when: {kind: compare, indicator: x, op: lt, value: 3, source: s}
    effect: cap
    because: b
"""


def problems(text: str) -> list[tuple[str, int, int, str, str | None]]:
    with pytest.raises(LoadError) as caught:
        validate_document(AreaSpec, parse_yaml(text, "area.yaml"))
    return [(d.code, d.line, d.column, d.message, d.hint) for d in caught.value.diagnostics]


def test_every_problem_is_reported_at_its_position() -> None:
    found = problems(AREA)
    assert [(code, line, column) for code, line, column, _, _ in found] == [
        ("L012", 2, 47),
        ("L013", 4, 11),
        ("L012", 7, 9),
        ("L011", 9, 5),
        ("L012", 10, 30),
        ("L012", 15, 45),
        ("L010", 19, 5),
    ]


def test_messages_are_plain_sentences_with_suggestions() -> None:
    found = {(line, column): (message, hint) for _, line, column, message, hint in problems(AREA)}
    assert found[(4, 11)] == (
        "unknown kind 'cut-point'; expected one of: cut-points, intervals",
        "did you mean 'cut-points'?",
    )
    assert found[(9, 5)] == ("unknown field 'wieght'", "did you mean 'weight'?")
    assert found[(10, 30)][0] == "expected a number, found 'abc'"
    assert found[(15, 45)][0] == "'lte' is not one of: lt, le, gt, ge"
    assert found[(19, 5)][0] == "missing required field 'grade' in limiters.1"
    assert found[(2, 47)][0] == "1.5 must be at most 1.0"


def test_top_level_must_be_a_mapping() -> None:
    found = problems("- a\n- b\n")
    assert found[0][:3] == ("L010", 1, 1)
