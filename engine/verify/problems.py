"""A check's finding: a stable code, the item it concerns, and a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from engine.model.base import Origin

SubPath = tuple[str | int, ...]


@dataclass(frozen=True)
class CheckProblem:
    """A consistency problem at `origin` (+ `subpath` inside the item), with a stable code."""

    code: str
    origin: Origin
    subpath: SubPath
    message: str
    hint: str | None = None
