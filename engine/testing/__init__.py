"""A kit for rule authors: build bundles in code, and (with hypothesis) generate evidence."""

from engine.testing.bundles import make_bundle

__all__ = ["make_bundle"]
