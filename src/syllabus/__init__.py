"""syllabus: an offline terminal planner for self-study learning roadmaps."""

__version__ = "0.1.0"
