"""Pipeline stage: build."""
