"""Validate parsed data against a model and rewrite pydantic's errors into our own sentences.

Pydantic's messages are precise but speak Python ("Input should be a valid number, unable to
parse string as a number"); users get one line each, at the file position of the offending key
or value, with a suggestion where one fits. The raw pydantic dump never reaches them.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from engine.errors import Diagnostic, LoadError, did_you_mean
from engine.load.yaml_doc import PathKey, YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)

_QUOTED = re.compile(r"'([^']*)'")


def validate_document(model: type[ModelT], document: YamlDocument) -> ModelT:
    """Validate `document.data` as `model`, raising LoadError with one diagnostic per problem."""
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else _a(type(document.data).__name__)
        raise LoadError(
            [document.diagnostic((), "L010", f"expected a mapping of fields, found {found}")]
        )
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        fields = _field_names(model)
        raise LoadError(
            [_diagnostic(document, detail, fields) for detail in error.errors(include_url=False)]
        ) from None


def _resolve(data: Any, loc: tuple[str | int, ...]) -> tuple[PathKey, tuple[str | int, ...]]:
    """Follow `loc` through `data`, skipping pydantic's union-tag steps; return (found, rest)."""
    path: list[str | int] = []
    current = data
    rest: list[str | int] = []
    for step in loc:
        following: Any
        if isinstance(current, dict) and step in current:  # noqa: SIM114 -- one branch per container keeps mypy narrowing
            following = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            following = current[step]
        else:
            rest.append(step)
            continue
        path.append(step)
        current = following
        rest = []
    return tuple(path), tuple(rest)


def _diagnostic(document: YamlDocument, detail: ErrorDetails, fields: set[str]) -> Diagnostic:
    loc = tuple(detail["loc"])
    path, rest = _resolve(document.data, loc)
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    where = ".".join(str(step) for step in path) or "document"
    if kind == "missing":
        name = str(loc[-1]) if loc else "?"
        return document.diagnostic(path, "L010", f"missing required field '{name}' in {where}")
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        return document.diagnostic(
            path, "L011", f"unknown field '{name}'", did_you_mean(name, fields), of_key=True
        )
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        expected = _QUOTED.findall(str(context.get("expected_tags", "")))
        tag = context.get("tag")
        if kind == "union_tag_not_found":
            return document.diagnostic(
                path, "L013", f"missing 'kind'; expected one of: {', '.join(expected)}"
            )
        return document.diagnostic(
            (*path, "kind"),
            "L013",
            f"unknown kind '{tag}'; expected one of: {', '.join(expected)}",
            did_you_mean(str(tag), expected),
        )
    message, hint = value_message(kind, value, context, str(detail.get("msg", "")))
    if rest and kind not in {"value_error", "assertion_error"}:
        message = f"{'.'.join(str(step) for step in rest)}: {message}"
    return document.diagnostic(path, "L012", message, hint)


def value_message(
    kind: str, value: Any, context: dict[str, Any], fallback: str
) -> tuple[str, str | None]:
    shown = repr(value) if not isinstance(value, dict | list) else _a(type(value).__name__)
    if kind in {"enum", "literal_error"}:
        expected = _QUOTED.findall(str(context.get("expected", "")))
        return (
            f"{shown} is not one of: {', '.join(expected)}",
            did_you_mean(str(value), expected),
        )
    if kind == "string_pattern_mismatch":
        return (
            f"{shown} is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. 'cp-visits-within-standard'",
        )
    if kind == "finite_number":
        return (f"expected a finite number, found {shown}", None)
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        whole = kind.startswith("int")
        return (f"expected {'a whole number' if whole else 'a number'}, found {shown}", None)
    if kind in {
        "date_parsing",
        "date_from_datetime_parsing",
        "date_type",
        "date_from_datetime_inexact",
    }:
        return (f"expected a date as YYYY-MM-DD, found {shown}", None)
    if kind in {"bool_parsing", "bool_type"}:
        return (f"expected true or false, found {shown}", None)
    if kind in {"string_type"}:
        return (f"expected text, found {shown}", None)
    if kind in {"list_type"}:
        return (f"expected a list, found {shown}", None)
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return (f"expected a mapping of fields, found {shown}", None)
    if kind in {"too_short", "string_too_short"}:
        return ("must not be empty", None)
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        bound = next(iter(context.values()), "?")
        return (f"{shown} must be {words} {bound}", None)
    if kind in {"value_error", "assertion_error"}:
        return (fallback.removeprefix("Value error, ").removeprefix("Assertion failed, "), None)
    return (fallback[:1].lower() + fallback[1:], None)


def _a(name: str) -> str:
    """'a list', 'an int'."""
    return f"an {name}" if name[:1] in "aeiou" else f"a {name}"


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field name of `model` and the models reachable from it, for 'did you mean'."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            pending.extend(_models_in(info.annotation))
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for argument in typing.get_args(annotation):
            found.extend(_models_in(argument))
    return found
