"""Merging a pack with the packs it extends: pure, no files.

A local pack overrides its parent by id (indicators, rules, limiters), adds new items, and
retires parent items it names. The merged pack keeps each item's origin, so an explanation can
say which pack a rule came from. Problems come back as (item origin, sub-path, code, message)
so the loader, which has the YAML documents, can place them at a line and column.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from engine.model.base import Origin
from engine.model.pack import (
    Area,
    AreaSpec,
    BandRule,
    Indicator,
    IndicatorCatalogue,
    Limiter,
    PackManifest,
    RulePack,
    Settings,
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_HasId)


@dataclass(frozen=True)
class PackSource:
    """One pack's own files, validated but not merged. `areas` follows the manifest's order."""

    manifest: PackManifest
    manifest_origin: Origin
    catalogue: IndicatorCatalogue | None
    areas: list[tuple[AreaSpec, Origin]]


@dataclass(frozen=True)
class PackProblem:
    """A problem found while merging, placed relative to an item's origin."""

    origin: Origin
    subpath: tuple[str | int, ...]
    code: str
    message: str
    hint: str | None = None


@dataclass
class _AreaDraft:
    id: str
    title: str | None
    criterion: str | None
    spec_origin: Origin
    aggregation: Any = None
    minimum_coverage: float | None = None
    rules: list[BandRule] = field(default_factory=list)
    limiters: list[Limiter] = field(default_factory=list)


def merge_chain(chain: list[PackSource]) -> tuple[RulePack | None, list[PackProblem]]:
    """Merge `chain` (root ancestor first, the requested pack last) into one RulePack."""
    problems: list[PackProblem] = []
    root, leaf = chain[0], chain[-1]
    scale = root.manifest.scale
    if scale is None:
        problems.append(
            PackProblem(root.manifest_origin, ("id",), "P010", "a root pack must declare 'scale'")
        )
        return None, problems
    indicators: dict[str, Indicator] = {}
    drafts: dict[str, _AreaDraft] = {}
    overall = None
    settings = Settings()
    for source in chain:
        manifest = source.manifest
        if source is not root and manifest.scale is not None and manifest.scale != scale:
            problems.append(
                PackProblem(
                    source.manifest_origin,
                    ("scale",),
                    "P010",
                    "a pack that extends another cannot change the grade scale",
                    "remove 'scale' from this pack",
                )
            )
        if source.catalogue is not None:
            for indicator in source.catalogue.indicators:
                indicators[indicator.id] = indicator
        for spec, origin in source.areas:
            _merge_area(drafts, spec, origin, manifest, problems)
        if manifest.drop_overall:
            overall = None
        if manifest.overall is not None:
            overall = manifest.overall
        if manifest.settings is not None:
            settings = settings.model_copy(
                update={
                    name: getattr(manifest.settings, name)
                    for name in manifest.settings.model_fields_set
                }
            )
    areas: list[Area] = []
    for draft in drafts.values():
        if not draft.rules:
            problems.append(
                PackProblem(
                    draft.spec_origin,
                    ("id",),
                    "P011",
                    f"area '{draft.id}' has no band rules, so it could never be graded",
                )
            )
            continue
        missing = [
            name
            for name, value in (
                ("title", draft.title),
                ("aggregation", draft.aggregation),
                ("minimum_coverage", draft.minimum_coverage),
            )
            if value is None
        ]
        if missing:
            problems.append(
                PackProblem(
                    draft.spec_origin,
                    (),
                    "P011",
                    f"area '{draft.id}' has no {', '.join(missing)} (and no parent pack gives one)",
                )
            )
            continue
        areas.append(
            Area(
                id=draft.id,
                title=draft.title or draft.id,
                criterion=draft.criterion,
                aggregation=draft.aggregation,
                minimum_coverage=draft.minimum_coverage or 0.0,
                rules=draft.rules,
                limiters=draft.limiters,
            )
        )
    if problems:
        return None, problems
    lineage = [source.manifest.id for source in reversed(chain)]
    body: dict[str, Any] = {
        "id": leaf.manifest.id,
        "title": leaf.manifest.title,
        "version": leaf.manifest.version,
        "framework": leaf.manifest.framework,
        "lineage": lineage,
        "scale": scale,
        "indicators": list(indicators.values()),
        "areas": areas,
        "overall": overall,
        "settings": settings,
        "description": leaf.manifest.description,
    }
    unhashed = RulePack.model_construct(**body, content_hash="")
    return RulePack.model_validate({**body, "content_hash": pack_hash(unhashed)}), problems


def _merge_area(
    drafts: dict[str, _AreaDraft],
    spec: AreaSpec,
    origin: Origin,
    manifest: PackManifest,
    problems: list[PackProblem],
) -> None:
    ref_title = next((ref.title for ref in manifest.areas or [] if ref.id == spec.id), None)
    draft = drafts.get(spec.id)
    if draft is None:
        draft = _AreaDraft(id=spec.id, title=None, criterion=None, spec_origin=origin)
        drafts[spec.id] = draft
        for retired in spec.retire:
            problems.append(
                PackProblem(
                    origin, ("retire",), "P007", f"cannot retire '{retired}': no parent defines it"
                )
            )
    else:
        known = {rule.id for rule in draft.rules} | {limiter.id for limiter in draft.limiters}
        for index, retired in enumerate(spec.retire):
            if retired not in known:
                problems.append(
                    PackProblem(
                        origin,
                        ("retire", index),
                        "P007",
                        f"cannot retire '{retired}': the parent's area '{spec.id}' has no such rule or limiter",
                    )
                )
        draft.rules = [rule for rule in draft.rules if rule.id not in spec.retire]
        draft.limiters = [limiter for limiter in draft.limiters if limiter.id not in spec.retire]
    draft.spec_origin = origin
    draft.title = spec.title or ref_title or draft.title
    draft.criterion = spec.criterion or draft.criterion
    if spec.aggregation is not None:
        draft.aggregation = spec.aggregation
    if spec.minimum_coverage is not None:
        draft.minimum_coverage = spec.minimum_coverage
    draft.rules = _override_by_id(draft.rules, spec.rules)
    draft.limiters = _override_by_id(draft.limiters, spec.limiters)


def _override_by_id(base: list[ItemT], overrides: list[ItemT]) -> list[ItemT]:
    result = list(base)
    positions = {item.id: index for index, item in enumerate(result)}
    for item in overrides:
        if item.id in positions:
            result[positions[item.id]] = item
        else:
            positions[item.id] = len(result)
            result.append(item)
    return result


def pack_hash(pack: RulePack) -> str:
    """sha256 of the pack's canonical content: items sorted by id, origins left out.

    Sorting makes the hash independent of the order rules are written in, which is not part of
    a pack's meaning (the order of areas, grades and overall steps is, and is kept).
    """
    data = pack.model_dump(mode="json", exclude={"content_hash"})
    data["indicators"] = sorted(data["indicators"], key=lambda item: item["id"])
    for area in data["areas"]:
        area["rules"] = sorted(area["rules"], key=lambda item: item["id"])
        area["limiters"] = sorted(area["limiters"], key=lambda item: item["id"])
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
