"""Benchmarks of factbot against naive baselines, on synthetic fact bases of growing size."""
