"""`python -m engine.cli` runs the command line."""

from engine.cli.app import main

main()
