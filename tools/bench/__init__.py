"""`make bench`: timings and sizes, reported, never asserted."""
