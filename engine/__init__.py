"""ILACS self-evaluation engine: declarative rule packs, explained judgement suggestions.

The public API is small on purpose::

    import engine
    pack = engine.load_pack("ilacs-2026")          # built-in id or a pack folder
    bundle = engine.load_bundle("examples/riverside-2025")
    result = engine.evaluate(pack, bundle)         # a frozen, typed Evaluation

Importing the package is cheap: the loaders and evaluator are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine._version import __version__

if TYPE_CHECKING:
    from engine.api import evaluate, load_bundle, load_pack

__all__ = ["__version__", "evaluate", "load_bundle", "load_pack"]


def __getattr__(name: str) -> Any:
    if name in {"evaluate", "load_bundle", "load_pack"}:
        from engine import api

        return getattr(api, name)
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
