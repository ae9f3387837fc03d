"""Verification of rule packs: static consistency checks and the pack test runner."""
