"""Pipeline stage: merge."""
