"""Reading packs and bundles from disk: the only code in the package that opens files."""
