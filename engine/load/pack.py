"""Reading rule packs: built-in ids or folders, `extends:` chains, merged and checked.

A pack reference is a built-in id (`ilacs-2026`, shipped inside the wheel and read with
`importlib.resources`) or a folder holding `pack.yaml`. Every file of every pack in the chain is
validated before merging, every problem is reported (not only the first), and the merged pack
is checked for sound references before anyone can evaluate with it.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from engine.errors import Diagnostic, LoadError, did_you_mean
from engine.load.validation import validate_document
from engine.load.yaml_doc import YamlDocument, load_yaml_file
from engine.merge import PackProblem, PackSource, merge_chain
from engine.model.base import Origin
from engine.model.pack import AreaSpec, IndicatorCatalogue, PackManifest, RulePack
from engine.references import check_references

MAX_CHAIN = 8
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class PackLocation:
    """Where a pack's files are, and how to name them in messages."""

    folder: Path
    display: str
    builtin: bool


def builtin_root() -> Path:
    """The folder of built-in packs inside the installed package."""
    return Path(str(importlib.resources.files("engine.rules")))


def builtin_pack_ids() -> list[str]:
    """Ids of the built-in packs, sorted."""
    root = builtin_root()
    return sorted(child.name for child in root.iterdir() if (child / "pack.yaml").is_file())


def locate_pack(reference: str | Path, *, relative_to: Path | None = None) -> PackLocation:
    """Resolve a pack reference: a folder path, or a built-in pack id."""
    text = str(reference)
    candidate = Path(text) if relative_to is None else relative_to / text
    if candidate.is_dir():
        return PackLocation(candidate, str(candidate), builtin=False)
    ids = builtin_pack_ids()
    if text in ids:
        return PackLocation(builtin_root() / text, f"<built-in>/{text}", builtin=True)
    hint = did_you_mean(text, ids) or f"built-in packs: {', '.join(ids)}"
    raise LoadError(
        [Diagnostic(text, 1, 1, "P004", "no pack folder or built-in pack by that name", hint)]
    )


def load_pack(reference: str | Path) -> RulePack:
    """Load, merge and check the pack `reference` (built-in id or folder)."""
    return load_pack_documents(reference)[0]


def load_pack_documents(
    reference: str | Path,
) -> tuple[RulePack, dict[tuple[str, str], YamlDocument]]:
    """Like `load_pack`, also returning each file's parsed document (for positions)."""
    location = locate_pack(reference)
    documents: dict[tuple[str, str], YamlDocument] = {}
    chain: list[PackSource] = []
    diagnostics: list[Diagnostic] = []
    seen: list[Path] = []
    current: PackLocation | None = location
    while current is not None:
        resolved = current.folder.resolve()
        if resolved in seen:
            diagnostics.append(
                Diagnostic(
                    f"{current.display}/pack.yaml",
                    1,
                    1,
                    "P008",
                    "packs extend each other in a cycle",
                )
            )
            break
        if len(seen) >= MAX_CHAIN:
            diagnostics.append(
                Diagnostic(
                    f"{current.display}/pack.yaml",
                    1,
                    1,
                    "P008",
                    f"more than {MAX_CHAIN} packs in an extends chain",
                )
            )
            break
        seen.append(resolved)
        source, parent, problems = _read_source(current, documents)
        diagnostics.extend(problems)
        if source is not None:
            chain.append(source)
        current = parent
    if diagnostics:
        raise LoadError(diagnostics)
    chain.reverse()
    pack, merge_problems = merge_chain(chain)
    if pack is not None:
        merge_problems = merge_problems + check_references(pack)
    if merge_problems or pack is None:
        raise LoadError([place(problem, documents) for problem in merge_problems])
    return pack, documents


def _read_source(
    location: PackLocation, documents: dict[tuple[str, str], YamlDocument]
) -> tuple[PackSource | None, PackLocation | None, list[Diagnostic]]:
    """Read one pack folder's files; return its source, its parent's location, and problems."""
    problems: list[Diagnostic] = []
    manifest_document, manifest = _read(location, "pack.yaml", PackManifest, problems)
    if manifest is None or manifest_document is None:
        return None, None, problems
    pack_id = manifest.id
    documents[(pack_id, "pack.yaml")] = manifest_document
    parent: PackLocation | None = None
    if manifest.extends is not None:
        try:
            parent = locate_pack(manifest.extends, relative_to=location.folder)
        except LoadError:
            try:
                parent = locate_pack(manifest.extends)
            except LoadError as error:
                line, column = manifest_document.position(("extends",))
                problems.append(
                    Diagnostic(
                        manifest_document.path,
                        line,
                        column,
                        "P004",
                        f"cannot find parent pack '{manifest.extends}'",
                        error.diagnostics[0].hint,
                    )
                )
    elif manifest.scale is None or manifest.areas is None:
        problems.append(
            manifest_document.diagnostic(
                (), "P010", "a pack that extends nothing must declare 'scale' and 'areas'"
            )
        )
    catalogue: IndicatorCatalogue | None = None
    catalogue_path = location.folder / "indicators.yaml"
    if catalogue_path.is_file() or manifest.extends is None:
        document, catalogue = _read(location, "indicators.yaml", IndicatorCatalogue, problems)
        if document is not None and catalogue is not None:
            documents[(pack_id, "indicators.yaml")] = document
            catalogue = _stamp_indicators(catalogue, pack_id, document, problems)
    areas: list[tuple[AreaSpec, Origin]] = []
    seen_areas: set[str] = set()
    for index, reference in enumerate(manifest.areas or []):
        if reference.id in seen_areas:
            problems.append(
                manifest_document.diagnostic(
                    ("areas", index, "id"), "P005", f"area '{reference.id}' is listed twice"
                )
            )
            continue
        seen_areas.add(reference.id)
        file_name = reference.file or f"{reference.id}.yaml"
        document, spec = _read(location, file_name, AreaSpec, problems)
        if document is None or spec is None:
            continue
        documents[(pack_id, file_name)] = document
        if spec.id != reference.id:
            problems.append(
                document.diagnostic(
                    ("id",),
                    "P006",
                    f"area file declares id '{spec.id}' but pack.yaml lists it as '{reference.id}'",
                )
            )
            continue
        areas.append(
            (
                _stamp_area(spec, pack_id, file_name, document),
                Origin(pack=pack_id, file=file_name, line=1, column=1, pointer=()),
            )
        )
    manifest = _stamp_overall(manifest, manifest_document)
    manifest_origin = Origin(pack=pack_id, file="pack.yaml", line=1, column=1, pointer=())
    return PackSource(manifest, manifest_origin, catalogue, areas), parent, problems


def _read(
    location: PackLocation, file_name: str, model: type[ModelT], problems: list[Diagnostic]
) -> tuple[YamlDocument | None, ModelT | None]:
    path = location.folder / file_name
    display = f"{location.display}/{file_name}"
    try:
        if not path.resolve().is_relative_to(location.folder.resolve()):
            raise LoadError(
                [Diagnostic(display, 1, 1, "L001", "pack files must stay inside the pack folder")]
            )
        document = load_yaml_file(path, display)
        return document, validate_document(model, document)
    except LoadError as error:
        problems.extend(error.diagnostics)
        return None, None


def _origin(
    pack_id: str, file_name: str, document: YamlDocument, pointer: tuple[str | int, ...]
) -> Origin:
    line, column = document.position(pointer)
    return Origin(pack=pack_id, file=file_name, line=line, column=column, pointer=pointer)


def _stamp_indicators(
    catalogue: IndicatorCatalogue, pack_id: str, document: YamlDocument, problems: list[Diagnostic]
) -> IndicatorCatalogue:
    stamped = []
    first: dict[str, int] = {}
    for index, indicator in enumerate(catalogue.indicators):
        if indicator.id in first:
            line, _ = document.position(("indicators", first[indicator.id]))
            problems.append(
                document.diagnostic(
                    ("indicators", index, "id"),
                    "P005",
                    f"duplicate indicator id '{indicator.id}'; first defined at line {line}",
                )
            )
            continue
        first[indicator.id] = index
        origin = _origin(pack_id, "indicators.yaml", document, ("indicators", index))
        stamped.append(indicator.model_copy(update={"origin": origin}))
    return catalogue.model_copy(update={"indicators": stamped})


def _stamp_area(spec: AreaSpec, pack_id: str, file_name: str, document: YamlDocument) -> AreaSpec:
    rules = [
        rule.model_copy(update={"origin": _origin(pack_id, file_name, document, ("rules", index))})
        for index, rule in enumerate(spec.rules)
    ]
    limiters = [
        limiter.model_copy(
            update={"origin": _origin(pack_id, file_name, document, ("limiters", index))}
        )
        for index, limiter in enumerate(spec.limiters)
    ]
    return spec.model_copy(update={"rules": rules, "limiters": limiters})


def _stamp_overall(manifest: PackManifest, document: YamlDocument) -> PackManifest:
    if manifest.overall is None:
        return manifest
    steps = [
        step.model_copy(
            update={
                "origin": _origin(manifest.id, "pack.yaml", document, ("overall", "rules", index))
            }
        )
        for index, step in enumerate(manifest.overall.rules)
    ]
    return manifest.model_copy(
        update={"overall": manifest.overall.model_copy(update={"rules": steps})}
    )


def place(problem: PackProblem, documents: dict[tuple[str, str], YamlDocument]) -> Diagnostic:
    origin = problem.origin
    document = documents.get((origin.pack, origin.file))
    if document is None:
        return Diagnostic(
            f"{origin.pack}/{origin.file}",
            origin.line,
            origin.column,
            problem.code,
            problem.message,
            problem.hint,
        )
    return document.diagnostic(
        (*origin.pointer, *problem.subpath), problem.code, problem.message, problem.hint
    )
