"""Realistic student submissions, one module per assignment (see tests/test_realistic_submissions.py)."""
