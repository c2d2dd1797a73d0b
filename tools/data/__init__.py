"""Rebuilding data/ from the papers' source tables (maintainers only)."""
