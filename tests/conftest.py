"""Shared pytest set-up.

``pytester`` runs pytest for real to test ropa-check's pytest plugin. The suite
runs as of a fixed date, so rules that compare dates (a record's last review,
a waiver's expiry) give the same result next year; a test that wants another
date sets ``ROPA_CHECK_TODAY`` or passes ``--today`` itself.
"""

from __future__ import annotations

import os

from hypothesis import settings

pytest_plugins = ["pytester"]

# CI must be reproducible: the same examples on every run (an upstream seed can never turn main red). Locally
# hypothesis explores new examples each run, which is where it finds new cases.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

TEST_TODAY = "2026-11-25"
os.environ.setdefault("ROPA_CHECK_TODAY", TEST_TODAY)
