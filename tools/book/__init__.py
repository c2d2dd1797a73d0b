"""Executing chapters, learner notebooks, generated exercises and the web book."""
