"""Built-in rule packs, shipped inside the wheel as `engine.rules` (data only, no code)."""
