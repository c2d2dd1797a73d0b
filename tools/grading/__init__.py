"""Otter assignments built from the exercise declarations, and sandboxed grading."""
