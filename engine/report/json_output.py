"""JSON rendering: the result document, byte-for-byte deterministic."""

from __future__ import annotations

from engine.model.result import Evaluation


def render_json(evaluation: Evaluation) -> str:
    """The evaluation as indented JSON with a trailing newline."""
    return evaluation.model_dump_json(indent=2) + "\n"
