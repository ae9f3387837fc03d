"""Shared building blocks of the vocabulary: the frozen base model and the id types.

Every model is frozen and forbids unknown fields, so a typo in a rule pack is an error
rather than a silently ignored key, and a loaded pack can be shared without defensive copies.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

KEBAB_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=KEBAB_ID_PATTERN, max_length=80),
    Field(description="A stable kebab-case identifier, e.g. `cp-visits-within-standard`."),
]
"""A stable, kebab-case identifier for indicators, rules, limiters, areas, grades and packs."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
"""Non-empty human-readable text."""


class Model(BaseModel):
    """Base of every model: frozen, strict about unknown fields, documented."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        use_attribute_docstrings=False,
    )


class Origin(Model):
    """Where a rule, limiter or indicator was written: which pack, which file, which line.

    Paths are relative to the pack folder so results do not depend on where a pack is installed.
    """

    pack: str = Field(description="Id of the pack that declared this item.")
    file: str = Field(description="File, relative to that pack's folder.")
    line: int = Field(ge=1, description="1-based line of the item's first key.")
    column: int = Field(ge=1, description="1-based column of the item's first key.")
    pointer: SkipJsonSchema[tuple[str | int, ...]] = Field(default=(), exclude=True)

    def label(self) -> str:
        """`pack/file:line` as people quote it."""
        return f"{self.pack}/{self.file}:{self.line}"
