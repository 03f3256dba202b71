"""Benchmarks for syllabus: scripts that print tables; not part of the test run."""
