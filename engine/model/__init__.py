"""The vocabulary: frozen pydantic models for packs, evidence and results."""
