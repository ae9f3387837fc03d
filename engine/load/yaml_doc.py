"""One YAML loader for every file: safe, strict and position-aware.

The loader is a `SafeLoader` subclass (the global one is never touched) that

* refuses duplicate keys, naming both positions;
* does not turn `2025-03-31` into a datetime (implicit timestamps are off), so dates are parsed
  by the models, with the models' error messages;
* bounds file size, nesting depth and alias expansion (a "billion laughs" file is refused);
* records the position of every key and value, so any validation error maps back to
  `file:line:column`, 1-based, converted once here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic, LoadError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (about 10x faster), else the pure-Python one."""


class StrictLoader(_BaseLoader):  # type: ignore[misc]  # base chosen at import; same interface
    """SafeLoader without implicit timestamps. Composition only; see `parse_yaml`."""

    yaml_implicit_resolvers = {  # noqa: RUF012 -- PyYAML reads this class attribute; replaced, never mutated
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML data plus the 1-based position of every value and key in it."""

    path: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(repr=False)
    keys: dict[PathKey, tuple[int, int]] = field(repr=False)

    def position(self, key: PathKey, *, of_key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at `key`, falling back to the nearest ancestor."""
        table = self.keys if of_key else self.values
        probe = key
        while probe:
            if probe in table:
                return table[probe]
            if of_key and probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def diagnostic(
        self,
        key: PathKey,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        of_key: bool = False,
    ) -> Diagnostic:
        """A diagnostic at the position of `key` in this document."""
        line, column = self.position(key, of_key=of_key)
        return Diagnostic(self.path, line, column, code, message, hint)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Walks a composed node graph into plain data, recording positions and refusing bad shapes."""

    def __init__(self, loader: StrictLoader, display_path: str) -> None:
        self.loader = loader
        self.display_path = display_path
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.active: set[int] = set()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> None:
        line, column = _mark(node)
        self.problems.append(Diagnostic(self.display_path, line, column, code, message, hint))

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _AbortError(node, "L005", f"document expands to more than {MAX_NODES} nodes")
        if len(path) > MAX_DEPTH:
            raise _AbortError(node, "L005", f"document is nested more than {MAX_DEPTH} levels deep")
        if id(node) in self.active:
            raise _AbortError(node, "L005", "an alias refers to the node that contains it")
        self.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            try:
                return self._mapping(node, path)
            finally:
                self.active.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            try:
                return [self.build(child, (*path, index)) for index, child in enumerate(node.value)]
            finally:
                self.active.discard(id(node))
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "L002", "a mapping key must be a plain value")
                continue
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.problem(key_node, "L002", "a mapping key must be a plain value")
                continue
            if key in first_seen:
                line, column = _mark(first_seen[key])
                self.problem(
                    key_node,
                    "L003",
                    f"duplicate key '{key}'; first defined at line {line}, column {column}",
                    "remove one of them",
                )
                continue
            first_seen[key] = key_node
            step: str | int = (
                key if isinstance(key, str | int) and not isinstance(key, bool) else str(key)
            )
            child = (*path, step)
            self.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result


class _AbortError(Exception):
    def __init__(self, node: yaml.Node, code: str, message: str) -> None:
        self.node = node
        self.code = code
        self.message = message
        super().__init__(message)


def parse_yaml(text: str, display_path: str) -> YamlDocument:
    """Parse one YAML document from `text`; raise LoadError with every problem found."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "L004", f"file is larger than {MAX_FILE_BYTES} bytes")]
        )
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(display_path, None, {(): (1, 1)}, {})
        builder = _Builder(loader, display_path)
        try:
            data = builder.build(node, ())
        except _AbortError as abort:
            line, column = _mark(abort.node)
            raise LoadError(
                [Diagnostic(display_path, line, column, abort.code, abort.message)]
            ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise LoadError(
            [Diagnostic(display_path, line, column, "L002", f"YAML: {problem}")]
        ) from None
    except yaml.YAMLError as error:
        raise LoadError([Diagnostic(display_path, 1, 1, "L002", f"YAML: {error}")]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise LoadError(builder.problems)
    return YamlDocument(display_path, data, builder.values, builder.keys)


def read_text(path: Path, display_path: str) -> str:
    """Read a UTF-8 text file, mapping every OS or decoding failure to a diagnostic."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LoadError([Diagnostic(display_path, 1, 1, "L001", "file not found")]) from None
    except OSError as error:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "L001", f"cannot read file: {error.strerror}")]
        ) from None
    if path.is_dir():
        raise LoadError([Diagnostic(display_path, 1, 1, "L001", "expected a file, found a folder")])
    if size > MAX_FILE_BYTES:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "L004", f"file is larger than {MAX_FILE_BYTES} bytes")]
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "L002", f"file is not UTF-8 text ({error.reason})")]
        ) from None
    except OSError as error:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "L001", f"cannot read file: {error.strerror}")]
        ) from None


def load_yaml_file(path: Path, display_path: str) -> YamlDocument:
    """Read and parse one YAML file."""
    return parse_yaml(read_text(path, display_path), display_path)
