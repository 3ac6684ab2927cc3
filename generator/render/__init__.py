"""Pipeline stage: render."""
