"""The `ilacs` command line: parses arguments, calls the library, maps errors to exit codes."""

from engine.cli.app import main

__all__ = ["main"]
